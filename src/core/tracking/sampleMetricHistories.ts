import type { Metric, MetricPoint } from './entities/metric';

/**
 * Which steps MLflow's `get-history-bulk-interval` keeps, reproduced so that local stores and the
 * fallback for old servers draw the same charts as a 2.11+ server. Behaviour (2.17):
 * - steps are the union over all runs, within [start, end] (default [0, last step]);
 * - if at most `maxResults` steps are in range, all are kept; otherwise `maxResults` evenly spaced
 *   ones plus the last in range. The server compares the absolute index with the in-range count,
 *   so with a start step > 0 fewer points survive; we keep that quirk for identical answers;
 * - every run's own first and last step in range are always kept, so no line loses its ends.
 */
export function sampledSteps(
  stepsPerRun: ReadonlyArray<readonly number[]>,
  maxResults: number,
  startStep?: number,
  endStep?: number,
): Set<number> {
  const all = [...new Set(stepsPerRun.flat())].sort((a, b) => a - b);
  const start = startStep ?? 0;
  const end = endStep ?? all[all.length - 1] ?? 0;
  const first = all.findIndex((s) => s >= start);
  const from = first < 0 ? all.length : first;
  let to = all.length;
  while (to > from && (all[to - 1] ?? 0) > end) {
    to--;
  }
  const kept = new Set<number>();
  const count = to - from;
  if (count <= maxResults) {
    all.slice(from, to).forEach((s) => kept.add(s));
  } else {
    const interval = count / maxResults;
    for (let i = 0; i < maxResults; i++) {
      const idx = from + Math.floor(i * interval);
      if (idx < count) {
        kept.add(all[idx] ?? 0);
      }
    }
    kept.add(all[to - 1] ?? 0);
  }
  for (const steps of stepsPerRun) {
    if (steps.length > 0) {
      [Math.min(...steps), Math.max(...steps)]
        .filter((s) => s >= start && s <= end)
        .forEach((s) => kept.add(s));
    }
  }
  return kept;
}

/** Apply {@link sampledSteps} to full histories, giving points per run ordered by step then time. */
export function sampleMetricHistories(
  histories: ReadonlyArray<{ readonly runId: string; readonly history: readonly Metric[] }>,
  maxResults: number,
  startStep?: number,
  endStep?: number,
): MetricPoint[] {
  const steps = sampledSteps(
    histories.map((h) => h.history.map((m) => m.step)),
    maxResults,
    startStep,
    endStep,
  );
  return histories.flatMap(({ runId, history }) =>
    history
      .filter((m) => steps.has(m.step))
      .sort((a, b) => a.step - b.step || a.timestamp - b.timestamp)
      .map((m): MetricPoint => ({ ...m, runId })),
  );
}
