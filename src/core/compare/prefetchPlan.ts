import type { Run } from '../tracking/entities/run';

/** Metric charts a new compare panel shows: the first of the runs' metric keys in sorted order. */
export const DEFAULT_SHOWN_METRICS = 6;
/**
 * Points a chart draws at most, over all its runs: beyond this, more runs only add overdraw. 400 a
 * line at 100 runs (MLflow's own charts ask 320); at 60,000 the host's parse of the server's JSON
 * (~125 bytes a point) was most of the 100-run panel's wait (bench: all charts 2.35 → 1.91 s, median of 3).
 */
export const POINTS_PER_CHART = 40_000;
/** Most points per run a chart asks for (MLflow's bulk-interval cap). */
export const MAX_POINTS_PER_RUN = 2500;
/** Fewest points per run a chart asks for, however many runs it shows. */
export const MIN_POINTS_PER_RUN = 100;

/** Sorted union of the runs' metric keys, as a compare panel lists them. */
export function metricKeysOf(runs: readonly Run[]): string[] {
  return [...new Set(runs.flatMap((r) => r.data.metrics.map((m) => m.key)))].sort();
}

/**
 * What a new compare panel will ask for before its webview has asked: the metrics it shows by
 * default, at the most points per run any chart width asks for with this many runs (a narrower
 * chart asks for fewer, and the host decimates what it holds down to that).
 */
export function prefetchPlan(runs: readonly Run[]): { keys: string[]; maxPoints: number } {
  return {
    keys: metricKeysOf(runs).slice(0, DEFAULT_SHOWN_METRICS),
    maxPoints: pointsPerRunCap(runs.length),
  };
}

/** The most points per run a chart of `runCount` runs asks for, whatever its width. */
export function pointsPerRunCap(runCount: number): number {
  return Math.max(
    MIN_POINTS_PER_RUN,
    Math.min(MAX_POINTS_PER_RUN, Math.floor(POINTS_PER_CHART / Math.max(1, runCount))),
  );
}

/**
 * Points per run a chart asks for: what its width shows (`widthPoints`, four per pixel), within the
 * cap for this many runs and never under {@link MIN_POINTS_PER_RUN}.
 */
export function chartPointsFor(widthPoints: number, runCount: number): number {
  return Math.max(MIN_POINTS_PER_RUN, Math.min(widthPoints, pointsPerRunCap(runCount)));
}
