/** Commands of the trace detail panel (registered in traces/registerTraces.ts). */
export const TRACE_COMMANDS = {
  openTrace: 'mlflow.traces.open',
  addFeedback: 'mlflow.traces.addFeedback',
  addExpectation: 'mlflow.traces.addExpectation',
  overrideFeedback: 'mlflow.traces.overrideFeedback',
} as const;
