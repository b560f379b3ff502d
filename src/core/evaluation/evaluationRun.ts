import type { Run } from '../tracking/entities/run';

/** The tag `mlflow.genai.evaluate` puts on the run it logs into, and its value. */
export const RUN_TYPE_TAG = 'mlflow.runType';
export const EVALUATION_RUN_TYPE = 'genai_evaluate';

/** Where evaluate records, on each scorer feedback, the run it was made for. */
export const ASSESSMENT_SOURCE_RUN = 'mlflow.assessment.sourceRunId';

/** True for a run `mlflow.genai.evaluate` logged into. */
export function isEvaluationRun(run: Run): boolean {
  return run.data.tags.some((t) => t.key === RUN_TYPE_TAG && t.value === EVALUATION_RUN_TYPE);
}

/** One aggregate evaluate logged for a scorer: `exact_match/mean` is scorer `exact_match`, `mean`. */
export interface ScorerMetric {
  readonly aggregation: string;
  readonly value: number;
}

/**
 * The run's metrics grouped by scorer. Evaluate names them `<scorer>/<aggregation>`; a metric
 * without a slash is kept under its own name with an empty aggregation. Scorers by name.
 */
export function scorerMetrics(run: Run): ReadonlyMap<string, readonly ScorerMetric[]> {
  const byScorer = new Map<string, ScorerMetric[]>();
  for (const m of run.data.metrics) {
    const slash = m.key.lastIndexOf('/');
    const scorer = slash < 0 ? m.key : m.key.slice(0, slash);
    const aggregation = slash < 0 ? '' : m.key.slice(slash + 1);
    const list = byScorer.get(scorer) ?? [];
    list.push({ aggregation, value: m.value });
    byScorer.set(scorer, list);
  }
  return new Map(
    [...byScorer.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, [...v].sort((a, b) => (a.aggregation < b.aggregation ? -1 : 1))]),
  );
}
