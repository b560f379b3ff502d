import { traceFilterProblem } from '../../core/explorer/traceFilterKeys';
import type { TraceStore } from '../../core/traces/traceStore';
import { promptFilter } from './filterPrompt';

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
