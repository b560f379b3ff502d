import { loadMetricsSeries } from '../compare/loadHistories';
import type { TrackingStore } from '../tracking/trackingStore';
import type { MetricFigures } from './columns';
import type { FiguresCache } from './figuresCache';
import { metricFigures } from './metricFigures';
import type { TableRow } from './tableRow';

/** Points per run asked of a server's `get-history-bulk-interval` (MLflow's maximum). */
const SERVER_POINTS = 2500;
/** Runs per round: each round's figures are reported before the next starts. */
const ROUND = 500;

/** What {@link loadFigures} computes: one metric of these runs, at these steps. */
export interface FiguresRequest {
  readonly rows: readonly TableRow[];
  readonly key: string;
  readonly steps: readonly number[];
  readonly signal?: AbortSignal;
}

/**
 * Compute the figures of one metric for every row that logged it and has none cached, in rounds,
 * calling `onRound` with the cached figures of the others first, then with each round's new ones. Local stores read every point (exact); a server
 * samples with `get-history-bulk-interval` (2,500 points per run, each run's first and last step
 * kept, so first and last are exact and min / max are of the sample), which the REST store falls
 * back from on servers without it, as the compare panel does (both go through loadMetricsSeries).
 */
export async function loadFigures(
  store: TrackingStore,
  cache: FiguresCache,
  req: FiguresRequest,
  onRound: (figures: ReadonlyArray<readonly [string, MetricFigures | null]>, cached: boolean) => void,
): Promise<void> {
  const versionOf = (r: TableRow): string => `${r.status}:${r.metricVersions.get(req.key) ?? ''}`;
  const logged = req.rows.filter((r) => r.metrics.has(req.key));
  const todo = logged.filter((r) => !cache.covers(r.runId, req.key, versionOf(r), req.steps));
  // What the cache holds goes first, in one round (a table reloaded for a new filter shows it at once).
  const computed = new Set(todo.map((r) => r.runId));
  const known = logged
    .filter((r) => !computed.has(r.runId))
    .map((r): readonly [string, MetricFigures | null] => [
      r.runId,
      cache.get(r.runId, req.key, versionOf(r)) ?? null,
    ]);
  if (known.length > 0) {
    onRound(known, true);
  }
  const maxPoints = store.kind === 'rest' ? SERVER_POINTS : Number.MAX_SAFE_INTEGER;
  for (let i = 0; i < todo.length; i += ROUND) {
    const round = todo.slice(i, i + ROUND);
    const series = await loadMetricsSeries(store, {
      runIds: round.map((r) => r.runId),
      metricKeys: [req.key],
      maxPoints,
      signal: req.signal,
    });
    const byRun = new Map((series.get(req.key) ?? []).map((s) => [s.runId, s]));
    const out = round.map((r): readonly [string, MetricFigures | null] => {
      const s = byRun.get(r.runId);
      const f = s === undefined ? null : (metricFigures(s, req.steps) ?? null);
      cache.set(r.runId, req.key, versionOf(r), f);
      return [r.runId, f];
    });
    onRound(out, false);
    // A local store reads histories in the caller's thread: let its other work (messages) run.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
