import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  loadMetricSeries,
  loadMetricsSeries,
  restRunsPerCall,
} from '../../../../src/core/compare/loadHistories';
import { toSeries, type MetricSeries } from '../../../../src/core/compare/metricSeries';
import { optArray } from '../../../../src/core/common/jsonFields';
import { StoreError } from '../../../../src/core/common/storeError';
import { SqliteRegistryStore } from '../../../../src/core/registry/sqliteRegistryStore';
import {
  parseMetric,
  parseMetricPoint,
  type Metric,
  type MetricPoint,
} from '../../../../src/core/tracking/entities/metric';
import { RestClient } from '../../../../src/core/tracking/rest/restClient';
import { RestTrackingStore } from '../../../../src/core/tracking/rest/restTrackingStore';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../../src/core/tracking/sqlite/sqliteTrackingStore';
import type { SampledHistoryRequest } from '../../../../src/core/tracking/trackingStore';
import { CountingTrackingStore } from '../../../support/mlflow/countingTrackingStore';
import { generateRunsDb, type GeneratedRunsDb } from '../../../support/mlflow/generateRunsDb';
import { startMlflowTestServer, type MlflowTestServer } from '../../../support/mlflow/mlflowTestServer';
import { FIXTURES, loadExchange } from '../../../support/mlflow/recordedExchange';

/** A recorded get-history answer as the series loadMetricSeries should produce from it. */
function recordedHistory(file: string): { runId: string; key: string; history: Metric[] } {
  const ex = loadExchange('rest', file);
  const q = new Map(ex.request.query.map(([k, v]) => [k, String(v)]));
  return {
    runId: q.get('run_id') ?? '',
    key: q.get('metric_key') ?? '',
    history: optArray(ex.response.json as Record<string, unknown>, 'metrics', parseMetric),
  };
}

function plain(s: MetricSeries): {
  runId: string;
  key: string;
  steps: number[];
  times: number[];
  values: number[];
} {
  return { runId: s.runId, key: s.key, steps: [...s.steps], times: [...s.times], values: [...s.values] };
}

/** `inner` behind a store that records the most sampled-history calls it had in flight at once. */
function inFlight(inner: CountingTrackingStore): { store: CountingTrackingStore; most: () => number } {
  let now = 0;
  let most = 0;
  class Tracking extends CountingTrackingStore {
    override async getSampledMetricHistory(r: SampledHistoryRequest): Promise<MetricPoint[]> {
      most = Math.max(most, ++now);
      try {
        return await super.getSampledMetricHistory(r);
      } finally {
        now--;
      }
    }
  }
  return { store: new Tracking(inner), most: () => most };
}

const LOSS_040 = recordedHistory('040');
const LOSS_042 = recordedHistory('042');
const rest = (baseUrl: string): RestTrackingStore =>
  new RestTrackingStore(new RestClient({ baseUrl, maxRetries: 0 }));

