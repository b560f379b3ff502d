import type { CompareSeries, SeriesPayload } from '../../src/protocol/compareRuns';
import { unpackSeries } from '../../src/protocol/seriesBatch';

/** metric key → run id → series; each answer adds the runs it brings (a reset answer starts over). */
export const series = new Map<string, Map<string, SeriesPayload>>();
/** Metric keys whose every run has arrived. */
export const complete = new Set<string>();

/**
 * Take in one `compare/series` answer (a delta: see the protocol). Returns whether the metric's
 * series changed, i.e. whether its chart has anything new to draw.
 */
export function storeSeries(m: CompareSeries): boolean {
  let held = series.get(m.metricKey);
  if (held === undefined || m.reset) {
    held = new Map();
    series.set(m.metricKey, held);
    complete.delete(m.metricKey);
  }
  const arrived = unpackSeries(m.batch);
  for (const s of arrived) {
    held.set(s.runId, s);
  }
  if (m.complete) {
    complete.add(m.metricKey);
  }
  return arrived.length > 0 || m.reset;
}

/** Whether any of these metrics holds a series sent without wall-clock times. */
export function lacksTimes(keys: readonly string[]): boolean {
  return keys.some((k) => [...(series.get(k)?.values() ?? [])].some((s) => s.times === undefined));
}
