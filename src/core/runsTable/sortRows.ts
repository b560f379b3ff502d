import { compareKeys } from '../tracking/search/orderBy';
import { cellValue, type Column, type FiguresLookup } from './columns';
import type { TableRow } from './tableRow';

/** How the table is ordered: by one column, either way. */
export interface SortSpec {
  readonly column: Column;
  readonly ascending: boolean;
}

/**
 * The rows ordered by the sort column: missing values last whatever the direction, NaN after
 * every number (as MLflow's SQL store orders), ties by start time, newest first, then by id, so the
 * order is the same on every sort. Each value is read once (a sort of 10,000 rows by an aggregate
 * compares ~130,000 times).
 */
export function sortRows(
  rows: readonly TableRow[],
  sort: SortSpec | undefined,
  figures: FiguresLookup,
  now: number,
): TableRow[] {
  const keyed = rows.map((row) => ({
    row,
    v: sort === undefined ? undefined : cellValue(row, sort.column, figures, now),
  }));
  const asc = sort?.ascending ?? true;
  keyed.sort(
    (a, b) =>
      compareKeys(a.v, b.v, asc) ||
      compareKeys(a.row.startTime, b.row.startTime, false) ||
      (a.row.runId < b.row.runId ? -1 : a.row.runId > b.row.runId ? 1 : 0),
  );
  return keyed.map((k) => k.row);
}
