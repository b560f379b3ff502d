// Bench piece for the compare panel's data path: 100 runs × 5 metrics × 10,000 steps served by
// the loopback MLflow test server, loaded the way the panel does (loadMetricsSeries: server-side
// sampling, ≤ 100 runs a call, 2,400 points per run) and the way MLflow's own UI does (the full
// get-history of every run and metric, undecimated, 6 requests at a time like a browser).
// `npm run bench` runs it as compareDataPath (`BENCH_ONLY=compare` for the compare parts only).
import * as path from 'node:path';
import { decimate } from '../src/core/compare/decimate';
import { loadMetricSeries, loadMetricsSeries } from '../src/core/compare/loadHistories';
import type { MetricSeries } from '../src/core/compare/metricSeries';
import { SqliteRegistryStore } from '../src/core/registry/sqliteRegistryStore';
import { RestClient } from '../src/core/tracking/rest/restClient';
import { RestTrackingStore } from '../src/core/tracking/rest/restTrackingStore';
import { SqliteDatabase } from '../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../src/core/tracking/sqlite/sqliteTrackingStore';
import type { TrackingStore } from '../src/core/tracking/trackingStore';
import { GENERATED_METRICS, GeneratedHistoryStore } from '../test/support/mlflow/generatedHistoryStore';
import { startMlflowTestServer } from '../test/support/mlflow/mlflowTestServer';
import { FIXTURES } from '../test/support/mlflow/recordedExchange';

const RUNS = 100;
const STEPS = 10_000;
const MAX_POINTS = 2400;
/** Browsers open at most 6 connections per host; MLflow's UI fetches histories through them. */
const BROWSER_CONNECTIONS = 6;

const round = (x: number): number => Math.round(x * 10) / 10;

interface LoadFigures {
  readonly ms: number;
  readonly firstSeriesMs: number;
  readonly points: number;
  readonly maxPointsPerSeries: number;
  readonly series: number;
}

/** All five metrics at once, as the panel asks for them, with the time the first chart could draw. */
async function ourMethod(store: TrackingStore, runIds: readonly string[]): Promise<LoadFigures> {
  const t = performance.now();
  let first = Number.NaN;
  const onPartial = (_key: string, done: readonly MetricSeries[]): void => {
    if (Number.isNaN(first) && done.length > 0) {
      first = performance.now() - t;
    }
  };
  const all = await loadMetricsSeries(
    store,
    { runIds, metricKeys: GENERATED_METRICS, maxPoints: MAX_POINTS },
    onPartial,
  );
  const ms = performance.now() - t;
  const series = [...all.values()].flat();
  return { ms: round(ms), firstSeriesMs: round(first), ...count(series.map((s) => s.values.length)) };
}

/** MLflow's UI: the full history of every run and metric, undecimated. */
async function mlflowUiMethod(store: TrackingStore, runIds: readonly string[]): Promise<LoadFigures> {
  const jobs = GENERATED_METRICS.flatMap((metricKey) => runIds.map((runId) => ({ runId, metricKey })));
  const lengths: number[] = [];
  const t = performance.now();
  let first = Number.NaN;
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let job = jobs[next++]; job !== undefined; job = jobs[next++]) {
      lengths.push((await store.getMetricHistory(job)).length);
      if (Number.isNaN(first)) {
        first = performance.now() - t;
      }
    }
  };
  await Promise.all(Array.from({ length: BROWSER_CONNECTIONS }, worker));
  return { ms: round(performance.now() - t), firstSeriesMs: round(first), ...count(lengths) };
}

function count(lengths: readonly number[]): { points: number; maxPointsPerSeries: number; series: number } {
  return {
    points: lengths.reduce((a, b) => a + b, 0),
    maxPointsPerSeries: Math.max(0, ...lengths),
    series: lengths.length,
  };
}

/** LTTB over 100 full 10,000-point histories (what a local store's load does per metric). */
function decimateFigure(store: GeneratedHistoryStore): { ms: number; pointsIn: number; pointsOut: number } {
  const lines = store.runIds.map((id) => {
    const h = store.history(id, 'loss') ?? [];
    return { xs: Float64Array.from(h, (m) => m.step), ys: Float64Array.from(h, (m) => m.value) };
  });
  // One warm-up pass so the figure is the steady state, not the JIT's first compile.
  lines.forEach((l) => decimate(l.xs, l.ys, MAX_POINTS));
  const t = performance.now();
  const out = lines.reduce((n, l) => n + decimate(l.xs, l.ys, MAX_POINTS).xs.length, 0);
  return { ms: round(performance.now() - t), pointsIn: lines.length * STEPS, pointsOut: out };
}

/** Load time and points of the compare panel's data path against MLflow's UI method, over REST. */
export async function compareSeries(): Promise<Record<string, unknown>> {
  const db = await SqliteDatabase.open(path.join(FIXTURES, 'sqlite', 'mlflow.db'));
  const store = new GeneratedHistoryStore(new SqliteTrackingStore(db), {
    runs: RUNS,
    steps: STEPS,
    metricKeys: GENERATED_METRICS,
  });
  const server = await startMlflowTestServer(store, new SqliteRegistryStore(db));
  try {
    const rest = new RestTrackingStore(new RestClient({ baseUrl: server.baseUrl, timeoutMs: 120_000 }));
    // Warm the connection and the code paths once, so neither method pays for the other's start.
    await loadMetricSeries(rest, { runIds: store.runIds.slice(0, 2), metricKey: 'loss', maxPoints: 10 });
    store.calls.length = 0;
    const ours = await ourMethod(rest, store.runIds);
    const ourCalls = store.callsOf('getSampledMetricHistory').length;
    store.calls.length = 0;
    const ui = await mlflowUiMethod(rest, store.runIds);
    const uiCalls = store.callsOf('getMetricHistory').length;
    const local = await ourMethod(store, store.runIds);
    return {
      shape: { runs: RUNS, metrics: GENERATED_METRICS.length, stepsPerHistory: STEPS, maxPoints: MAX_POINTS },
      loadMetricSeriesOverRest: { ...ours, serverCalls: ourCalls },
      mlflowUiMethodOverRest: { ...ui, serverCalls: uiCalls, concurrency: BROWSER_CONNECTIONS },
      speedup: round(ui.ms / ours.ms),
      pointsRatio: round(ui.points / ours.points),
      loadMetricSeriesLocalStore: local,
      decimate100x10k: decimateFigure(store),
    };
  } finally {
    await server.close();
    store.dispose();
  }
}

if (require.main === module) {
  void compareSeries().then((r) => {
    console.log(JSON.stringify(r, null, 2));
  });
}
