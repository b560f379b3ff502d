import * as assert from 'node:assert/strict';
import { cardPosition, cardWindow } from '../../../../src/core/runsTable/cardWindow';
import {
  axisValue,
  chartRunIds,
  latestValues,
  matchingKeys,
  numericParams,
  pointsPerRun,
  scatterPoints,
  selectedLast,
} from '../../../../src/core/runsTable/chartData';
import { row } from './runsTableRows';

const layout = { minWidth: 200, height: 150, gap: 10 };
const none = (): undefined => undefined;

describe('runs table charts: card window math and series shaping', () => {
  it('lays cards out in as many columns as fit and draws only the grid rows in view', () => {
    const w = cardWindow(0, { width: 830, height: 330 }, 3000, layout, 0);
    assert.equal(w.columns, 4);
    assert.equal(w.cardWidth, (830 - 30) / 4);
    // 330 px shows rows 0 and 1 and a part of row 2 (pitch 160): 3 rows of 4.
    assert.deepEqual([w.first, w.last], [0, 12]);
    assert.equal(w.totalHeight, 750 * 160 - 10);
    const far = cardWindow(160 * 500, { width: 830, height: 320 }, 3000, layout, 1);
    assert.deepEqual([far.first, far.last], [499 * 4, 503 * 4]);
    assert.deepEqual(cardPosition(4 * 500 + 2, far, layout), { x: 2 * (200 + 10), y: 500 * 160 });
  });

  it('keeps the card window bounded at the ends, on a narrow viewport and with no cards', () => {
    const end = cardWindow(1e9, { width: 830, height: 320 }, 3001, layout);
    assert.deepEqual([end.first, end.last], [3001, 3001]);
    const narrow = cardWindow(0, { width: 50, height: 330 }, 10, layout, 0);
    assert.equal(narrow.columns, 1);
    assert.equal(narrow.cardWidth, 200);
    assert.deepEqual([narrow.first, narrow.last], [0, 3]);
    const none = cardWindow(0, { width: 830, height: 320 }, 0, layout);
    assert.deepEqual([none.first, none.last, none.totalHeight], [0, 0, 0]);
  });

  it('asks at most four points per pixel, fewer as runs are added, at least 100', () => {
    assert.equal(pointsPerRun(300, 1), 1198);
    assert.equal(pointsPerRun(2000, 1), 2500);
    assert.equal(pointsPerRun(800, 100), 400);
    assert.equal(pointsPerRun(800, 1000), 100);
    assert.equal(pointsPerRun(0, 1), 100);
  });

  it('charts the shown runs that logged the metric, at most 1,000, the selected drawn last', () => {
    const rows = Array.from({ length: 1500 }, (_, i) =>
      row(`r${String(i)}`, { metrics: i % 3 === 0 ? { acc: i } : { loss: 1 } }),
    );
    const byId = new Map(rows.map((r) => [r.runId, r]));
    const ids = chartRunIds(
      rows.map((r) => r.runId),
      byId,
      'loss',
    );
    assert.equal(ids.length, 1000);
    assert.equal(ids[0], 'r1');
    assert.ok(ids.every((id) => byId.get(id)?.metrics.has('loss')));
    assert.deepEqual(chartRunIds(['r3', 'nope', 'r0'], byId, 'acc'), ['r3', 'r0']);
    assert.deepEqual(selectedLast(['a', 'b', 'c', 'd'], new Set(['b', 'a'])), ['c', 'd', 'a', 'b']);
  });

  it('places runs on a scatter by metric or numeric param, leaving out the others', () => {
    const rows = [
      row('a', { metrics: { acc: 0.9 }, params: { lr: '0.01', model: 'rf' } }),
      row('b', { metrics: { acc: 0.8 }, params: { lr: 'high' } }),
      row('c', { metrics: {}, params: { lr: '0.1' } }),
      row('d', { metrics: { acc: 0.7 }, params: { lr: ' ' } }),
      row('e', { metrics: { acc: 0.6 }, params: { lr: '1e-3' } }),
    ];
    const pts = scatterPoints(rows, { kind: 'param', key: 'lr' }, { kind: 'metric', key: 'acc' }, none);
    // In order of x (chart.js reads the x range from the ends of unparsed data).
    assert.deepEqual(pts, [
      { runId: 'e', x: 0.001, y: 0.6 },
      { runId: 'a', x: 0.01, y: 0.9 },
    ]);
    assert.equal(axisValue(rows[0] ?? row('x'), { kind: 'param', key: 'model' }, none), undefined);
    assert.deepEqual(numericParams(rows, ['lr', 'model']), ['lr']);
  });

  it('gives a card each run’s latest value, and finds keys by a case-insensitive search', () => {
    const rows = [
      row('a', { metrics: { m: 1 } }),
      row('b'),
      row('c', { metrics: { m: NaN } }),
      row('d', { metrics: { m: 3 } }),
    ];
    const v = latestValues(rows, 'm');
    assert.deepEqual(v.runIds, ['a', 'd']);
    assert.deepEqual([...v.values], [1, 3]);
    assert.deepEqual(matchingKeys(['Loss', 'acc', 'val_loss'], 'LOSS'), ['Loss', 'val_loss']);
    assert.deepEqual(matchingKeys(['a', 'b'], '  '), ['a', 'b']);
  });
});
