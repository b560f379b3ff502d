/** Commands of the trace detail panel (registered in traces/registerTraces.ts). */
export const TRACE_COMMANDS = {
  openTrace: 'mlflow.traces.open',
} as const;
