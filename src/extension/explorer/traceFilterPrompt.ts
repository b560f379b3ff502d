import type { TraceStore } from '../../core/traces/traceStore';
import { parseTraceFilter } from '../../core/traces/search/parseTraceFilter';
import { promptFilter } from './filterPrompt';

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

/**
 * Ask for a trace filter in MLflow's grammar (`trace.status = 'ERROR'`,
 * ``metadata.`mlflow.trace.session` = 'sess-1'``, `span.type = 'TOOL'`, `trace.text LIKE '%refund%'`),
 * completing `keys` (see `traceFilterKeys`). Resolves to the filter ('' clears it), or undefined
 * when the user cancelled.
 */
export function promptTraceFilter(
  current: string | undefined,
  keys: readonly string[],
  kind: TraceStore['kind'],
): Promise<string | undefined> {
  return promptFilter({
    title: 'Filter Traces',
    placeholder:
      "MLflow trace filter, e.g. trace.status = 'ERROR' AND tags.channel = 'web' (empty shows all traces)",
    clearLabel: 'Show all traces',
    current,
    keys,
    check: (value) => traceFilterProblem(kind, value),
  });
}
