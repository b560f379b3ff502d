import { StoreError } from '../../common/storeError';

/** A comparison operator of MLflow's search grammar. */
export type Comparator =
  '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'ILIKE' | 'IN' | 'NOT IN' | 'IS NULL' | 'IS NOT NULL';

/** One `type.key op value` clause; `type` is normalised (`metric` → `metrics`, `attr`/`run` → `attributes`). */
export interface FilterClause {
  readonly type: 'metrics' | 'params' | 'tags' | 'attributes' | 'datasets';
  readonly key: string;
  readonly comparator: Comparator;
  /** null for IS NULL / IS NOT NULL, which take no value. */
  readonly value: string | number | readonly string[] | null;
  /** The value as written in the filter (`'0%'`, `('a', 'b')`), for error messages as MLflow words them. */
  readonly valueText: string;
}

const TYPE_ALIASES: Readonly<Record<string, FilterClause['type']>> = {
  metric: 'metrics',
  metrics: 'metrics',
  param: 'params',
  params: 'params',
  parameter: 'params',
  parameters: 'params',
  tag: 'tags',
  tags: 'tags',
  attribute: 'attributes',
  attributes: 'attributes',
  attr: 'attributes',
  run: 'attributes',
  dataset: 'datasets',
  datasets: 'datasets',
};

const TOKEN =
  /\s*(?:(`[^`]*`|"[^"]*")|('(?:[^'\\]|\\.|'')*')|(\((?:[^)'"]|'(?:[^'\\]|\\.|'')*'|"[^"]*")*\))|(!=|<=|>=|=|<|>)|(-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)|([A-Za-z_][\w.]*))/y;

/** A word/symbol of a filter string with its kind. */
type Token = { kind: 'quoted' | 'string' | 'list' | 'op' | 'number' | 'word'; text: string };

function tokenize(filter: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < filter.length) {
    if (/^\s*$/.test(filter.slice(TOKEN.lastIndex))) {
      break;
    }
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(filter);
    if (m === null) {
      throw invalid(`Invalid filter near "${filter.slice(at, at + 20)}".`);
    }
    const kinds: Token['kind'][] = ['quoted', 'string', 'list', 'op', 'number', 'word'];
    const idx = m.slice(1).findIndex((g: string | undefined) => g !== undefined);
    out.push({ kind: kinds[idx] ?? 'word', text: m[idx + 1] ?? '' });
  }
  return out;
}

function invalid(message: string): StoreError {
  return new StoreError('api', message, { errorCode: 'INVALID_PARAMETER_VALUE', status: 400 });
}

function unquote(s: string): string {
  return s.slice(1, -1).replace(/\\'/g, "'").replace(/''/g, "'");
}

/**
 * Parse MLflow's search filter: clauses joined by AND (no OR, no parentheses), identifiers
 * `type.key` with backtick- or double-quoted keys, single-quoted strings, numbers and `('a','b')`
 * lists for IN, and `IS NULL` / `IS NOT NULL` (MLflow 3's, for tags and params). `bareType` is
 * the entity type of unprefixed identifiers (`name` on experiments). Only the grammar is checked
 * here; which comparator and value suit which key is the caller's rule (see runClauseRules).
 * Errors are `INVALID_PARAMETER_VALUE`, as the server answers.
 */
export function parseSearchFilter(
  filter: string | undefined,
  bareType: FilterClause['type'] = 'attributes',
): FilterClause[] {
  if (filter === undefined || filter.trim() === '') {
    return [];
  }
  const tokens = tokenize(filter);
  const clauses: FilterClause[] = [];
  let i = 0;
  for (;;) {
    const { clause, end } = readClause(tokens, i, filter, bareType);
    clauses.push(clause);
    const next = tokens[end];
    if (next === undefined) {
      return clauses;
    }
    if (next.kind !== 'word' || next.text.toUpperCase() !== 'AND') {
      throw invalid(`Invalid clause(s) in filter string: '${next.text}'`);
    }
    i = end + 1;
  }
}

/** The clause whose identifier is `tokens[i]`, and the index of the token after it. */
function readClause(
  tokens: readonly Token[],
  i: number,
  filter: string,
  bareType: FilterClause['type'],
): { clause: FilterClause; end: number } {
  const { type, key, end: afterIdent } = readIdentifier(tokens, i, filter, bareType);
  const comparator = readComparator(tokens, afterIdent, filter);
  const at = afterIdent + comparator.width;
  if (comparator.op === 'IS NULL' || comparator.op === 'IS NOT NULL') {
    return { clause: { type, key, comparator: comparator.op, value: null, valueText: '' }, end: at };
  }
  const v = tokens[at];
  if (v === undefined) {
    throw invalid(`Invalid filter "${filter}": missing value.`);
  }
  const value = readValue(v, comparator.op, filter);
  return { clause: { type, key, comparator: comparator.op, value, valueText: v.text }, end: at + 1 };
}

/** The `type.key` at `tokens[i]` (a quoted key takes `bareType`), and the index of the token after it. */
function readIdentifier(
  tokens: readonly Token[],
  i: number,
  filter: string,
  bareType: FilterClause['type'],
): { type: FilterClause['type']; key: string; end: number } {
  const ident = tokens[i];
  if (ident === undefined || (ident.kind !== 'word' && ident.kind !== 'quoted')) {
    throw invalid(`Invalid filter "${filter}": expected an identifier.`);
  }
  if (ident.kind === 'quoted') {
    return { type: bareType, key: ident.text.slice(1, -1), end: i + 1 };
  }
  const { type, key } = splitTypedWord(ident.text, bareType);
  // `metrics.` followed by a quoted key arrives as two tokens.
  const quotedKey = tokens[i + 1];
  if (key === '' && quotedKey?.kind === 'quoted') {
    return { type, key: quotedKey.text.slice(1, -1), end: i + 2 };
  }
  return { type, key, end: i + 1 };
}

/** `prefix.key` with a known entity prefix, or a bare key of `bareType`; an unknown prefix is refused where the bare type is attributes. */
function splitTypedWord(
  text: string,
  bareType: FilterClause['type'],
): { type: FilterClause['type']; key: string } {
  const dot = text.indexOf('.');
  const word = text.slice(0, dot).toLowerCase();
  // own keys only: `constructor.x` or `__proto__.x` must be an unknown prefix, not Object's own
  const prefix = dot >= 0 && Object.hasOwn(TYPE_ALIASES, word) ? TYPE_ALIASES[word] : undefined;
  if (prefix !== undefined) {
    return { type: prefix, key: text.slice(dot + 1) };
  }
  if (dot >= 0 && bareType === 'attributes') {
    throw invalid(
      `Invalid entity type '${text.slice(0, dot)}'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']`,
    );
  }
  return { type: bareType, key: text };
}

