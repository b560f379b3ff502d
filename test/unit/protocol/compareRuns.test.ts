import * as assert from 'node:assert/strict';
import {
  isCompareHostMessage,
  isCompareWebviewMessage,
  MAX_SHOWN_METRICS,
} from '../../../src/protocol/compareRuns';
import { isRunDetailHostMessage, isRunDetailWebviewMessage } from '../../../src/protocol/runDetail';
import { packSeries } from '../../../src/protocol/seriesBatch';

const RUN = 'cc8c8745b34f45ada9edf6334e96c203';
const DRAWN = {
  type: 'compare/drawn',
  charts: 5,
  points: 1000,
  maxDatasetPoints: 200,
  canvasWidth: 420,
  ms: 12.5,
  heapBytes: 1e7,
  firstChartMs: 3,
  dataMs: 10,
  drawMs: 2.5,
  transferMs: 1,
  seriesMessages: 4,
  chartUpdates: 5,
  chartJsMs: 2,
  at: 1.7e12,
};

describe('compare and run detail panel protocol guards', () => {
  it('accept exactly the compare webview messages, bounded', () => {
    for (const good of [
      { type: 'ready' },
      { type: 'ready', chartPoints: 1838 },
      { type: 'compare/showMetrics', keys: ['loss', 'val/acc'], maxPoints: 1600, times: false },
      { type: 'compare/showMetrics', keys: ['loss'], maxPoints: 1600, times: true },
      { type: 'compare/exportCsv', onlyDifferences: true, order: [RUN] },
      { type: 'compare/exportPng', name: 'loss', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' },
      { type: 'compare/openRun', runId: RUN },
      { type: 'compare/removeRun', runId: RUN },
      DRAWN,
    ]) {
      assert.ok(isCompareWebviewMessage(good), JSON.stringify(good));
    }
    for (const bad of [
      null,
      'ready',
      { type: 'ready', extra: 1 },
      { type: 'ready', chartPoints: 1e9 },
      { type: 'ready', chartPoints: 183.5 },
      { type: 'ready', chartPoints: '1838' },
      {
        type: 'compare/showMetrics',
        keys: Array.from({ length: MAX_SHOWN_METRICS + 1 }, (_, i) => `m${String(i)}`),
        maxPoints: 100,
        times: false,
      },
      { type: 'compare/showMetrics', keys: ['loss'], maxPoints: 1e9, times: false },
      { type: 'compare/showMetrics', keys: ['loss'], maxPoints: 100 },
      { type: 'compare/showMetrics', keys: ['loss'], maxPoints: 100, times: 'yes' },
      { type: 'compare/showMetrics', keys: ['loss'], maxPoints: 10.5, times: false },
      { type: 'compare/showMetrics', keys: [''], maxPoints: 100, times: false },
      { type: 'compare/exportPng', name: 'x', dataUrl: 'data:text/html;base64,PHNjcmlwdD4=' },
      { type: 'compare/exportPng', name: 'x', dataUrl: 'javascript:alert(1)' },
      { type: 'compare/openRun', runId: '../../etc/passwd' },
      { type: 'compare/openRun', runId: RUN, command: 'workbench.action.quit' },
      { type: 'compare/exportCsv', onlyDifferences: 'yes', order: [] },
      { ...DRAWN, charts: -1 },
      { ...DRAWN, points: Number.NaN },
      { ...DRAWN, drawMs: Infinity },
      { ...DRAWN, extra: 1 },
      {
        type: 'compare/drawn',
        charts: 5,
        points: 1000,
        maxDatasetPoints: 200,
        canvasWidth: 420,
        ms: 12.5,
        heapBytes: 1e7,
      },
      { type: 'compare/unknown' },
    ]) {
      assert.equal(isCompareWebviewMessage(bad), false, JSON.stringify(bad).slice(0, 80));
    }
  });

  it('check host messages before the compare webview renders them (series as typed arrays of one length)', () => {
    const f = (n: number): Float64Array => new Float64Array(n);
    const series = {
      type: 'compare/series',
      metricKey: 'loss',
      reset: true,
      complete: true,
      postedAt: 1.7e12,
    };
    const batch = packSeries([{ runId: RUN, steps: f(3), times: f(3), values: f(3) }], true);
    assert.ok(isCompareHostMessage({ ...series, batch }));
    assert.ok(
      isCompareHostMessage({ ...series, reset: false, batch: packSeries([], false) }),
      'a delta may add nothing (complete, all sent before)',
    );
    assert.equal(
      isCompareHostMessage({ ...series, batch: { ...batch, values: f(2) } }),
      false,
      'arrays shorter than the lengths say',
    );
    assert.equal(
      isCompareHostMessage({ ...series, batch: { ...batch, steps: [0, 0, 0] } }),
      false,
      'plain arrays are not typed arrays',
    );
    assert.equal(
      isCompareHostMessage({ ...series, series: [{ runId: RUN, steps: f(3), times: f(3), values: f(3) }] }),
      false,
      'the unpacked form of before the batch is refused',
    );
    assert.equal(
      isCompareHostMessage({ type: 'compare/series', metricKey: 'loss', complete: true, batch }),
      false,
      'reset and postedAt are required',
    );
    assert.ok(isCompareHostMessage({ type: 'compare/status', busy: 'Loading…', error: undefined }));
    assert.equal(isCompareHostMessage({ type: 'compare/status', busy: 3 }), false);
    assert.ok(
      isCompareHostMessage({
        type: 'compare/snapshot',
        runs: [],
        table: { runIds: [], rows: [] },
        metricKeys: [],
        paramKeys: [],
        missing: [],
      }),
    );
    assert.equal(isCompareHostMessage({ type: 'compare/snapshot', runs: [] }), false);
  });

  it('accept exactly the run detail messages', () => {
    assert.ok(isRunDetailWebviewMessage({ type: 'ready' }));
    assert.ok(isRunDetailWebviewMessage({ type: 'runDetail/refresh' }));
    assert.ok(isRunDetailWebviewMessage({ type: 'runDetail/compareChildren' }));
    assert.ok(isRunDetailWebviewMessage({ type: 'runDetail/openRun', runId: RUN }));
    assert.equal(isRunDetailWebviewMessage({ type: 'runDetail/openRun', runId: 'a b' }), false);
    // the source line's code links name an action, never a command, commit or path
    assert.ok(isRunDetailWebviewMessage({ type: 'runDetail/openCode', action: 'openAtCommit' }));
    assert.ok(isRunDetailWebviewMessage({ type: 'runDetail/openCode', action: 'compareWithWorkspace' }));
    assert.equal(
      isRunDetailWebviewMessage({ type: 'runDetail/openCode', action: 'workbench.action.terminal.new' }),
      false,
    );
    assert.equal(
      isRunDetailWebviewMessage({ type: 'runDetail/openCode', action: 'openAtCommit', commit: 'abc1234' }),
      false,
    );
    assert.equal(isRunDetailWebviewMessage({ type: 'runDetail/refresh', href: 'x' }), false);
    assert.equal(isRunDetailWebviewMessage({ type: 'runDetail/delete', runId: RUN }), false);
    assert.ok(isRunDetailHostMessage({ type: 'runDetail/error', message: 'no' }));
    assert.equal(
      isRunDetailHostMessage({ type: 'runDetail/series', metricKey: 'loss', series: { values: [1] } }),
      false,
    );
  });
});
