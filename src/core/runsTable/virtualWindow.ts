/** The items a virtualised list draws: indices `first` (inclusive) to `last` (exclusive). */
export interface ItemWindow {
  readonly first: number;
  readonly last: number;
}

/**
 * Rows of a fixed height that intersect the viewport, plus `overscan` on each side so a fast
 * scroll does not show blank rows before the next frame draws.
 */
export function rowWindow(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  count: number,
  overscan = 8,
): ItemWindow {
  if (count <= 0 || rowHeight <= 0) {
    return { first: 0, last: 0 };
  }
  const top = Math.max(0, scrollTop);
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((top + Math.max(0, viewport)) / rowHeight) + overscan);
  return { first: Math.min(first, last), last };
}

/** Left edge of each column and, last, the total width. */
export function columnOffsets(widths: readonly number[]): number[] {
  const out = [0];
  for (const w of widths) {
    out.push((out[out.length - 1] ?? 0) + Math.max(0, w));
  }
  return out;
}

/**
 * Columns (of varying widths, left edges from {@link columnOffsets}) that intersect the viewport,
 * plus `overscan` on each side. Binary search: a table may have thousands of key columns.
 */
export function columnWindow(
  scrollLeft: number,
  viewport: number,
  offsets: readonly number[],
  overscan = 1,
): ItemWindow {
  const count = offsets.length - 1;
  if (count <= 0) {
    return { first: 0, last: 0 };
  }
  const left = Math.max(0, scrollLeft);
  const right = left + Math.max(0, viewport);
  // The first column whose right edge is past `left`.
  const first = firstIndex(offsets, 1, (o) => o > left) - 1;
  // The first column whose left edge is at or past `right`: it and those after are out of view.
  const last = firstIndex(offsets, 0, (o) => o >= right);
  return {
    first: Math.max(0, Math.min(first, count - 1) - overscan),
    last: Math.min(count, Math.max(last, first + 1) + overscan),
  };
}

/** The first index ≥ `from` whose (ascending) offset passes `past`; the last index when none does. */
function firstIndex(offsets: readonly number[], from: number, past: (offset: number) => boolean): number {
  let lo = from;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (past(offsets[mid] ?? 0)) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return lo;
}
