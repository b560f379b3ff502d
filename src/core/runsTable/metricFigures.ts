import type { MetricSeries } from '../compare/metricSeries';
import type { MetricFigures } from './columns';

/**
 * min / max / first / last of one run's history of a metric and its value at each asked step,
 * from a series ordered by step then time (as `toSeries` orders it). first and last are the values
 * at the lowest and highest step (the latest logged among equal steps, as MLflow's "latest").
 * min and max ignore NaN and are NaN when nothing is finite. Undefined for an empty series.
 */
export function metricFigures(s: MetricSeries, steps: readonly number[]): MetricFigures | undefined {
  const n = s.values.length;
  if (n === 0) {
    return undefined;
  }
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = s.values[i] ?? NaN;
    if (!Number.isNaN(v)) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  const firstStep = s.steps[0] ?? 0;
  let first = 0;
  while (first + 1 < n && s.steps[first + 1] === firstStep) {
    first++;
  }
  const any = min <= max;
  return {
    min: any ? min : NaN,
    max: any ? max : NaN,
    first: s.values[first] ?? NaN,
    last: s.values[n - 1] ?? NaN,
    at: new Map(steps.map((step) => [step, valueAtStep(s, step)])),
  };
}

/**
 * The value at step N: the last value logged at a step ≤ N (a sampled history may not hold step
 * N itself, and a metric logged every 10 steps still has a value "at" step 15). Undefined when the
 * run logged nothing up to N.
 */
export function valueAtStep(s: MetricSeries, step: number): number | undefined {
  let lo = 0;
  let hi = s.steps.length;
  // The first index whose step is > `step`.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((s.steps[mid] ?? 0) > step) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return lo === 0 ? undefined : s.values[lo - 1];
}
