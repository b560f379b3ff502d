// Two rows of the edit-distance table, reused across calls: a dense MLmodel asks for a suggestion
// once per unknown key (tens of thousands of times), and fresh arrays each time were most of the cost.
let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);

/**
 * Edit distance between two short strings (keys, type names), exact up to `max` and `max + 1`
 * beyond it. Only the band of cells within `max` of the diagonal is filled, and the walk stops as
 * soon as a whole row is past `max`, so a comparison costs O(length × max), not O(length²).
 */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) {
    return max + 1;
  }
  const over = max + 1;
  if (previousRow.length <= b.length) {
    previousRow = new Int32Array(b.length + 1);
    currentRow = new Int32Array(b.length + 1);
  }
  let previous = previousRow;
  let current = currentRow;
  for (let j = 0; j <= b.length; j++) {
    previous[j] = Math.min(j, over);
  }
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    // Cells outside the band count as "too far"; the row's first cell is i deletions.
    current[from - 1] = from === 1 ? Math.min(i, over) : over;
    let rowMin = current[from - 1] ?? over;
    for (let j = from; j <= to; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const above = j <= i - 1 + max ? (previous[j] ?? over) : over;
      const cell = Math.min(above + 1, (current[j - 1] ?? over) + 1, (previous[j - 1] ?? over) + cost, over);
      current[j] = cell;
      rowMin = Math.min(rowMin, cell);
    }
    if (to < b.length) {
      current[to + 1] = over;
    }
    if (rowMin > max) {
      return over;
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] ?? over;
}

const normal = (s: string): string => s.toLowerCase().replace(/-/g, '_');

/**
 * The candidate a misspelling most likely meant: within two edits (one for short words), the
 * same word in another case or with `-`/`_` swapped, or an old name MLflow later prefixed
 * (`time_created` became `utc_time_created`). Undefined when nothing is close enough.
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  if (list.includes(word)) {
    return undefined;
  }
  const allowed = word.length <= 4 ? 1 : 2;
  // Computed once, and only for words short enough to be near a candidate (keys can be 1 MB).
  let normalWord: string | undefined;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of list) {
    let distance: number;
    if (candidate.length === word.length && normal(candidate) === (normalWord ??= normal(word))) {
      distance = 0;
    } else if (
      word.length >= 6 &&
      candidate.length > word.length &&
      candidate.endsWith(word) &&
      candidate[candidate.length - word.length - 1] === '_'
    ) {
      distance = 1;
    } else {
      distance = editDistance(word, candidate, allowed);
    }
    if (distance <= allowed && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