/** The comparators written as words, each as its words (case-insensitive) in the filter. */
const WORD_COMPARATORS = [
  'LIKE',
  'ILIKE',
  'IN',
  'NOT IN',
  'IS NULL',
  'IS NOT NULL',
] as const satisfies readonly Comparator[];

const upperWord = (t: Token | undefined): string => (t?.kind === 'word' ? t.text.toUpperCase() : '');

function readComparator(
  tokens: readonly Token[],
  i: number,
  filter: string,
): { op: Comparator; width: number } {
  const t = tokens[i];
  if (t?.kind === 'op') {
    return { op: t.text as Comparator, width: 1 };
  }
  for (const op of WORD_COMPARATORS) {
    const words = op.split(' ');
    if (words.every((w, k) => upperWord(tokens[i + k]) === w)) {
      return { op, width: words.length };
    }
  }
  throw invalid(`Invalid comparator in filter "${filter}".`);
}

function readValue(t: Token, op: Comparator, filter: string): FilterClause['value'] {
  if (op === 'IN' || op === 'NOT IN') {
    if (t.kind !== 'list') {
      throw invalid(`Invalid filter "${filter}": IN needs a ('a', 'b') list.`);
    }
    return [...t.text.matchAll(/'((?:[^'\\]|\\.|'')*)'|"([^"]*)"/g)].map((m) =>
      m[1] !== undefined ? unquote(`'${m[1]}'`) : (m[2] ?? ''),
    );
  }
  if (t.kind === 'string') {
    return unquote(t.text);
  }
  if (t.kind === 'number') {
    return Number(t.text);
  }
  if (t.kind === 'quoted' && t.text.startsWith('"')) {
    return t.text.slice(1, -1);
  }
  throw invalid(`Invalid filter "${filter}": expected a value.`);
}
