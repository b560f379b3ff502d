// What the trace filter box completes, and how loaded traces group by session: pure, so the keys a
// server's traces turn into are tested without VS Code.
import { TRACE_KEYS, type TraceInfo } from '../traces/entities/traceInfo';
import { parseTraceFilter } from '../traces/search/parseTraceFilter';
import type { TraceStore } from '../traces/traceStore';

/** The keys of MLflow's trace filter grammar that every trace has (they need no traces to offer). */
const TRACE_ATTRIBUTES = [
  'trace.status',
  'trace.name',
  'trace.timestamp_ms',
  'trace.execution_time_ms',
  'trace.run_id',
  'trace.client_request_id',
  'trace.text',
  'span.name',
  'span.type',
  'span.status',
];

/** Metadata keys offered even before a trace carrying them is loaded: the session and the user. */
const ALWAYS_METADATA = [TRACE_KEYS.session, TRACE_KEYS.user];

/**
 * `tags.channel`, or ``metadata.`mlflow.trace.session` ``: unlike the run grammar, the trace
 * grammar reads a dot as the end of the key, so any key that is not one plain word is backticked.
 */
export function traceFilterKey(
  prefix: 'tags' | 'metadata' | 'feedback' | 'expectation',
  key: string,
): string {
  return /^[A-Za-z_]\w*$/.test(key) ? `${prefix}.${key}` : `${prefix}.\`${key.replace(/`/g, '')}\``;
}

/**
 * Every key the trace filter can complete for these traces: the session and user metadata, the
 * metadata and tag keys seen (MLflow's own bookkeeping tags left out: nobody filters on where the
 * spans are stored), the feedback and expectation names seen, then the trace and span attributes.
 * Each kind sorted, each key once.
 */
export function traceFilterKeys(traces: readonly TraceInfo[]): string[] {
  const metadata = new Set<string>(ALWAYS_METADATA);
  const tags = new Set<string>();
  const feedback = new Set<string>();
  const expectations = new Set<string>();
  for (const t of traces) {
    Object.keys(t.metadata).forEach((k) => metadata.add(k));
    Object.keys(t.tags)
      .filter((k) => !k.startsWith('mlflow.'))
      .forEach((k) => tags.add(k));
    for (const a of t.assessments) {
      (a.kind === 'feedback' ? feedback : expectations).add(a.name);
    }
  }
  const sorted = (s: Set<string>): string[] => [...s].sort((a, b) => a.localeCompare(b));
  return [
    ...sorted(metadata).map((k) => traceFilterKey('metadata', k)),
    ...sorted(tags).map((k) => traceFilterKey('tags', k)),
    ...sorted(feedback).map((k) => traceFilterKey('feedback', k)),
    ...sorted(expectations).map((k) => traceFilterKey('expectation', k)),
    ...TRACE_ATTRIBUTES,
  ];
}

/** The traces of one session, newest first as loaded; `sessionId` undefined for those without one. */
export interface TraceSession {
  readonly sessionId: string | undefined;
  readonly traces: readonly TraceInfo[];
}

/**
 * The loaded traces grouped by session (metadata `mlflow.trace.session`): sessions in the order
 * of their newest trace (the list is newest first), traces in list order within each, and the
 * traces without a session last in one group of their own.
 */
export function groupBySession(traces: readonly TraceInfo[]): TraceSession[] {
  const groups = new Map<string, TraceInfo[]>();
  const none: TraceInfo[] = [];
  for (const t of traces) {
    const id = t.sessionId;
    if (id === undefined || id === '') {
      none.push(t);
      continue;
    }
    const group = groups.get(id);
    if (group === undefined) {
      groups.set(id, [t]);
    } else {
      group.push(t);
    }
  }
  const out: TraceSession[] = [...groups].map(([sessionId, list]) => ({ sessionId, traces: list }));
  return none.length === 0 ? out : [...out, { sessionId: undefined, traces: none }];
}

/**
 * What is wrong with a trace filter before the store sees it, for the local stores, whose parser
 * is the one that will read it; a server's grammar is wider (spans, assessments, full text) and
 * answers for itself, a refusal showing as a node under the Traces node.
 */
export function traceFilterProblem(kind: TraceStore['kind'], value: string): string | undefined {
  if (kind === 'rest' || value.trim() === '') {
    return undefined;
  }
  try {
    parseTraceFilter(value);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
