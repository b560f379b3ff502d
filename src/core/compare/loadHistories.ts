import type { Metric, MetricPoint } from '../tracking/entities/metric';
import type { TrackingStore } from '../tracking/trackingStore';
import { decimateSeries, toSeries, type MetricSeries } from './metricSeries';

/** What {@link loadMetricSeries} loads: one metric of several runs, at most `maxPoints` per run. */
export interface SeriesRequest {
  readonly runIds: readonly string[];
  readonly metricKey: string;
  readonly maxPoints: number;
  readonly signal?: AbortSignal;
}

/** MLflow's `get-history-bulk-interval` takes at most 100 runs per call… */
const REST_MAX_RUNS = 100;
/** …and at most 2,500 points per run. */
const REST_MAX_RESULTS = 2500;
/**
 * Points asked for per call. A point costs ~125 bytes of JSON (its run id repeats in each), so
 * 100 runs × 2,500 points would be one 30 MB answer (90 MB with a long key, near the REST client's
 * 100 MB cap) that the extension host parses in one go, mostly in garbage collection. Answers of
 * about 25,000 points (~3 MB), three in flight, keep memory flat, overlap a remote server's round
 * trips and let the first chart draw after the first small answer.
 */
const REST_POINTS_PER_CALL = 25_000;
/** Bulk-interval calls in flight at once, so a remote server's round trips overlap. */
const REST_CONCURRENCY = 3;
/** Local stores read one history per run; this many at a time keeps the file store's I/O bounded. */
const LOCAL_CONCURRENCY = 8;

/** What {@link loadMetricsSeries} loads: several metrics of the same runs. */
export interface MetricsRequest {
  readonly runIds: readonly string[];
  readonly metricKeys: readonly string[];
  readonly maxPoints: number;
  readonly signal?: AbortSignal;
  /**
   * Each run's history as read, before decimation: whole on local stores (`exact`), the server's
   * sample over REST. The compare table's min/max rows come from these, so no history is read twice.
   */
  readonly onHistory?: (runId: string, metricKey: string, history: readonly Metric[], exact: boolean) => void;
}

/**
 * Load one metric's history of many runs for charts, bounded to about `maxPoints` per run.
 *
 * Over REST the server samples (`get-history-bulk-interval`, ≤ 100 runs and about 25,000
 * points a call, three calls at a time, see {@link restRunsPerCall}; the REST store falls back to sampling full
 * histories itself on servers older than 2.11), so long histories are never transferred whole. Local stores (SQLite, file) read each full history in-process and
 * decimate it with LTTB over steps, which keeps each run's extremes. The server's sample is passed
 * on exactly as MLflow answered it, so it may hold a point more than `maxPoints` (MLflow adds each
 * run's last step); charts bound their datasets with `boundSeries` anyway.
 *
 * Returns one series per run that has points, in `runIds` order. `onPartial` receives the series
 * finished so far (same order) after each call or batch, so a chart can draw while the rest loads.
 * When `signal` aborts, loading stops and the promise rejects with the signal's reason (an
 * `AbortError` unless the caller gave another), whatever the store threw.
 */
export async function loadMetricSeries(
  store: TrackingStore,
  req: SeriesRequest,
  onPartial?: (done: readonly MetricSeries[]) => void,
): Promise<MetricSeries[]> {
  const all = await loadMetricsSeries(
    store,
    { runIds: req.runIds, metricKeys: [req.metricKey], maxPoints: req.maxPoints, signal: req.signal },
    (_key, done) => {
      onPartial?.(done);
    },
  );
  return all.get(req.metricKey) ?? [];
}

/**
 * Load several metrics' histories of the same runs, as {@link loadMetricSeries} does for one, through
 * one pool of calls taken in the order of `metricKeys`. The first metric's calls go first, so its
 * chart can draw while the others load, and the metrics finish one after another instead of all
 * together at the end, when a webview would have to take in every chart's data at once. The pool
 * stays full across metrics (the next metric's first call starts as soon as a slot frees).
 *
 * `onPartial` gets each metric's series finished so far, and `complete` once that metric is done.
 * Resolves to every metric's series (only runs with points, in `runIds` order).
 */