describe('loadMetricSeries over the recorded mlflow.db', () => {
  let sqlite: SqliteTrackingStore;
  let server: MlflowTestServer;
  before(async () => {
    const db = await SqliteDatabase.open(path.join(FIXTURES, 'sqlite', 'mlflow.db'));
    sqlite = new SqliteTrackingStore(db);
    server = await startMlflowTestServer(sqlite, new SqliteRegistryStore(db));
  });
  after(async () => {
    await server.close();
    sqlite.dispose();
  });

  it("SQLite: reads each run's full history, equal to what the real server recorded, in request order, skipping runs without points", async () => {
    assert.equal(LOSS_040.key, 'loss');
    const runIds = [LOSS_042.runId, 'no-such-run', LOSS_040.runId];
    const series = await loadMetricSeries(sqlite, { runIds, metricKey: 'loss', maxPoints: 2400 });
    assert.deepEqual(series.map(plain), [
      plain(toSeries(LOSS_042.runId, 'loss', LOSS_042.history)),
      plain(toSeries(LOSS_040.runId, 'loss', LOSS_040.history)),
    ]);
    assert.ok(series[0]!.values.some(Number.isNaN), 'the NaN the run logged is kept');
  });

  it('SQLite: decimates each history to maxPoints, keeping its first, last and extreme points', async () => {
    const [s] = await loadMetricSeries(sqlite, {
      runIds: [LOSS_040.runId],
      metricKey: 'loss',
      maxPoints: 10,
    });
    const full = toSeries(LOSS_040.runId, 'loss', LOSS_040.history);
    assert.ok(s !== undefined && s.values.length <= 10 && full.values.length > 10);
    assert.equal(s.steps[0], full.steps[0]);
    assert.equal(s.steps[s.steps.length - 1], full.steps[full.steps.length - 1]);
    assert.ok(s.values.includes(Math.min(...full.values)) && s.values.includes(Math.max(...full.values)));
    s.steps.forEach((step, i) => {
      const k = full.steps.indexOf(step);
      assert.equal(s.times[i], full.times[k]);
      assert.equal(s.values[i], full.values[k]);
    });
  });

  it('hands each history to onHistory before decimation: whole on SQLite (exact), the server sample over REST', async () => {
    const seen: Array<{ runId: string; key: string; n: number; exact: boolean; min: number }> = [];
    const onHistory = (runId: string, key: string, history: readonly Metric[], exact: boolean): void => {
      seen.push({ runId, key, n: history.length, exact, min: Math.min(...history.map((m) => m.value)) });
    };
    const req = { runIds: [LOSS_040.runId], metricKeys: ['loss'], maxPoints: 10, onHistory };
    const local = await loadMetricsSeries(sqlite, req);
    assert.ok((local.get('loss')?.[0]?.values.length ?? 0) <= 10, 'the chart still gets a decimated series');
    assert.deepEqual(seen, [
      {
        runId: LOSS_040.runId,
        key: 'loss',
        n: LOSS_040.history.length,
        exact: true,
        min: Math.min(...LOSS_040.history.map((m) => m.value)),
      },
    ]);
    seen.length = 0;
    const store = new CountingTrackingStore(rest(server.baseUrl));
    await loadMetricsSeries(store, req);
    const [sample, ...more] = seen;
    assert.ok(sample !== undefined && more.length === 0);
    assert.equal(sample.exact, false, 'over REST the history is the server sample');
    assert.ok(sample.n <= 12, `the sample, not the history (${String(sample.n)} points)`);
    assert.equal(store.callsOf('getMetricHistory').length, 0, 'no full history is read');
  });

  it('REST: asks the server to sample and gives exactly the points the real MLflow server answered (recorded bulk-interval call)', async () => {
    const ex = loadExchange('rest', '045');
    const runIds = ex.request.query.filter(([k]) => k === 'run_ids').map(([, v]) => String(v));
    const maxResults = Number(ex.request.query.find(([k]) => k === 'max_results')?.[1]);
    const points = optArray(ex.response.json as Record<string, unknown>, 'metrics', parseMetricPoint);
    const store = new CountingTrackingStore(rest(server.baseUrl));
    const series = await loadMetricSeries(store, { runIds, metricKey: 'loss', maxPoints: maxResults });
    assert.deepEqual(
      series.map(plain),
      runIds.map((id) =>
        plain(
          toSeries(
            id,
            'loss',
            points.filter((p) => p.runId === id),
          ),
        ),
      ),
    );
    assert.equal(store.callsOf('getSampledMetricHistory').length, 1);
    assert.equal(store.callsOf('getMetricHistory').length, 0);
  });

  it('REST: a history shorter than maxPoints arrives whole, NaN and the clamped infinity included, equal to the recorded get-history answers', async () => {
    const series = await loadMetricSeries(rest(server.baseUrl), {
      runIds: [LOSS_040.runId, LOSS_042.runId],
      metricKey: 'loss',
      maxPoints: 5000,
    });
    assert.deepEqual(series.map(plain), [
      plain(toSeries(LOSS_040.runId, 'loss', LOSS_040.history)),
      plain(toSeries(LOSS_042.runId, 'loss', LOSS_042.history)),
    ]);
  });

  it('stops when the signal aborts and rejects with its reason, on both kinds of store', async () => {
    for (const store of [sqlite, rest(server.baseUrl)]) {
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(
        loadMetricSeries(store, {
          runIds: [LOSS_040.runId],
          metricKey: 'loss',
          maxPoints: 100,
          signal: controller.signal,
        }),
        (e: unknown) => e instanceof Error && e.name === 'AbortError',
      );
      const reason = new Error('panel closed');
      const other = new AbortController();
      other.abort(reason);
      await assert.rejects(
        loadMetricSeries(store, {
          runIds: [LOSS_040.runId],
          metricKey: 'loss',
          maxPoints: 100,
          signal: other.signal,
        }),
        (e: unknown) => e === reason,
      );
    }
  });
});

