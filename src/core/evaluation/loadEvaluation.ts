import { StoreError } from '../common/storeError';
import type { Run } from '../tracking/entities/run';
import type { TrackingStore } from '../tracking/trackingStore';
import type { TraceStore } from '../traces/traceStore';
import { buildEvaluationTable, type EvaluationTable } from './evaluationTable';
import { listEvaluationTraces } from './evaluationTraces';
import { isEvaluationRun, scorerMetrics } from './evaluationRun';
import { summariseScorers, type ScorerSummary } from './scorerSummary';

/** An evaluation run with the table of its traces and its scorers' summary. */
export interface LoadedEvaluation {
  readonly run: Run;
  readonly table: EvaluationTable;
  readonly scorers: readonly ScorerSummary[];
}

/** The summary and table of an already read evaluation run (the run detail panel has the run). */
export async function evaluationOfRun(
  traces: TraceStore,
  run: Run,
  signal?: AbortSignal,
): Promise<LoadedEvaluation> {
  const list = await listEvaluationTraces(traces, run.info.experimentId, run.info.runId, signal);
  const table = buildEvaluationTable(run.info.runId, list);
  return { run, table, scorers: summariseScorers(scorerMetrics(run), table) };
}

/** Read an evaluation run and its traces; a run that is not one is refused with its reason. */
export async function loadEvaluation(
  tracking: TrackingStore,
  traces: TraceStore,
  runId: string,
  signal?: AbortSignal,
): Promise<LoadedEvaluation> {
  const run = await tracking.getRun(runId, { signal });
  if (!isEvaluationRun(run)) {
    throw new StoreError(
      'unsupported',
      `Run ${runId} is not an evaluation run (it has no mlflow.runType = genai_evaluate tag).`,
    );
  }
  return evaluationOfRun(traces, run, signal);
}