export async function loadMetricsSeries(
  store: TrackingStore,
  req: MetricsRequest,
  onPartial?: (metricKey: string, done: readonly MetricSeries[], complete: boolean) => void,
): Promise<Map<string, MetricSeries[]>> {
  const maxPoints = Math.max(1, Math.floor(req.maxPoints));
  const ids = [...new Set(req.runIds)];
  const keys = [...new Set(req.metricKeys)];
  const byKey = new Map(keys.map((k) => [k, new Map<string, MetricSeries>()]));
  const rest = store.kind === 'rest';
  const maxResults = Math.min(maxPoints, REST_MAX_RESULTS);
  const perItem = rest ? restRunsPerCall(maxResults) : LOCAL_CONCURRENCY;
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += perItem) {
    chunks.push(ids.slice(i, i + perItem));
  }
  const items = keys.flatMap((metricKey) => chunks.map((chunk) => ({ metricKey, chunk })));
  const pending = new Map(keys.map((k) => [k, chunks.length]));
  const series = (key: string): MetricSeries[] => inOrder(req.runIds, byKey.get(key) ?? new Map());
  try {
    await inPool(items, rest ? REST_CONCURRENCY : 1, req.signal, async ({ metricKey, chunk }) => {
      const byRun = byKey.get(metricKey) ?? new Map<string, MetricSeries>();
      if (rest) {
        const points = await store.getSampledMetricHistory({
          runIds: chunk,
          metricKey,
          maxResults,
          signal: req.signal,
        });
        req.signal?.throwIfAborted();
        for (const [runId, history] of groupByRun(points, chunk)) {
          req.onHistory?.(runId, metricKey, history, false);
          addSeries(byRun, toSeries(runId, metricKey, history));
        }
      } else {
        // SQLite (sql.js, in memory) answers without I/O, so its awaits never leave the microtask
        // queue: without a turn of the event loop after each history, a whole load ran before
        // anything else in the extension host (a webview's first message waited 2.6 s behind
        // 3 runs × 6 metrics of 10,000 steps). The file store's reads are real I/O, in parallel.
        const read = async (runId: string): Promise<void> => {
          const history = await store.getMetricHistory({ runId, metricKey, signal: req.signal });
          req.onHistory?.(runId, metricKey, history, true);
          addSeries(byRun, decimateSeries(toSeries(runId, metricKey, history), maxPoints));
        };
        if (store.kind === 'sqlite') {
          for (const runId of chunk) {
            await read(runId);
            await nextTurn();
            req.signal?.throwIfAborted();
          }
        } else {
          await Promise.all(chunk.map(read));
        }
        req.signal?.throwIfAborted();
      }
      const left = (pending.get(metricKey) ?? 1) - 1;
      pending.set(metricKey, left);
      onPartial?.(metricKey, series(metricKey), left === 0);
    });
  } catch (err: unknown) {
    // A store may report the abort its own way (a `cancelled` StoreError); callers see one reason.
    req.signal?.throwIfAborted();
    throw err;
  }
  // With no runs there was no call to complete a metric: each is complete, and empty.
  if (chunks.length === 0) {
    for (const key of keys) {
      onPartial?.(key, [], true);
    }
  }
  return new Map(keys.map((k) => [k, series(k)]));
}

/**
 * Run `work` over `items`, at most `concurrency` at a time, in order of start. Stops taking new
 * items once one fails or the signal aborts; the first failure is what the promise rejects with.
 */
async function inPool<T>(
  items: readonly T[],
  concurrency: number,
  signal: AbortSignal | undefined,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    for (let item = items[next]; !failed && item !== undefined; item = items[next]) {
      next++;
      signal?.throwIfAborted();
      try {
        await work(item);
      } catch (err: unknown) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** Resume on a later turn of the event loop, after the I/O and messages that are waiting. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    setImmediate(resolve);
  });
}

/** Runs per bulk-interval call: at most 100, fewer when each run brings many points. */
export function restRunsPerCall(maxResults: number): number {
  return Math.max(1, Math.min(REST_MAX_RUNS, Math.floor(REST_POINTS_PER_CALL / maxResults)));
}

function addSeries(byRun: Map<string, MetricSeries>, s: MetricSeries): void {
  if (s.values.length > 0) {
    byRun.set(s.runId, s);
  }
}

/** Points of a multi-run answer per run; a point without `run_id` can only belong to a one-run request. */
function groupByRun(points: readonly MetricPoint[], chunk: readonly string[]): Map<string, MetricPoint[]> {
  const requested = new Set(chunk);
  const only = chunk.length === 1 ? chunk[0] : undefined;
  const groups = new Map<string, MetricPoint[]>();
  for (const p of points) {
    const runId = p.runId ?? only;
    if (runId === undefined || !requested.has(runId)) {
      continue;
    }
    const group = groups.get(runId);
    if (group === undefined) {
      groups.set(runId, [p]);
    } else {
      group.push(p);
    }
  }
  return groups;
}

function inOrder(runIds: readonly string[], byRun: ReadonlyMap<string, MetricSeries>): MetricSeries[] {
  const seen = new Set<string>();
  const out: MetricSeries[] = [];
  for (const id of runIds) {
    const s = byRun.get(id);
    if (s !== undefined && !seen.has(id)) {
      seen.add(id);
      out.push(s);
    }
  }
  return out;
}
