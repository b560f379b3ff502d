import { pageOf } from '../../common/offsetPageToken';
import { compareValue } from '../../tracking/search/matchClause';
import type { Page } from '../../common/paging';
import type { TraceInfo } from '../entities/traceInfo';
import { MAX_TRACES_PAGE, type SearchTracesRequest } from '../traceStore';
import {
  invalidFilter,
  parseTraceFilter,
  type TraceAttribute,
  type TraceClause,
  type TraceSubject,
} from './parseTraceFilter';

/** The value a clause or sort key reads from a trace. */
function valueOf(t: TraceInfo, subject: TraceSubject): string | number | undefined {
  switch (subject.kind) {
    case 'tag':
      return Object.hasOwn(t.tags, subject.key) ? t.tags[subject.key] : undefined;
    case 'metadata':
      return Object.hasOwn(t.metadata, subject.key) ? t.metadata[subject.key] : undefined;
    case 'attribute':
      return attributeOf(t, subject.key);
  }
}

function attributeOf(t: TraceInfo, key: TraceAttribute | 'trace_id'): string | number | undefined {
  switch (key) {
    case 'status':
      return t.state;
    case 'name':
      return t.name;
    case 'timestamp_ms':
      return t.requestTimeMs;
    case 'execution_time_ms':
      return t.executionDurationMs;
    case 'run_id':
      return t.sourceRunId;
    case 'client_request_id':
      return t.clientRequestId;
    case 'trace_id':
      return t.traceId;
  }
}

/** One clause, compared as run filters are (missing values, NaN, LIKE, lists). */
function matches(t: TraceInfo, c: TraceClause): boolean {
  return compareValue(valueOf(t, c.subject), c.comparator, c.value);
}

/** One `key [ASC|DESC]` order term over the attributes a local store sorts on. */
interface OrderTerm {
  readonly key: TraceAttribute | 'trace_id';
  readonly ascending: boolean;
}

const ORDER_KEYS: Readonly<Record<string, OrderTerm['key']>> = {
  timestamp_ms: 'timestamp_ms',
  timestamp: 'timestamp_ms',
  execution_time_ms: 'execution_time_ms',
  execution_time: 'execution_time_ms',
  status: 'status',
  state: 'status',
  name: 'name',
  trace_id: 'trace_id',
  request_id: 'trace_id',
};

function parseOrder(orderBy: readonly string[] | undefined): OrderTerm[] {
  const terms = (orderBy ?? []).map((term): OrderTerm => {
    const m = /^\s*(?:(?:trace|attributes|attribute|attr)\.)?(\w+)(?:\s+(ASC|DESC))?\s*$/i.exec(term);
    const key = m?.[1] === undefined ? undefined : ORDER_KEYS[m[1].toLowerCase()];
    if (m === null || key === undefined) {
      throw invalidFilter(
        `Invalid order_by clause '${term}': a local store sorts traces by timestamp_ms, execution_time_ms, status, name or trace_id.`,
      );
    }
    return { key, ascending: m[2]?.toUpperCase() !== 'DESC' };
  });
  // MLflow's stores: newest first, then by id.
  return [...terms, { key: 'timestamp_ms', ascending: false }, { key: 'trace_id', ascending: true }];
}

function byTerms(terms: readonly OrderTerm[]): (a: TraceInfo, b: TraceInfo) => number {
  return (a, b) => {
    for (const term of terms) {
      const x = attributeOf(a, term.key);
      const y = attributeOf(b, term.key);
      if (x === y) {
        continue;
      }
      // Missing values sort last either way, as SQL NULLs do in MLflow's stores.
      if (x === undefined || y === undefined) {
        return x === undefined ? 1 : -1;
      }
      const d = x < y ? -1 : 1;
      return term.ascending ? d : -d;
    }
    return 0;
  };
}

/**
 * Filter, sort and page an experiment's traces the way MLflow's stores do, for the local stores
 * that hold every trace in memory anyway. Tokens are MLflow's own (`{"offset": N}` in base64).
 */
export function searchTracesInMemory(all: readonly TraceInfo[], r: SearchTracesRequest): Page<TraceInfo> {
  const clauses = parseTraceFilter(r.filter);
  const order = byTerms(parseOrder(r.orderBy));
  const found = all.filter((t) => clauses.every((c) => matches(t, c))).sort(order);
  return pageOf(found, r.maxResults ?? 100, r.pageToken, MAX_TRACES_PAGE);
}
