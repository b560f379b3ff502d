import type { Run } from '../tracking/entities/run';

/** Run attributes MLflow's filter grammar accepts. */
const ATTRIBUTES = [
  'attributes.status',
  'attributes.run_name',
  'attributes.start_time',
  'attributes.end_time',
  'attributes.user_id',
  'attributes.run_id',
];

/** `metrics.loss`, or `` metrics.`val loss` `` when the key is not a plain identifier. */
export function qualifiedKey(type: 'metrics' | 'params' | 'tags', key: string): string {
  return /^[A-Za-z_][\w.]*$/.test(key) ? `${type}.${key}` : `${type}.\`${key.replace(/`/g, '')}\``;
}

/**
 * Every key the grammar can filter these runs on, sorted within each kind. With `experimentId`,
 * only the keys of that experiment's runs: a filter applies to the experiment the user is
 * looking at, and keys from other experiments would only match nothing there.
 */
export function searchKeys(runs: readonly Run[], experimentId?: string): string[] {
  const metrics = new Set<string>();
  const params = new Set<string>();
  const tags = new Set<string>();
  for (const run of experimentId === undefined
    ? runs
    : runs.filter((r) => r.info.experimentId === experimentId)) {
    run.data.metrics.forEach((m) => metrics.add(m.key));
    run.data.params.forEach((p) => params.add(p.key));
    run.data.tags.forEach((t) => tags.add(t.key));
  }
  return filterKeys({ metrics, params, tags });
}

/**
 * The filter grammar's keys for these metric, param and tag keys, sorted within each kind, then
 * the run attributes. MLflow's own system tags are rarely what someone filters on; the user's are kept.
 */
export function filterKeys(keys: {
  readonly metrics: Iterable<string>;
  readonly params: Iterable<string>;
  readonly tags: Iterable<string>;
}): string[] {
  const sorted = (s: Iterable<string>): string[] => [...new Set(s)].sort((a, b) => a.localeCompare(b));
  return [
    ...sorted(keys.metrics).map((k) => qualifiedKey('metrics', k)),
    ...sorted(keys.params).map((k) => qualifiedKey('params', k)),
    ...sorted([...keys.tags].filter((k) => !k.startsWith('mlflow.'))).map((k) => qualifiedKey('tags', k)),
    ...ATTRIBUTES,
  ];
}

/** A completion of the word being typed at the end of a filter. */
export interface KeyCompletion {
  readonly key: string;
  /** The whole filter with the last word replaced by the key and a space. */
  readonly filter: string;
}

/**
 * Complete the word at the end of `filter` from `keys`. An empty last word (after `and `, or an
 * empty filter) offers every key; a word that already follows a comparison is a value, not a key.
 */
export function completeKey(filter: string, keys: readonly string[]): KeyCompletion[] {
  const m = /(^|\s)([^\s]*)$/.exec(filter);
  const word = m?.[2] ?? '';
  const before = filter.slice(0, filter.length - word.length);
  const previous = before.trim().split(/\s+/).pop() ?? '';
  if (/^(=|!=|<|<=|>|>=|like|ilike|in)$/i.test(previous)) {
    return [];
  }
  const lower = word.toLowerCase();
  const bare = (k: string): string =>
    k
      .slice(k.indexOf('.') + 1)
      .replace(/`/g, '')
      .toLowerCase();
  return keys
    .filter((k) => word === '' || k.toLowerCase().startsWith(lower) || bare(k).startsWith(lower))
    .map((key) => ({ key, filter: `${before}${key} ` }));
}
