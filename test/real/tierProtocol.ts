// What the real-MLflow tier's launcher (realMlflowTier.ts) and its in-host suite
// (test/inhost/real/) tell each other: environment variable names, the fill summary that
// fill.py writes, and the report the suite writes back (step times, the serve-ready bench).

/** Environment the launcher gives code-server, and so the extension host and the suite. */
export const TIER_ENV = {
  /** http://127.0.0.1:<port> of the real tracking server. */
  trackingUri: 'MLFLOW_REAL_TRACKING_URI',
  /** The venv's python, for `mlflow.pythonPath` (its folder is not on PATH). */
  python: 'MLFLOW_REAL_PYTHON_PATH',
  /** The JSON fill.py wrote (see {@link FillSummary}). */
  summary: 'MLFLOW_REAL_SUMMARY',
  /** Where the suite writes its {@link TierReport}. */
  report: 'MLFLOW_REAL_REPORT',
  /** Whether to measure serve-ready against a shell serve ("1") or not. */
  bench: 'MLFLOW_REAL_BENCH',
} as const;

/** What fill.py logged to the server, by the real client of the version under test. */
export interface FillSummary {
  readonly mlflowVersion: string;
  readonly experimentId: string;
  readonly experimentName: string;
  readonly runId: string;
  readonly runName: string;
  readonly params: Readonly<Record<string, string>>;
  readonly metricKey: string;
  readonly metricSteps: number;
  /** The metric's value at each step, as logged. */
  readonly metricValues: readonly number[];
  /** What log_model returned: runs:/<run>/model on 2.x, models:/m-<id> on 3.x. */
  readonly modelUri: string;
  readonly runModelUri: string;
  /** MLflow 3's logged model id (m-…); null on 2.x. */
  readonly loggedModelId: string | null;
  readonly registeredModel: string;
  readonly modelVersion: string;
  readonly alias: string;
  readonly columns: readonly string[];
  readonly exampleRows: readonly (readonly number[])[];
  /** The model's own predictions for its input example, computed in Python at logging time. */
  readonly expectedPredictions: readonly number[];
  /** The traces fill.py logged and its client read back (MLflow 2.14+), else null. */
  readonly traces: FilledTraces | null;
  /** The prompt fill.py registered and its client loaded back (MLflow 3), else null. */
  readonly prompts: FilledPrompts | null;
  readonly seconds: number;
}

/** A prompt registered by fill.py, as the version's own client loads it. */
export interface FilledPrompts {
  readonly name: string;
  readonly versions: readonly {
    readonly version: string;
    readonly type: string;
    readonly commitMessage: string;
  }[];
  readonly aliases: Readonly<Record<string, string>>;
}

/** Traces logged by fill.py, as the version's own client reads them. */
export interface FilledTraces {
  readonly experimentId: string;
  readonly experimentName: string;
  readonly traces: readonly { readonly id: string; readonly state: string; readonly spans: number }[];
}

export interface StepTime {
  readonly title: string;
  readonly ms: number;
  readonly state: 'passed' | 'failed' | 'pending';
}

/** Serve until /ping answers: the extension's Serve vs the same `mlflow models serve` from a shell. */
export interface ServeBench {
  readonly shellMs: readonly number[];
  readonly extensionMs: readonly number[];
}

export interface TierReport {
  readonly steps: StepTime[];
  bench?: ServeBench;
}
