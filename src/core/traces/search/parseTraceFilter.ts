import { StoreError } from '../../common/storeError';

/** A comparison of the trace filter grammar. */
export type TraceComparator =
  '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'ILIKE' | 'IN' | 'NOT IN' | 'IS NULL' | 'IS NOT NULL';

/** What a clause compares: a trace attribute, or one tag or metadata key. */
export type TraceSubject =
  | { readonly kind: 'attribute'; readonly key: TraceAttribute }
  | { readonly kind: 'tag' | 'metadata'; readonly key: string };

/** The trace attributes local stores filter and sort on. */
export type TraceAttribute =
  'status' | 'name' | 'timestamp_ms' | 'execution_time_ms' | 'run_id' | 'client_request_id';

/** One `subject op value` clause; the value is null for IS [NOT] NULL, a list for [NOT] IN. */
export interface TraceClause {
  readonly subject: TraceSubject;
  readonly comparator: TraceComparator;
  readonly value: string | number | readonly string[] | null;
}

const ATTRIBUTE_ALIASES: Readonly<Record<string, TraceAttribute>> = {
  status: 'status',
  state: 'status',
  name: 'name',
  timestamp_ms: 'timestamp_ms',
  timestamp: 'timestamp_ms',
  execution_time_ms: 'execution_time_ms',
  execution_time: 'execution_time_ms',
  run_id: 'run_id',
  client_request_id: 'client_request_id',
};
const ATTRIBUTE_PREFIXES = new Set(['trace', 'attributes', 'attribute', 'attr']);
const TAG_PREFIXES = new Set(['tags', 'tag']);
const METADATA_PREFIXES = new Set(['metadata', 'request_metadata']);
const NUMERIC: ReadonlySet<TraceAttribute> = new Set(['timestamp_ms', 'execution_time_ms']);

