// Test support: the file store's server lists tags, params, metrics and latest versions in
// directory-listing order, which no other client can reproduce; compare those collections as
// sets by sorting them. Not product code.

type Keyed = { key?: string; version?: string };

function sortList(list: unknown[]): unknown[] {
  return [...list].sort((a, b) => {
    const ka = (a as Keyed).key ?? (a as Keyed).version ?? '';
    const kb = (b as Keyed).key ?? (b as Keyed).version ?? '';
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

const UNORDERED = new Set(['tags', 'params', 'metrics', 'latestVersions']);

/** A deep copy with the unordered collections sorted by key (or version). */
export function normaliseOrder(value: unknown, field = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => normaliseOrder(v));
    return UNORDERED.has(field) ? sortList(items) : items;
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseOrder(v, k)]));
  }
  return value;
}
