import * as assert from 'node:assert/strict';
import {
  isColumn,
  isRunsTableHostMessage,
  isRunsTableWebviewMessage,
  MAX_UPDATED_ROWS,
} from '../../../src/protocol/runsTable';
import { toWire } from '../../../src/core/runsTable/tableRow';
import { row } from '../core/runsTable/runsTableRows';

describe('runs table protocol', () => {
  const RUN = '5479c2e952464803bc764edb72ee0164';

  it('accepts the messages the webview sends, with exact keys', () => {
    assert.ok(isRunsTableWebviewMessage({ type: 'ready' }));
    assert.ok(isRunsTableWebviewMessage({ type: 'runsTable/action', action: 'compare', runIds: [RUN] }));
    assert.ok(
      isRunsTableWebviewMessage({
        type: 'runsTable/sort',
        column: { kind: 'agg', fn: 'step', key: 'loss', at: 100 },
        ascending: false,
      }),
    );
    assert.ok(isRunsTableWebviewMessage({ type: 'runsTable/needFigures', key: 'loss', steps: [0, 10] }));
  });

  it('refuses unknown types, extra keys, bad ids, unbounded keys and unknown column kinds', () => {
    assert.ok(!isRunsTableWebviewMessage({ type: 'toString' }));
    assert.ok(!isRunsTableWebviewMessage({ type: 'ready', extra: 1 }));
    assert.ok(!isRunsTableWebviewMessage({ type: 'runsTable/action', action: 'delete', runIds: [RUN] }));
    assert.ok(!isRunsTableWebviewMessage({ type: 'runsTable/action', action: 'compare', runIds: ['../x'] }));
    assert.ok(!isColumn({ kind: 'metric', key: 'x'.repeat(10_001) }));
    assert.ok(!isColumn({ kind: 'metric', key: 'a', fn: 'min' }));
    assert.ok(!isColumn({ kind: 'attr', attr: 'constructor' }));
    assert.ok(!isColumn({ kind: 'agg', fn: 'step', key: 'a', at: -1 }));
    assert.ok(!isColumn({ kind: 'script', key: 'a' }));
  });

  it("checks the rendered report's page timing: known keys, finite times", () => {
    const rendered = {
      type: 'runsTable/rendered',
      lines: 3,
      domRows: 3,
      domCells: 30,
      firstLines: ['a'],
      sortedBy: undefined,
      groupedBy: undefined,
      sortMs: undefined,
      filterLine: [],
      page: { origin: 1_700_000_000_000, scriptFetchedMs: 80, scriptStartMs: 90, firstLinesMs: 120 },
    };
    assert.ok(isRunsTableWebviewMessage(rendered));
    assert.ok(
      isRunsTableWebviewMessage({
        ...rendered,
        page: { origin: 1, scriptFetchedMs: undefined, scriptStartMs: 2, firstLinesMs: undefined },
      }),
    );
    assert.ok(!isRunsTableWebviewMessage({ ...rendered, page: undefined }));
    assert.ok(!isRunsTableWebviewMessage({ ...rendered, page: { ...rendered.page, origin: Infinity } }));
    assert.ok(!isRunsTableWebviewMessage({ ...rendered, page: { ...rendered.page, scriptStartMs: -1 } }));
    assert.ok(!isRunsTableWebviewMessage({ ...rendered, page: { ...rendered.page, firstLinesMs: '1' } }));
    assert.ok(!isRunsTableWebviewMessage({ ...rendered, page: { ...rendered.page, extra: 1 } }));
  });

  it('checks what the host sends', () => {
    assert.ok(
      isRunsTableHostMessage({ type: 'runsTable/rows', rows: [], reset: true, loaded: 0, done: true }),
    );
    assert.ok(
      !isRunsTableHostMessage({ type: 'runsTable/rows', rows: 'x', reset: true, loaded: 0, done: true }),
    );
  });

  it('checks the rows the host replaces: exact keys, typed fields, a bounded count', () => {
    const wire = {
      runId: RUN,
      name: 'train',
      status: 'RUNNING',
      startTime: 1_700_000_000_000,
      endTime: null,
      user: 'ana',
      source: 'train.py',
      parentId: null,
      metrics: [
        ['loss', 0.5],
        ['odd', 'NaN'],
      ],
      params: [['lr', '0.1']],
      tags: [['mlflow.runName', 'train']],
    };
    const update = (rows: unknown[]): unknown => ({ type: 'runsTable/updateRows', rows });
    assert.ok(isRunsTableHostMessage(update([wire])));
    assert.ok(isRunsTableHostMessage(update([{ ...wire, status: 'FINISHED', endTime: 1_700_000_060_000 }])));
    assert.ok(!isRunsTableHostMessage({ type: 'runsTable/updateRows', rows: [wire], extra: 1 }));
    // What the host makes of a run, odd numbers included, passes.
    const made = toWire(row(RUN, { status: 'RUNNING', metrics: { a: NaN, b: -Infinity }, parent: RUN }));
    assert.ok(isRunsTableHostMessage(update([made])));
    assert.ok(!isRunsTableHostMessage(update([{ ...wire, extra: 1 }])));
    assert.ok(!isRunsTableHostMessage(update([{ ...wire, runId: '../x' }])));
    assert.ok(!isRunsTableHostMessage(update([{ ...wire, endTime: undefined }])));
    assert.ok(!isRunsTableHostMessage(update([{ ...wire, metrics: [['loss', 'x']] }])));
    assert.ok(!isRunsTableHostMessage(update([{ ...wire, metrics: [['loss', Infinity]] }])));
    assert.ok(!isRunsTableHostMessage(update([{ ...wire, params: [['lr', 1]] }])));
    assert.ok(!isRunsTableHostMessage(update([{ ...wire, tags: [['a', 'b', 'c']] }])));
    assert.ok(!isRunsTableHostMessage(update([{ ...wire, parentId: 7 }])));
    assert.ok(!isRunsTableHostMessage({ type: 'runsTable/updateRows', rows: 'x' }));
    assert.ok(!isRunsTableHostMessage(update(Array.from({ length: MAX_UPDATED_ROWS + 1 }, () => wire))));
  });

  it('checks the local bounds the host applies: known columns, finite numbers, at most 20', () => {
    const bound = { column: { kind: 'agg', fn: 'min', key: 'loss' }, min: 0.1, max: 0.5 };
    assert.ok(
      isRunsTableHostMessage({ type: 'runsTable/applyBounds', bounds: [bound, { column: bound.column }] }),
    );
    assert.ok(!isRunsTableHostMessage({ type: 'runsTable/applyBounds', bounds: [{ ...bound, min: null }] }));
    assert.ok(!isRunsTableHostMessage({ type: 'runsTable/applyBounds', bounds: [{ ...bound, max: 'x' }] }));
    assert.ok(!isRunsTableHostMessage({ type: 'runsTable/applyBounds', bounds: [{ ...bound, extra: 1 }] }));
    assert.ok(
      !isRunsTableHostMessage({
        type: 'runsTable/applyBounds',
        bounds: [{ ...bound, column: { kind: 'x' } }],
      }),
    );
    assert.ok(
      !isRunsTableHostMessage({
        type: 'runsTable/applyBounds',
        bounds: Array.from({ length: 21 }, () => bound),
      }),
    );
  });

  it('bounds the charts’ messages: at most 1,000 runs and 2,500 points per series, known views', () => {
    const need = { type: 'runsTable/needSeries', key: 'loss', runIds: [RUN], maxPoints: 100 };
    assert.ok(isRunsTableWebviewMessage(need));
    assert.ok(!isRunsTableWebviewMessage({ ...need, runIds: Array.from({ length: 1001 }, () => RUN) }));
    assert.ok(!isRunsTableWebviewMessage({ ...need, maxPoints: 2501 }));
    assert.ok(!isRunsTableWebviewMessage({ ...need, maxPoints: 5 }));
    assert.ok(!isRunsTableWebviewMessage({ ...need, runIds: ['../x'] }));
    assert.ok(isRunsTableWebviewMessage({ ...need, times: true }));
    assert.ok(!isRunsTableWebviewMessage({ ...need, times: 'yes' }));
    const drawn = {
      type: 'runsTable/chartsRendered',
      view: 'cards',
      lines: 0,
      points: 0,
      maxLinePoints: 0,
      drawMs: 1.5,
      waiting: 0,
      scatterPoints: 0,
      cards: 3001,
      cardsDrawn: 18,
      liveCharts: 18,
      parallelLines: 0,
      parallelAxes: 0,
      axes: [],
      selected: 0,
      heapMb: 40.2,
    };
    assert.ok(isRunsTableWebviewMessage(drawn));
    assert.ok(isRunsTableWebviewMessage({ ...drawn, heapMb: undefined }));
    assert.ok(isRunsTableWebviewMessage({ ...drawn, view: 'parallel', parallelLines: 240, parallelAxes: 3 }));
    assert.ok(!isRunsTableWebviewMessage({ ...drawn, view: 'radar' }));
    assert.ok(!isRunsTableWebviewMessage({ ...drawn, parallelLines: -1 }));
    assert.ok(!isRunsTableWebviewMessage({ ...drawn, cards: -1 }));
    assert.ok(!isRunsTableWebviewMessage({ ...drawn, drawMs: NaN }));
    assert.ok(isRunsTableWebviewMessage({ ...drawn, view: 'scatter', axes: ['loss (min)', 'param lr'] }));
    assert.ok(!isRunsTableWebviewMessage({ ...drawn, axes: undefined }));
    assert.ok(!isRunsTableWebviewMessage({ ...drawn, axes: [1] }));
    assert.ok(isRunsTableHostMessage({ type: 'runsTable/showView', view: 'line', key: 'loss' }));
    assert.ok(!isRunsTableHostMessage({ type: 'runsTable/showView', view: 'pie', key: undefined }));
    const line = { type: 'runsTable/showView', view: 'line', key: 'loss' };
    assert.ok(isRunsTableHostMessage({ ...line, xAxis: 'relative' }));
    assert.ok(!isRunsTableHostMessage({ ...line, xAxis: 'epoch' }));
    const scatter = { type: 'runsTable/showView', view: 'scatter', key: undefined };
    const minLoss = { kind: 'agg', fn: 'min', key: 'loss' };
    assert.ok(isRunsTableHostMessage({ ...scatter, axes: [minLoss, { kind: 'param', key: 'lr' }] }));
    assert.ok(
      isRunsTableHostMessage({ ...scatter, axes: [{ kind: 'agg', fn: 'step', key: 'loss', at: 5 }] }),
    );
    assert.ok(!isRunsTableHostMessage({ ...scatter, axes: [{ kind: 'tag', key: 'x' }] }), 'a tag is no axis');
    assert.ok(!isRunsTableHostMessage({ ...scatter, axes: [{ kind: 'attr', attr: 'start' }] }));
    assert.ok(!isRunsTableHostMessage({ ...scatter, axes: [{ ...minLoss, extra: 1 }] }));
    assert.ok(!isRunsTableHostMessage({ ...scatter, axes: Array.from({ length: 7 }, () => minLoss) }));
    assert.ok(!isRunsTableHostMessage({ ...scatter, axes: minLoss }));
    assert.ok(
      !isRunsTableHostMessage({ type: 'runsTable/series', key: 'loss', batch: {}, reset: true, done: true }),
    );
  });
});
