import type { Metric } from '../tracking/entities/metric';
import { decimate, decimateIndices, pick } from './decimate';

/** What a chart's x axis shows: the step, wall-clock time (epoch ms) or seconds since the run started. */
export type XAxis = 'step' | 'time' | 'relative';

/** One metric's history of one run, as parallel typed arrays ordered by step then timestamp. */
export interface MetricSeries {
  readonly runId: string;
  readonly key: string;
  readonly steps: Float64Array;
  /** Epoch milliseconds. */
  readonly times: Float64Array;
  readonly values: Float64Array;
}

/** Shape a metric history (any order) into a {@link MetricSeries}, sorted by step then timestamp. */
export function toSeries(runId: string, key: string, history: readonly Metric[]): MetricSeries {
  const sorted = isSorted(history)
    ? history
    : [...history].sort((a, b) => a.step - b.step || a.timestamp - b.timestamp);
  const steps = new Float64Array(sorted.length);
  const times = new Float64Array(sorted.length);
  const values = new Float64Array(sorted.length);
  sorted.forEach((m, i) => {
    steps[i] = m.step;
    times[i] = m.timestamp;
    values[i] = m.value;
  });
  return { runId, key, steps, times, values };
}

function isSorted(history: readonly Metric[]): boolean {
  for (let i = 1; i < history.length; i++) {
    const a = history[i - 1];
    const b = history[i];
    if (
      a !== undefined &&
      b !== undefined &&
      (a.step > b.step || (a.step === b.step && a.timestamp > b.timestamp))
    ) {
      return false;
    }
  }
  return true;
}

/**
 * The x value of every point for the chosen axis. `relative` is in seconds since `runStartMs`, or,
 * when the run's start is unknown, since the earliest timestamp of the series (so it starts at 0).
 * `step` and `time` return the series' own arrays (do not mutate them).
 */
export function xValues(s: MetricSeries, axis: XAxis, runStartMs?: number): Float64Array {
  switch (axis) {
    case 'step':
      return s.steps;
    case 'time':
      return s.times;
    case 'relative': {
      const origin = runStartMs ?? earliest(s.times);
      const out = new Float64Array(s.times.length);
      for (let i = 0; i < out.length; i++) {
        out[i] = ((s.times[i] ?? NaN) - origin) / 1000;
      }
      return out;
    }
  }
}

function earliest(times: Float64Array): number {
  let min = Infinity;
  for (const t of times) {
    min = Math.min(min, t);
  }
  return Number.isFinite(min) ? min : 0;
}

/** The chart data of a series: its x values for `axis` and its values, decimated to `maxPoints`. */
export function boundSeries(
  s: MetricSeries,
  axis: XAxis,
  maxPoints: number,
  runStartMs?: number,
): { xs: Float64Array; ys: Float64Array } {
  return decimate(xValues(s, axis, runStartMs), s.values, maxPoints);
}

/** A series cut down to the points {@link decimateIndices} keeps over its steps; the same series when it fits. */
export function decimateSeries(s: MetricSeries, maxPoints: number): MetricSeries {
  const keep = decimateIndices(s.steps, s.values, maxPoints);
  if (keep === undefined) {
    return s;
  }
  return {
    runId: s.runId,
    key: s.key,
    steps: pick(s.steps, keep),
    times: pick(s.times, keep),
    values: pick(s.values, keep),
  };
}