const TOKEN =
  /\s*(?:(`[^`]*`|"[^"]*")|('(?:[^'\\]|\\.|'')*')|(\((?:[^)'"]|'(?:[^'\\]|\\.|'')*')*\))|(!=|<=|>=|=|<|>)|(-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)|([A-Za-z_][\w.]*))/y;
type Token = {
  readonly kind: 'quoted' | 'string' | 'list' | 'op' | 'number' | 'word';
  readonly text: string;
};
const KINDS: readonly Token['kind'][] = ['quoted', 'string', 'list', 'op', 'number', 'word'];

/** The error a server gives a bad filter, so callers handle local and remote stores alike. */
export function invalidFilter(message: string): StoreError {
  return new StoreError('api', message, { errorCode: 'INVALID_PARAMETER_VALUE', status: 400 });
}

function tokenize(filter: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < filter.length && !/^\s*$/.test(filter.slice(TOKEN.lastIndex))) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(filter);
    if (m === null) {
      throw invalidFilter(`Invalid trace filter near "${filter.slice(at, at + 20)}".`);
    }
    const idx = m.slice(1).findIndex((g: string | undefined) => g !== undefined);
    out.push({ kind: KINDS[idx] ?? 'word', text: m[idx + 1] ?? '' });
  }
  return out;
}

function unquote(s: string): string {
  return s.slice(1, -1).replace(/\\'/g, "'").replace(/''/g, "'");
}

/** Cursor over the tokens of one filter. */
class Clauses {
  private i = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly filter: string,
  ) {}

  all(): TraceClause[] {
    const out: TraceClause[] = [];
    for (;;) {
      out.push(this.clause());
      const next = this.tokens[this.i++];
      if (next === undefined) {
        return out;
      }
      const word = next.text.toUpperCase();
      if (word === 'OR') {
        throw invalidFilter(`Invalid trace filter "${this.filter}": OR is not supported, only AND.`);
      }
      if (next.kind !== 'word' || word !== 'AND') {
        throw invalidFilter(`Invalid clause(s) in trace filter: '${next.text}'`);
      }
    }
  }

  private clause(): TraceClause {
    const subject = this.subject();
    const comparator = this.comparator();
    if (comparator === 'IS NULL' || comparator === 'IS NOT NULL') {
      return checked({ subject, comparator, value: null }, this.filter);
    }
    const v = this.tokens[this.i++];
    if (v === undefined) {
      throw invalidFilter(`Invalid trace filter "${this.filter}": missing value.`);
    }
    const value =
      v.kind === 'string'
        ? unquote(v.text)
        : v.kind === 'number'
          ? Number(v.text)
          : v.kind === 'list'
            ? listValues(v.text, this.filter)
            : undefined;
    if (value === undefined) {
      throw invalidFilter(`Invalid trace filter "${this.filter}": expected a value, got '${v.text}'.`);
    }
    return checked({ subject, comparator, value }, this.filter);
  }

  private subject(): TraceSubject {
    const ident = this.tokens[this.i++];
    if (ident === undefined || (ident.kind !== 'word' && ident.kind !== 'quoted')) {
      throw invalidFilter(`Invalid trace filter "${this.filter}": expected an identifier.`);
    }
    const text = ident.kind === 'quoted' ? ident.text.slice(1, -1) : ident.text;
    const dot = ident.kind === 'quoted' ? -1 : text.indexOf('.');
    const prefix = dot < 0 ? 'trace' : text.slice(0, dot).toLowerCase();
    let key = dot < 0 ? text : text.slice(dot + 1);
    // `tags.` followed by a backticked key arrives as two tokens.
    if (key === '' && this.tokens[this.i]?.kind === 'quoted') {
      key = (this.tokens[this.i++]?.text ?? '').slice(1, -1);
    }
    if (TAG_PREFIXES.has(prefix)) {
      return { kind: 'tag', key };
    }
    if (METADATA_PREFIXES.has(prefix)) {
      return { kind: 'metadata', key };
    }
    const attribute = ATTRIBUTE_PREFIXES.has(prefix) ? ATTRIBUTE_ALIASES[key.toLowerCase()] : undefined;
    if (attribute === undefined) {
      throw invalidFilter(
        `Filtering traces on '${dot < 0 ? '' : text.slice(0, dot + 1)}${key}' is not supported by this local store: it understands trace.status, trace.name, trace.timestamp_ms, trace.execution_time_ms, trace.run_id, trace.client_request_id, tags.<key> and metadata.<key>, joined by AND. Span, assessment, prompt and full-text filters need an MLflow server with a database store.`,
      );
    }
    return { kind: 'attribute', key: attribute };
  }

  private comparator(): TraceComparator {
    const t = this.tokens[this.i];
    const word = (n: number): string =>
      this.tokens[this.i + n]?.kind === 'word' ? (this.tokens[this.i + n]?.text.toUpperCase() ?? '') : '';
    if (t?.kind === 'op') {
      this.i++;
      return t.text as TraceComparator;
    }
    if (word(0) === 'LIKE' || word(0) === 'ILIKE' || word(0) === 'IN') {
      this.i++;
      return word(-1) as TraceComparator;
    }
    if (word(0) === 'NOT' && word(1) === 'IN') {
      this.i += 2;
      return 'NOT IN';
    }
    if (word(0) === 'IS' && word(1) === 'NULL') {
      this.i += 2;
      return 'IS NULL';
    }
    if (word(0) === 'IS' && word(1) === 'NOT' && word(2) === 'NULL') {
      this.i += 3;
      return 'IS NOT NULL';
    }
    throw invalidFilter(`Invalid trace filter "${this.filter}": expected a comparison operator.`);
  }
}

function listValues(text: string, filter: string): string[] {
  const inner = text.slice(1, -1).trim();
  const items = inner.match(/'(?:[^'\\]|\\.|'')*'/g) ?? [];
  if (inner.replace(/'(?:[^'\\]|\\.|'')*'/g, '').replace(/[\s,]/g, '') !== '') {
    throw invalidFilter(`Invalid trace filter "${filter}": IN takes a list of quoted strings.`);
  }
  return items.map(unquote);
}

/** Which comparators suit which subject, as the server checks them. */
function checked(clause: TraceClause, filter: string): TraceClause {
  const { subject, comparator, value } = clause;
  const numeric = subject.kind === 'attribute' && NUMERIC.has(subject.key);
  const ok = numeric
    ? typeof value === 'number' && ['=', '!=', '<', '<=', '>', '>='].includes(comparator)
    : subject.kind === 'attribute' && subject.key === 'status'
      ? ['=', '!=', 'IN', 'NOT IN'].includes(comparator)
      : typeof value === 'string'
        ? ['=', '!=', 'LIKE', 'ILIKE'].includes(comparator)
        : Array.isArray(value)
          ? comparator === 'IN' || comparator === 'NOT IN'
          : value === null && subject.kind !== 'attribute';
  if (!ok) {
    throw invalidFilter(
      `Invalid trace filter "${filter}": '${comparator}' cannot compare this key with this value.`,
    );
  }
  return clause;
}

/**
 * Parse a trace filter (`trace.status = 'ERROR' AND tags.\`agent.version\` = '1.4.0'`) into
 * clauses the local stores can evaluate; anything they cannot is refused with the same
 * INVALID_PARAMETER_VALUE a server gives a bad filter, naming what is understood.
 */
export function parseTraceFilter(filter: string | undefined): TraceClause[] {
  if (filter === undefined || filter.trim() === '') {
    return [];
  }
  return new Clauses(tokenize(filter), filter).all();
}
