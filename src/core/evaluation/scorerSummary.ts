import type { EvaluationTable } from './evaluationTable';
import type { ScorerMetric } from './evaluationRun';

/** One scorer of an evaluation run: its aggregates and how its feedback on the rows came out. */
export interface ScorerSummary {
  readonly scorer: string;
  /** `mean` and whatever else evaluate logged as `<scorer>/<aggregation>`. */
  readonly metrics: readonly ScorerMetric[];
  readonly pass: number;
  readonly fail: number;
  readonly errors: number;
  /** Rows with a value but no verdict (numbers, free text). */
  readonly values: number;
  /** Rows the scorer gave no feedback on. */
  readonly missing: number;
}

/**
 * Per scorer, its logged aggregates and its verdict counts over the table's rows. Scorers named by
 * a metric or by some feedback both appear, sorted by name.
 */
export function summariseScorers(
  metrics: ReadonlyMap<string, readonly ScorerMetric[]>,
  table: EvaluationTable,
): ScorerSummary[] {
  const names = [...new Set([...metrics.keys(), ...table.scorers])].sort();
  return names.map((scorer) => {
    const column = table.scorers.indexOf(scorer);
    const counts = { pass: 0, fail: 0, error: 0, value: 0, missing: 0 };
    for (const row of table.rows) {
      const cell = column < 0 ? null : (row.cells[column] ?? null);
      counts[cell === null ? 'missing' : cell.verdict]++;
    }
    return {
      scorer,
      metrics: metrics.get(scorer) ?? [],
      pass: counts.pass,
      fail: counts.fail,
      errors: counts.error,
      values: counts.value,
      missing: counts.missing,
    };
  });
}
