import type { MetricPoint } from '../tracking/entities/metric';
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
const REST_CHUNK = 100;
/** …and at most 2,500 points per run. */
const REST_MAX_RESULTS = 2500;
/** Local stores read one history per run; this many at a time keeps the file store's I/O bounded. */
const LOCAL_CONCURRENCY = 8;

/**
 * Load one metric's history of many runs for charts, bounded to about `maxPoints` per run.
 *
 * Over REST the server samples (`get-history-bulk-interval`, ≤ 100 runs a call, the REST store
 * falls back to sampling full histories itself on servers older than 2.11), so long histories are
 * never transferred whole. Local stores (SQLite, file) read each full history in-process and
 * decimate it with LTTB over steps, which keeps each run's extremes. The server's sample is passed
 * on as it came (it may hold a point or two over `maxPoints`: it adds each run's first and last
 * step), so what a 2.11+ server, an older one and a local store draw stays comparable; charts
 * bound their datasets with `boundSeries` anyway.
 *
 * Returns one series per run that has points, in `runIds` order. `onPartial` receives the series
 * finished so far (same order) after each call or batch, so a chart can draw while the rest loads.
 * When `signal` aborts, loading stops and the promise rejects with the signal's reason (an
 * `AbortError` unless the caller gave another), whatever the store threw.
 */
export async function loadMetricSeries(store: TrackingStore, req: SeriesRequest, onPartial?: (done: readonly MetricSeries[]) => void): Promise<MetricSeries[]> {
  const byRun = new Map<string, MetricSeries>();
  const maxPoints = Math.max(1, Math.floor(req.maxPoints));
  const emit = (): void => {
    onPartial?.(inOrder(req.runIds, byRun));
  };
  const ids = [...new Set(req.runIds)];
  try {
    if (store.kind === 'rest') {
      for (let i = 0; i < ids.length; i += REST_CHUNK) {
        req.signal?.throwIfAborted();
        const chunk = ids.slice(i, i + REST_CHUNK);
        const points = await store.getSampledMetricHistory({
          runIds: chunk,
          metricKey: req.metricKey,
          maxResults: Math.min(maxPoints, REST_MAX_RESULTS),
          signal: req.signal,
        });
        for (const [runId, history] of groupByRun(points, chunk)) {
          addSeries(byRun, toSeries(runId, req.metricKey, history));
        }
        req.signal?.throwIfAborted();
        emit();
      }
    } else {
      for (let i = 0; i < ids.length; i += LOCAL_CONCURRENCY) {
        req.signal?.throwIfAborted();
        const chunk = ids.slice(i, i + LOCAL_CONCURRENCY);
        const histories = await Promise.all(chunk.map((runId) => store.getMetricHistory({ runId, metricKey: req.metricKey, signal: req.signal })));
        chunk.forEach((runId, k) => {
          addSeries(byRun, decimateSeries(toSeries(runId, req.metricKey, histories[k] ?? []), maxPoints));
        });
        req.signal?.throwIfAborted();
        emit();
      }
    }
  } catch (err: unknown) {
    // A store may report the abort its own way (a `cancelled` StoreError); callers see one reason.
    req.signal?.throwIfAborted();
    throw err;
  }
  return inOrder(req.runIds, byRun);
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
