/** One row of two servers' predictions side by side. */
export interface PredictionRow {
  readonly index: number;
  readonly left: string;
  readonly right: string;
  readonly same: boolean;
}

/** The outcome of comparing two `/invocations` answers. */
export interface PredictionComparison {
  readonly rows: readonly PredictionRow[];
  readonly differing: number;
  /** Set when the answers could not be compared row by row (not JSON, no predictions list). */
  readonly problem?: string;
}

const MAX_ROWS = 1000;

/** The predictions list of a scoring-server answer: `{"predictions": [...]}` (MLflow ≥ 2) or a bare list. */
export function predictionList(body: string): unknown[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const inner =
    typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>).predictions
      : parsed;
  if (Array.isArray(inner)) {
    return inner as unknown[];
  }
  // A dict of columns (a multi-output frame as {"col": [...]}): rows are the zipped columns.
  if (typeof inner === 'object' && inner !== null) {
    const cols = Object.entries(inner as Record<string, unknown>);
    if (cols.length > 0 && cols.every(([, v]) => Array.isArray(v))) {
      const n = Math.max(...cols.map(([, v]) => (v as unknown[]).length));
      return Array.from({ length: n }, (_, i) =>
        Object.fromEntries(cols.map(([k, v]) => [k, (v as unknown[])[i]])),
      );
    }
  }
  return undefined;
}

/**
 * Compare two servers' answers to the same request row by row (say version 4 against
 * `@champion`), so the panel can point at the rows whose predictions differ.
 */
export function comparePredictions(leftBody: string, rightBody: string): PredictionComparison {
  const left = predictionList(leftBody);
  const right = predictionList(rightBody);
  if (!left || !right) {
    const same = leftBody === rightBody;
    return {
      rows: [],
      differing: same ? 0 : 1,
      problem: `${!left ? 'The first' : 'The second'} answer has no list of predictions to compare row by row.`,
    };
  }
  const n = Math.min(Math.max(left.length, right.length), MAX_ROWS);
  const rows: PredictionRow[] = [];
  for (let i = 0; i < n; i++) {
    const l = i < left.length ? JSON.stringify(left[i]) : '(missing)';
    const r = i < right.length ? JSON.stringify(right[i]) : '(missing)';
    rows.push({ index: i, left: l, right: r, same: l === r });
  }
  return { rows, differing: rows.filter((r) => !r.same).length };
}
