/** The smallest output {@link decimate} produces: first, last, global min and global max. */
const MIN_POINTS = 4;

/**
 * The indices Largest-Triangle-Three-Buckets keeps of `(xs[i], ys[i])`, ascending, or undefined
 * when the input already fits (length ≤ max(threshold, 4)), so callers can keep their arrays.
 *
 * Two slots are reserved for the global minimum and maximum of the finite y values: LTTB keeps
 * the visual shape, but a chart of a loss must not lose its lowest point, so they are added after
 * the triangle pass (if it did not pick them already). The first and last points are always kept.
 *
 * Non-finite y values (NaN, ±Infinity) cannot be placed on a chart, so they take no part in the
 * triangle areas or bucket averages and are never a bucket's pick while the bucket holds a finite
 * point. A bucket holding only non-finite values keeps its first one, so a run of NaN stays
 * visible as a gap instead of being bridged by a line. Runs in O(n) time.
 */
export function decimateIndices(
  xs: Float64Array,
  ys: Float64Array,
  threshold: number,
): Int32Array | undefined {
  const n = Math.min(xs.length, ys.length);
  const limit = Number.isNaN(threshold) ? MIN_POINTS : Math.max(Math.floor(threshold), MIN_POINTS);
  if (n <= limit) {
    return undefined;
  }
  const picked = lttb(xs, ys, n, limit - 2);
  return mergeExtremes(picked, extremes(ys, n));
}

/**
 * Down-sample a line to at most `max(threshold, 4)` points with Largest-Triangle-Three-Buckets,
 * keeping the first, last, global-min and global-max points; see {@link decimateIndices} for how
 * NaN and ±Infinity are treated. Returns the input arrays themselves when they already fit.
 */
export function decimate(
  xs: Float64Array,
  ys: Float64Array,
  threshold: number,
): { xs: Float64Array; ys: Float64Array } {
  const keep = decimateIndices(xs, ys, threshold);
  if (keep === undefined) {
    return { xs, ys };
  }
  return { xs: pick(xs, keep), ys: pick(ys, keep) };
}

/** `source[indices[i]]` for every i, as a new array. */
export function pick(source: Float64Array, indices: Int32Array): Float64Array {
  const out = new Float64Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    out[i] = source[indices[i] ?? 0] ?? NaN;
  }
  return out;
}

/** The mean of a bucket's finite points, as sums and a count (reused across buckets: no allocation per bucket). */
interface FiniteMean {
  x: number;
  y: number;
  finite: number;
}

/** The plain LTTB pass: `count` ≥ 2 indices, first and last included, ascending. */
function lttb(xs: Float64Array, ys: Float64Array, n: number, count: number): Int32Array {
  const out = new Int32Array(count);
  out[0] = 0;
  out[count - 1] = n - 1;
  const buckets = count - 2;
  if (buckets <= 0) {
    return out;
  }
  // Interior points 1..n-2 are split into `buckets` equal ranges.
  const size = (n - 2) / buckets;
  // The anchor is the last kept finite point; it starts at the first finite one.
  const first = ys[0] ?? NaN;
  let ax = Number.isFinite(first) ? (xs[0] ?? NaN) : NaN;
  let ay = Number.isFinite(first) ? first : NaN;
  const next: FiniteMean = { x: 0, y: 0, finite: 0 };
  for (let b = 0; b < buckets; b++) {
    const start = 1 + Math.floor(b * size);
    const end = 1 + Math.floor((b + 1) * size);
    // The third triangle vertex: the mean of the next bucket's finite points (the last point for the last bucket).
    sumFinite(xs, ys, end, b + 1 < buckets ? 1 + Math.floor((b + 2) * size) : n, next);
    const best = bucketPick(xs, ys, start, end, ax, ay, next);
    if (best < 0) {
      out[b + 1] = start;
    } else {
      out[b + 1] = best;
      ax = xs[best] ?? NaN;
      ay = ys[best] ?? NaN;
    }
  }
  return out;
}

/** Sums the finite points of `[from, to)` into `into` (x and y sums, and how many). */
function sumFinite(xs: Float64Array, ys: Float64Array, from: number, to: number, into: FiniteMean): void {
  into.x = 0;
  into.y = 0;
  into.finite = 0;
  for (let i = from; i < to; i++) {
    const y = ys[i] ?? NaN;
    if (Number.isFinite(y)) {
      into.x += xs[i] ?? NaN;
      into.y += y;
      into.finite++;
    }
  }
}

/** The index in `[start, end)` whose finite point makes the largest triangle, or -1 when none is finite. */
function bucketPick(
  xs: Float64Array,
  ys: Float64Array,
  start: number,
  end: number,
  ax: number,
  ay: number,
  next: Readonly<FiniteMean>,
): number {
  let best = -1;
  let bestArea = -1;
  for (let i = start; i < end; i++) {
    const y = ys[i] ?? NaN;
    if (!Number.isFinite(y)) {
      continue;
    }
    const area = triangleArea(ax, ay, xs[i] ?? NaN, y, next);
    // Overflow with values near ±1.8e308 gives Infinity or NaN; keep such a point rather than none.
    if (best < 0 || area > bestArea || (Number.isNaN(bestArea) && !Number.isNaN(area))) {
      best = i;
      bestArea = area;
    }
  }
  return best;
}

/** Twice the area of the triangle anchor, (x, y), next bucket's mean; a fallback when either end is missing. */
function triangleArea(ax: number, ay: number, x: number, y: number, next: Readonly<FiniteMean>): number {
  if (Number.isNaN(ay)) {
    // No finite point before: prefer the point farthest from the next bucket's mean.
    return next.finite === 0 ? 0 : Math.abs(y - next.y / next.finite);
  }
  if (next.finite === 0) {
    // Nothing to aim at: prefer the point farthest from the anchor's level.
    return Math.abs(y - ay);
  }
  const mx = next.x / next.finite;
  const my = next.y / next.finite;
  return Math.abs((ax - mx) * (y - ay) - (ax - x) * (my - ay));
}

/** Indices of the global minimum and maximum finite y (first occurrence), or -1 when there is none. */
function extremes(ys: Float64Array, n: number): [number, number] {
  let lo = -1;
  let hi = -1;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const y = ys[i] ?? NaN;
    if (!Number.isFinite(y)) {
      continue;
    }
    if (lo < 0 || y < min) {
      min = y;
      lo = i;
    }
    if (hi < 0 || y > max) {
      max = y;
      hi = i;
    }
  }
  return [lo, hi];
}

/** Sorted union of the LTTB picks and the extreme indices. */
function mergeExtremes(picked: Int32Array, [lo, hi]: [number, number]): Int32Array {
  const extra = [lo, hi]
    .filter((i, k, all) => i >= 0 && all.indexOf(i) === k && !contains(picked, i))
    .sort((a, b) => a - b);
  if (extra.length === 0) {
    return picked;
  }
  const out = new Int32Array(picked.length + extra.length);
  let p = 0;
  let e = 0;
  for (let o = 0; o < out.length; o++) {
    const next = extra[e];
    if (next !== undefined && (p >= picked.length || next < (picked[p] ?? 0))) {
      out[o] = next;
      e++;
    } else {
      out[o] = picked[p] ?? 0;
      p++;
    }
  }
  return out;
}

/** Binary search in an ascending index array. */
function contains(sorted: Int32Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid] ?? 0;
    if (v === value) {
      return true;
    }
    if (v < value) {
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return false;
}
