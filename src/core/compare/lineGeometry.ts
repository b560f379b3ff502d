/** A line as a chart draws it: x and y of its finite points, in step order. */
export interface LinePoints {
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly hidden: boolean;
}

/** The extent of every visible line's points, or undefined when no visible line has a point. */
export function linesBounds(
  lines: readonly LinePoints[],
): { x0: number; x1: number; y0: number; y1: number } | undefined {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const l of lines) {
    if (l.hidden) {
      continue;
    }
    // Points are in step order; wall time usually but not always follows it, so x is scanned too.
    for (const x of l.xs) {
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
    }
    for (const y of l.ys) {
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  return Number.isFinite(x0) && Number.isFinite(y0) ? { x0, x1, y0, y1 } : undefined;
}

/**
 * Index of the point of `xs` nearest to `x` by binary search (the earlier one on a tie), for
 * ascending `xs`; -1 when `xs` is empty. Unsorted input gives a nearby point, not necessarily the nearest.
 */
export function nearestIndex(xs: Float64Array, x: number): number {
  if (xs.length === 0) {
    return -1;
  }
  let lo = 0;
  let hi = xs.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] ?? 0) < x) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return Math.abs((xs[lo] ?? 0) - x) <= Math.abs((xs[hi] ?? 0) - x) ? lo : hi;
}
