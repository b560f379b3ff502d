/** Edit distance between two short strings (keys, type names), with an early cut-off. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) {
    return max + 1;
  }
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? max + 1;
}

/**
 * The candidate a misspelling most likely meant: within two edits (one for short words), the
 * same word in another case or with `-`/`_` swapped, or an old name MLflow later prefixed
 * (`time_created` became `utc_time_created`). Undefined when nothing is close enough.
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const normal = (s: string): string => s.toLowerCase().replace(/-/g, '_');
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === word) {
      return undefined;
    }
    const prefixed = word.length >= 6 && candidate.endsWith(`_${word}`);
    const distance = normal(candidate) === normal(word) ? 0 : prefixed ? 1 : editDistance(word, candidate);
    const allowed = word.length <= 4 ? 1 : 2;
    if (distance <= allowed && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
