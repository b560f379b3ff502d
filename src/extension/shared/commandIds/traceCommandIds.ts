/** Commands of the trace detail panel (registered in traces/registerTraces.ts). */
export const TRACE_COMMANDS = {
  openTrace: 'mlflow.traces.open',
  /** Keeps the trace panels open and shows this trace beside them (for side-by-side reading). */
  openTraceInNewPanel: 'mlflow.traces.openInNewPanel',
  addFeedback: 'mlflow.traces.addFeedback',
  addExpectation: 'mlflow.traces.addExpectation',
  overrideFeedback: 'mlflow.traces.overrideFeedback',
  /** A link of a trace panel (source run, logged model, prompt version, workspace file); internal. */
  openLink: 'mlflow.traces.openLink',
} as const;