describe('loadMetricSeries over a generated experiment with more than 100 runs', () => {
  let tmp: string;
  let gen: GeneratedRunsDb;
  let backing: CountingTrackingStore;
  let server: MlflowTestServer;
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-compare-'));
    const file = path.join(tmp, 'runs.db');
    gen = await generateRunsDb(path.join(FIXTURES, 'sqlite', 'mlflow.db'), file, { runs: 250 });
    const db = await SqliteDatabase.open(file);
    backing = new CountingTrackingStore(new SqliteTrackingStore(db));
    server = await startMlflowTestServer(backing, new SqliteRegistryStore(db));
  });
  after(async () => {
    await server.close();
    backing.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('REST: one bulk-interval call per 100 runs asking maxPoints per run, partial results after each call', async () => {
    backing.calls.length = 0;
    const client = new CountingTrackingStore(rest(server.baseUrl));
    const partials: string[][] = [];
    const series = await loadMetricSeries(
      client,
      { runIds: gen.runIds, metricKey: 'accuracy', maxPoints: 200 },
      (done) => partials.push(done.map((s) => s.runId)),
    );
    const calls = client
      .callsOf('getSampledMetricHistory')
      .map((c) => c.args[0] as { runIds: string[]; maxResults: number });
    assert.deepEqual(
      calls.map((c) => c.runIds.length),
      [100, 100, 50],
    );
    assert.ok(calls.every((c) => c.maxResults === 200));
    assert.deepEqual(
      calls.flatMap((c) => c.runIds),
      [...gen.runIds],
    );
    assert.equal(backing.callsOf('getSampledMetricHistory').length, 3, 'three HTTP calls reached the server');
    // The calls overlap, so they may finish in any order; each partial list is still in request order.
    assert.equal(partials.length, 3);
    assert.deepEqual(
      partials.map((p) => p.length).sort((x, y) => x - y),
      partials.map((p) => p.length),
    );
    assert.equal(partials[2]?.length, 250);
    const position = new Map(gen.runIds.map((id, i) => [id, i]));
    assert.ok(
      partials.every((p) => p.every((id, i) => i === 0 || position.get(id)! > position.get(p[i - 1]!)!)),
    );
    assert.deepEqual(
      series.map((s) => s.runId),
      [...gen.runIds],
    );
    assert.ok(series.every((s) => s.values.length === 1 && s.steps[0] === 0));
  });

  it('REST: with many points per run, fewer runs a call so an answer stays near 25,000 points, three calls at a time', async () => {
    const client = new CountingTrackingStore(rest(server.baseUrl));
    const pool = inFlight(client);
    const series = await loadMetricSeries(pool.store, {
      runIds: gen.runIds,
      metricKey: 'accuracy',
      maxPoints: 10_000,
    });
    const calls = client
      .callsOf('getSampledMetricHistory')
      .map((c) => c.args[0] as { runIds: string[]; maxResults: number });
    assert.equal(calls.length, 25);
    assert.ok(
      calls.every((c) => c.runIds.length === 10 && c.maxResults === 2500),
      'MLflow refuses more than 2,500',
    );
    assert.equal(pool.most(), 3);
    assert.equal(series.length, 250);
    assert.deepEqual(
      [
        restRunsPerCall(1),
        restRunsPerCall(250),
        restRunsPerCall(1000),
        restRunsPerCall(2500),
        restRunsPerCall(100_000),
      ],
      [100, 100, 25, 10, 1],
    );
  });

  it('several metrics: one pool of three calls, taken metric by metric, so metrics complete in the order asked', async () => {
    const client = new CountingTrackingStore(rest(server.baseUrl));
    const pool = inFlight(client);
    // Only accuracy was logged: the others are metrics of no run, which complete empty.
    const keys = ['val_loss', 'accuracy', 'loss'];
    const events: string[] = [];
    const all = await loadMetricsSeries(
      pool.store,
      { runIds: gen.runIds, metricKeys: keys, maxPoints: 1000 },
      (key, done, complete) => {
        events.push(`${key}:${String(done.length)}${complete ? ':complete' : ''}`);
      },
    );
    const calls = client
      .callsOf('getSampledMetricHistory')
      .map((c) => (c.args[0] as { metricKey: string }).metricKey);
    // 250 runs at 1,000 points: 25 runs a call, 10 calls per metric, started strictly metric by metric.
    assert.deepEqual(
      calls,
      keys.flatMap((k) => Array<string>(10).fill(k)),
    );
    assert.equal(pool.most(), 3, 'three calls in flight across metrics, not three per metric');
    const completions = events.filter((e) => e.endsWith(':complete'));
    assert.deepEqual(
      completions,
      ['val_loss:0:complete', 'accuracy:250:complete', 'loss:0:complete'],
      'each metric completes once, in the order asked',
    );
    assert.equal(events.length, 30, 'a partial result after every call');
    assert.deepEqual([...all.keys()], keys);
    assert.deepEqual(
      all.get('accuracy')?.map((x) => x.runId),
      [...gen.runIds],
    );
    assert.deepEqual(all.get('loss'), []);
    // No runs: every metric completes at once with nothing.
    const empty: string[] = [];
    await loadMetricsSeries(client, { runIds: [], metricKeys: keys, maxPoints: 10 }, (key, done, complete) =>
      empty.push(`${key}:${String(done.length)}:${String(complete)}`),
    );
    assert.deepEqual(
      empty,
      keys.map((k) => `${k}:0:true`),
    );
  });

  it('SQLite: one history read per run, partial results per batch, in request order', async () => {
    backing.calls.length = 0;
    const partials: number[] = [];
    const reversed = [...gen.runIds].reverse();
    const series = await loadMetricSeries(
      backing,
      { runIds: reversed, metricKey: 'accuracy', maxPoints: 100 },
      (done) => partials.push(done.length),
    );
    assert.equal(backing.callsOf('getMetricHistory').length, 250);
    assert.equal(backing.callsOf('getSampledMetricHistory').length, 0);
    assert.equal(partials.length, Math.ceil(250 / 8));
    assert.equal(partials[partials.length - 1], 250);
    assert.deepEqual(
      series.map((s) => s.runId),
      reversed,
    );
  });

  it('REST: aborting after the first answer starts no further calls', async () => {
    const client = new CountingTrackingStore(rest(server.baseUrl));
    const controller = new AbortController();
    await assert.rejects(
      loadMetricSeries(
        client,
        { runIds: gen.runIds, metricKey: 'accuracy', maxPoints: 2500, signal: controller.signal },
        () => {
          controller.abort();
        },
      ),
      (e: unknown) => e instanceof Error && e.name === 'AbortError',
    );
    const started = client.callsOf('getSampledMetricHistory').length;
    assert.ok(started >= 1 && started <= 3, `only the calls already in flight (${started} of 25)`);
  });

  it("REST: an abort while a call is in flight rejects with the signal's reason, not the store's own cancellation error", async () => {
    const controller = new AbortController();
    // Abort just as the request leaves, so the REST client itself sees the aborted signal.
    class AbortingStore extends CountingTrackingStore {
      override getSampledMetricHistory(r: SampledHistoryRequest): Promise<MetricPoint[]> {
        controller.abort();
        return super.getSampledMetricHistory(r);
      }
    }
    const inner = rest(server.baseUrl);
    await assert.rejects(
      inner.getSampledMetricHistory({
        runIds: gen.runIds.slice(0, 1),
        metricKey: 'accuracy',
        maxResults: 10,
        signal: AbortSignal.abort(),
      }),
      (e: unknown) => StoreError.is(e),
    );
    await assert.rejects(
      loadMetricSeries(new AbortingStore(inner), {
        runIds: gen.runIds,
        metricKey: 'accuracy',
        maxPoints: 100,
        signal: controller.signal,
      }),
      (e: unknown) => e instanceof Error && e.name === 'AbortError',
    );
  });
});
