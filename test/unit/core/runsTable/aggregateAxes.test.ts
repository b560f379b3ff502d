import * as assert from 'node:assert/strict';
import { axisOption, parseAxis } from '../../../../src/core/runsTable/axisOption';
import {
  aggregateAxes,
  axisTitle,
  axisValue,
  scatterPoints,
  type AxisColumn,
} from '../../../../src/core/runsTable/chartData';
import type { Column, FiguresLookup, MetricFigures } from '../../../../src/core/runsTable/columns';
import { defaultAxes, parallelChoices, parallelData } from '../../../../src/core/runsTable/parallelData';
import { row } from './runsTableRows';

const figures = (min: number, max: number, at5?: number): MetricFigures => ({
  min,
  max,
  first: max,
  last: min,
  at: new Map([[5, at5]]),
});

/** Figures as the webview holds them: per metric key, per run (null: the run has no history). */
function lookupOf(held: Map<string, Map<string, MetricFigures | null>>): FiguresLookup {
  return (runId, key) => held.get(key)?.get(runId) ?? undefined;
}

const minLoss = { kind: 'agg', fn: 'min', key: 'loss' } as const;
const lossAt5 = { kind: 'agg', fn: 'step', key: 'loss', at: 5 } as const;

describe('runs table: aggregate columns as chart axes', () => {
  const rows = [
    row('a', { metrics: { loss: 0.2, acc: 0.9 }, params: { lr: '0.1' } }),
    row('b', { metrics: { loss: 0.3, acc: 0.8 }, params: { lr: '0.2' } }),
    row('c', { metrics: { loss: 0.4, acc: 0.7 }, params: { lr: '0.3' } }),
    row('d', { params: { lr: '0.4' } }),
  ];

  it('reads an aggregate through the figures lookup: nothing before they come, nor for NaN', () => {
    const held = new Map([['loss', new Map<string, MetricFigures | null>([['a', figures(0.1, 1, 0.5)]])]]);
    const look = lookupOf(held);
    const a = rows[0] ?? row('x');
    assert.equal(axisValue(a, minLoss, look), 0.1);
    assert.equal(axisValue(a, { kind: 'agg', fn: 'max', key: 'loss' }, look), 1);
    assert.equal(axisValue(a, { kind: 'agg', fn: 'first', key: 'loss' }, look), 1);
    assert.equal(axisValue(a, { kind: 'agg', fn: 'last', key: 'loss' }, look), 0.1);
    assert.equal(axisValue(a, lossAt5, look), 0.5);
    assert.equal(axisValue(a, { ...lossAt5, at: 7 }, look), undefined, 'a step not asked');
    assert.equal(axisValue(a, { kind: 'agg', fn: 'min', key: 'acc' }, look), undefined, 'another metric');
    assert.equal(axisValue(rows[1] ?? row('x'), minLoss, look), undefined, 'no figures yet');
    held.get('loss')?.set('b', null);
    assert.equal(axisValue(rows[1] ?? row('x'), minLoss, look), undefined, 'no history');
    held.get('loss')?.set('b', figures(NaN, NaN));
    assert.equal(axisValue(rows[1] ?? row('x'), minLoss, look), undefined, 'NaN is no position');
    // The metric's latest value is another axis than its aggregates.
    assert.equal(axisValue(a, { kind: 'metric', key: 'loss' }, look), 0.2);
  });

  it('places runs on a scatter of aggregates as their figures come, the others left out', () => {
    const byRun = new Map<string, MetricFigures | null>();
    const look = lookupOf(new Map([['loss', byRun]]));
    assert.deepEqual(scatterPoints(rows, minLoss, lossAt5, look), [], 'no figures: no point');
    byRun.set('a', figures(0.1, 1, 0.5));
    byRun.set('b', figures(0.2, 1));
    assert.deepEqual(scatterPoints(rows, minLoss, lossAt5, look), [{ runId: 'a', x: 0.1, y: 0.5 }]);
    byRun.set('b', figures(0.2, 1, 0.6));
    byRun.set('c', figures(0.3, 1, 0.7));
    const pts = scatterPoints(rows, minLoss, { kind: 'param', key: 'lr' }, look);
    assert.deepEqual(pts, [
      { runId: 'a', x: 0.1, y: 0.1 },
      { runId: 'b', x: 0.2, y: 0.2 },
      { runId: 'c', x: 0.3, y: 0.3 },
    ]);
    assert.equal(scatterPoints(rows, lossAt5, minLoss, look).length, 3, 'the step axis too');
  });

  it('draws an aggregate axis of the parallel chart: NaN until a run has figures, range from them', () => {
    const byRun = new Map<string, MetricFigures | null>([
      ['a', figures(0.1, 1)],
      ['c', figures(0.5, 1)],
    ]);
    const d = parallelData(
      rows,
      [{ kind: 'param', key: 'lr' }, minLoss],
      lookupOf(new Map([['loss', byRun]])),
    );
    assert.deepEqual(d.runIds, ['a', 'b', 'c', 'd'], 'each has lr');
    const at = (r: number, a: number): number => d.ys[r * 2 + a] ?? -1;
    assert.ok(at(0, 1) < at(2, 1), 'a lower min is lower');
    assert.ok(Number.isNaN(at(1, 1)) && Number.isNaN(at(3, 1)), 'no figures: no place');
    const axis = d.axes[1];
    assert.ok(axis !== undefined && axis.column === minLoss && axis.min < 0.1 && axis.max > 0.5);
    const only = parallelData(rows, [minLoss], lookupOf(new Map([['loss', byRun]])));
    assert.deepEqual(only.runIds, ['a', 'c'], 'runs with no value on any axis are left out');
  });

  it('offers the table’s aggregate columns after the metrics, once each; one is a default only when every run has it', () => {
    const columns: Column[] = [
      { kind: 'attr', attr: 'name' },
      { kind: 'metric', key: 'acc' },
      minLoss,
      { kind: 'agg', fn: 'step', key: 'loss', at: 5 },
      { ...minLoss },
      { kind: 'agg', fn: 'step', key: 'acc' },
    ];
    const shown = aggregateAxes(columns);
    assert.deepEqual(shown, [minLoss, lossAt5, { kind: 'agg', fn: 'step', key: 'acc', at: 0 }]);
    const choices = parallelChoices(rows, columns);
    assert.deepEqual(
      choices.map((c) => axisTitle(c)),
      ['param lr', 'metric acc', 'metric loss', 'loss (min)', 'loss (@5)', 'acc (@0)'],
    );
    const sparse = rows.slice(0, 3);
    const byRun = new Map<string, MetricFigures | null>([
      ['a', figures(0.1, 1)],
      ['b', figures(0.2, 1)],
    ]);
    const look = lookupOf(new Map([['loss', byRun]]));
    const titles = (): string[] => defaultAxes(sparse, choices, look).map((c) => axisTitle(c));
    assert.deepEqual(titles(), ['param lr', 'metric acc', 'metric loss'], 'a run without figures yet');
    byRun.set('c', figures(0.3, 1));
    assert.deepEqual(titles(), ['param lr', 'metric acc', 'metric loss', 'loss (min)']);
  });

  it('encodes an axis as an option value and back, whatever its key holds', () => {
    const hostile = [
      '',
      'loss',
      'a\u0000b',
      'agg\u0000min\u0000\u0000x',
      '\u0000',
      '<img src=x onerror=alert(1)>',
      'invoice\u202egpj.exe',
      '5',
      'x'.repeat(10_000),
    ];
    const axes: AxisColumn[] = hostile.flatMap((key): AxisColumn[] => [
      { kind: 'metric', key },
      { kind: 'param', key },
      { kind: 'agg', fn: 'min', key },
      { kind: 'agg', fn: 'max', key },
      { kind: 'agg', fn: 'first', key },
      { kind: 'agg', fn: 'last', key },
      { kind: 'agg', fn: 'step', key, at: 0 },
      { kind: 'agg', fn: 'step', key, at: 1_000_000 },
    ]);
    for (const c of axes) {
      assert.deepEqual(parseAxis(axisOption(c)), c);
    }
    assert.equal(new Set(axes.map(axisOption)).size, axes.length, 'no two axes share an option');
    // A step column without its step is the value at step 0, as its header says.
    assert.deepEqual(parseAxis(axisOption({ kind: 'agg', fn: 'step', key: 'k' })), {
      kind: 'agg',
      fn: 'step',
      key: 'k',
      at: 0,
    });
    for (const bad of [
      '',
      'loss',
      'tag\u0000k',
      'agg',
      'agg\u0000min',
      'agg\u0000min\u0000',
      'agg\u0000mean\u0000\u0000k',
      'agg\u0000min\u00003\u0000k',
      'agg\u0000step\u0000\u0000k',
      'agg\u0000step\u0000-1\u0000k',
      'agg\u0000step\u00001.5\u0000k',
      'agg\u0000step\u0000 1\u0000k',
      'agg\u0000step\u00001e3\u0000k',
      `agg\u0000step\u0000${'9'.repeat(20)}\u0000k`,
    ]) {
      assert.equal(parseAxis(bad), undefined, JSON.stringify(bad));
    }
  });

  it('titles an aggregate axis as its column header, cut like the others', () => {
    assert.equal(axisTitle(minLoss), 'loss (min)');
    assert.equal(axisTitle(lossAt5), 'loss (@5)');
    assert.equal(axisTitle({ kind: 'metric', key: 'acc' }), 'metric acc');
    assert.equal(axisTitle({ kind: 'agg', fn: 'max', key: 'k'.repeat(500) }, 60), `${'k'.repeat(60)} (max)`);
  });
});
