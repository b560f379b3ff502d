// The runs table's line-chart series holder over a real generated mlflow.db (sql.js), its history
// reads counted: a second ask for more runs at fewer points per run cuts the held series down
// instead of reading them again, and posts every run anew at the new size.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { ChartSeries } from '../../../src/extension/runsTable/chartSeries';
import type { RunsTableSeries } from '../../../src/protocol/runsTable';
import { unpackSeries } from '../../../src/protocol/seriesBatch';
import { generateRunsDb, type GeneratedRunsDb } from '../../support/mlflow/generateRunsDb';
import { FIXTURES } from '../../support/mlflow/recordedExchange';

const reads: string[] = [];

/** The real store, its history reads noted on the way. */
class CountingStore extends SqliteTrackingStore {
  override getMetricHistory(...args: Parameters<SqliteTrackingStore['getMetricHistory']>) {
    reads.push(args[0].runId);
    return super.getMetricHistory(...args);
  }
}

describe('runs table chart series', () => {
  let tmp: string;
  let gen: GeneratedRunsDb;
  let counted: CountingStore;

  before(async function () {
    this.timeout(60_000);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chart-series-'));
    gen = await generateRunsDb(path.join(FIXTURES, 'sqlite', 'mlflow.db'), path.join(tmp, 'm.db'), {
      runs: 5,
      history: { keys: 1, steps: 1000 },
      name: 'series',
    });
    counted = new CountingStore(await SqliteDatabase.open(path.join(tmp, 'm.db')));
  });

  /** A series holder over the counted store, and what it posts. */
  function holder(): { series: ChartSeries; posted: RunsTableSeries[] } {
    const posted: RunsTableSeries[] = [];
    const series = new ChartSeries(
      () => Promise.resolve(counted),
      (m) => posted.push(m),
      () => undefined,
      new AbortController().signal,
    );
    return { series, posted };
  }

  after(() => {
    counted.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('reads only the runs it lacks when asked again with fewer points per run', async () => {
    const { series, posted } = holder();
    const ids = gen.runIds;
    await series.need({
      type: 'runsTable/needSeries',
      key: 'loss_0',
      runIds: ids.slice(0, 3),
      maxPoints: 600,
    });
    assert.deepEqual([...reads].sort(), ids.slice(0, 3).sort());
    const first = posted.flatMap((m) => unpackSeries(m.batch));
    assert.equal(first.length, 3);
    assert.ok(
      first.every((s) => s.steps.length > 250 && s.steps.length <= 600),
      'at the first size',
    );

    posted.length = 0;
    reads.length = 0;
    await series.need({ type: 'runsTable/needSeries', key: 'loss_0', runIds: ids, maxPoints: 250 });
    assert.deepEqual([...reads].sort(), ids.slice(3).sort(), 'only the two new runs read');
    assert.equal(posted[0]?.reset, true, 'the webview replaces what it holds');
    const again = posted.flatMap((m) => unpackSeries(m.batch));
    assert.deepEqual(again.map((s) => s.runId).sort(), [...ids].sort(), 'every run posted once');
    assert.ok(
      again.every((s) => s.steps.length <= 250),
      'all at the new size',
    );

    posted.length = 0;
    reads.length = 0;
    await series.need({ type: 'runsTable/needSeries', key: 'loss_0', runIds: ids, maxPoints: 800 });
    assert.equal(reads.length, ids.length, 'more points than held: read again');
  });

  it('reads a moved run again while its chart is shown, and only when asked once the chart is hidden', async () => {
    const { series, posted } = holder();
    const ids = gen.runIds.slice(0, 4);
    const need = { type: 'runsTable/needSeries', key: 'loss_0', runIds: ids, maxPoints: 200 } as const;
    await series.need(need);
    posted.length = 0;
    reads.length = 0;
    await series.moved([ids[1] ?? '', 'not-charted']);
    assert.deepEqual(reads, [ids[1]], 'the moved run that is charted, read again');
    assert.ok(
      posted.every((m) => !m.reset),
      'the webview replaces that run only',
    );
    assert.deepEqual(
      posted.flatMap((m) => unpackSeries(m.batch)).map((s) => s.runId),
      [ids[1]],
    );

    series.hidden();
    posted.length = 0;
    reads.length = 0;
    await series.moved([ids[2] ?? '']);
    assert.deepEqual(reads, [], 'no chart on screen: nothing read');
    assert.deepEqual(posted, []);
    await series.need(need);
    assert.deepEqual(reads, [ids[2]], 'read when the chart asks again, the others held');
  });

  it('sends the series again with their times for a time axis, reading nothing', async () => {
    const { series, posted } = holder();
    const ids = gen.runIds.slice(0, 3);
    const need = (times: boolean | undefined): Promise<void> =>
      series.need({ type: 'runsTable/needSeries', key: 'loss_0', runIds: ids, maxPoints: 300, times });
    await need(undefined);
    assert.ok(
      posted.flatMap((m) => unpackSeries(m.batch)).every((s) => s.times === undefined),
      'by step: no times sent',
    );
    posted.length = 0;
    reads.length = 0;
    await need(true);
    assert.deepEqual(reads, [], 'the held series have their times');
    assert.equal(posted[0]?.reset, true);
    const timed = posted.flatMap((m) => unpackSeries(m.batch));
    assert.deepEqual(timed.map((s) => s.runId).sort(), [...ids].sort());
    assert.ok(timed.every((s) => s.times !== undefined && s.times.length === s.steps.length));
    const t = timed[0]?.times;
    assert.ok(t !== undefined && (t[0] ?? 0) > 1e12, 'epoch milliseconds');

    posted.length = 0;
    await need(false);
    assert.equal(
      posted.flatMap((m) => unpackSeries(m.batch)).length,
      0,
      'back to steps: the webview keeps what it has',
    );
  });
});
