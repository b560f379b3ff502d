import type { EvaluationCell, EvaluationRow, EvaluationTable } from './evaluationTable';

/**
 * How one scorer's feedback moved from the first run to the second: a pass that became a fail
 * (regressed), the reverse (improved), another value or verdict (changed), the same, or present
 * in one run only.
 */
export type CellChange = 'regressed' | 'improved' | 'changed' | 'same' | 'missing';

/** How a joined row moved: its worst cell change, or that only one run has it. */
export type RowChange = 'regressed' | 'improved' | 'changed' | 'same' | 'onlyFirst' | 'onlySecond';

export interface ComparedCell {
  readonly first: EvaluationCell | null;
  readonly second: EvaluationCell | null;
  readonly change: CellChange;
}

export interface ComparedRow {
  readonly key: string;
  readonly request: string;
  readonly first: EvaluationRow | undefined;
  readonly second: EvaluationRow | undefined;
  /** In the order of {@link EvaluationComparison.scorers}. */
  readonly cells: readonly ComparedCell[];
  readonly change: RowChange;
}

export interface EvaluationComparison {
  readonly firstRunId: string;
  readonly secondRunId: string;
  /** Every scorer of either run, sorted. */
  readonly scorers: readonly string[];
  readonly rows: readonly ComparedRow[];
  /** How many rows moved each way. */
  readonly counts: Readonly<Record<RowChange, number>>;
}

function cellChange(first: EvaluationCell | null, second: EvaluationCell | null): CellChange {
  if (first === null || second === null) {
    return first === second ? 'same' : 'missing';
  }
  if (first.verdict === 'pass' && second.verdict === 'fail') {
    return 'regressed';
  }
  if (first.verdict === 'fail' && second.verdict === 'pass') {
    return 'improved';
  }
  return first.verdict === second.verdict && first.value === second.value ? 'same' : 'changed';
}

/** The row's change: a regression outweighs an improvement, which outweighs any other change. */
function rowChange(cells: readonly ComparedCell[]): RowChange {
  for (const c of ['regressed', 'improved', 'changed'] as const) {
    if (cells.some((x) => x.change === c)) {
      return c;
    }
  }
  return cells.some((x) => x.change === 'missing') ? 'changed' : 'same';
}

function cellAt(
  table: EvaluationTable,
  row: EvaluationRow | undefined,
  scorer: string,
): EvaluationCell | null {
  const i = table.scorers.indexOf(scorer);
  return row === undefined || i < 0 ? null : (row.cells[i] ?? null);
}

/**
 * Two evaluation runs side by side, rows joined by their request (MLflow writes no dataset record
 * id on an evaluation trace, and `mlflow.eval.requestId` is new for every run): the first run's
 * rows in its order, then the rows only the second run has.
 */
export function compareEvaluations(first: EvaluationTable, second: EvaluationTable): EvaluationComparison {
  const scorers = [...new Set([...first.scorers, ...second.scorers])].sort();
  const secondByKey = new Map(second.rows.map((r) => [r.key, r]));
  const firstKeys = new Set(first.rows.map((r) => r.key));
  const pairs: Array<[string, EvaluationRow | undefined, EvaluationRow | undefined]> = [
    ...first.rows.map((r): [string, EvaluationRow, EvaluationRow | undefined] => [
      r.key,
      r,
      secondByKey.get(r.key),
    ]),
    ...second.rows
      .filter((r) => !firstKeys.has(r.key))
      .map((r): [string, undefined, EvaluationRow] => [r.key, undefined, r]),
  ];
  const counts: Record<RowChange, number> = {
    regressed: 0,
    improved: 0,
    changed: 0,
    same: 0,
    onlyFirst: 0,
    onlySecond: 0,
  };
  const rows = pairs.map(([key, a, b]): ComparedRow => {
    const cells = scorers.map((s) => {
      const x = cellAt(first, a, s);
      const y = cellAt(second, b, s);
      return { first: x, second: y, change: cellChange(x, y) };
    });
    const change: RowChange =
      a === undefined ? 'onlySecond' : b === undefined ? 'onlyFirst' : rowChange(cells);
    counts[change]++;
    return { key, request: (a ?? b)?.request ?? '', first: a, second: b, cells, change };
  });
  return { firstRunId: first.runId, secondRunId: second.runId, scorers, rows, counts };
}
