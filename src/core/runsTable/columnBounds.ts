// Local bounds on numeric columns (metrics, params read as numbers, aggregates): MLflow's filter
// grammar cannot reach an aggregate such as "min of loss", so the table narrows the rows the
// server sent by these bounds on top of the server filter.
import { cellValue, columnId, columnTitle, isNumeric, type Column, type FiguresLookup } from './columns';
import type { TableRow } from './tableRow';
import { formatTick } from '../compare/chartDefaults';

/** Keep rows whose value of `column` lies in [min, max] (an absent bound does not limit). */
export interface ColumnBound {
  readonly column: Column;
  readonly min?: number;
  readonly max?: number;
}

/** Most bounds at once (one per shown column is plenty). */
export const MAX_BOUNDS = 20;

/** A number from the cell, or undefined (text that is not a number, missing, NaN). */
function numberOf(row: TableRow, c: Column, figures: FiguresLookup, now: number): number | undefined {
  const v = cellValue(row, c, figures, now);
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isNaN(n) ? undefined : n;
}

/**
 * Whether a row passes every bound. A row without a value for a bounded column fails it: a bound
 * asks for runs whose value is known to be in range (an aggregate still computing reads as absent).
 */
export function passesBounds(
  row: TableRow,
  bounds: readonly ColumnBound[],
  figures: FiguresLookup,
  now: number,
): boolean {
  return bounds.every((b) => {
    if (b.min === undefined && b.max === undefined) {
      return true;
    }
    const v = numberOf(row, b.column, figures, now);
    return v !== undefined && (b.min === undefined || v >= b.min) && (b.max === undefined || v <= b.max);
  });
}

/** The rows passing the bounds (the same array when there are none, so nothing is copied). */
export function boundRows(
  rows: readonly TableRow[],
  bounds: readonly ColumnBound[],
  figures: FiguresLookup,
  now: number,
): readonly TableRow[] {
  const active = bounds.filter((b) => b.min !== undefined || b.max !== undefined);
  return active.length === 0 ? rows : rows.filter((r) => passesBounds(r, active, figures, now));
}

/** A bound as the filter line shows it: `0.1 ≤ min(loss) ≤ 0.5`, bounded in length. */
export function describeBound(b: ColumnBound): string {
  const title = columnTitle(b.column).slice(0, 80);
  const lo = b.min === undefined ? '' : `${formatTick(b.min)} ≤ `;
  const hi = b.max === undefined ? '' : ` ≤ ${formatTick(b.max)}`;
  return `${lo}${title}${hi}`;
}

/** Set (or, with neither min nor max, remove) the bound of one column; the others stay. */
export function withBound(bounds: readonly ColumnBound[], next: ColumnBound): ColumnBound[] {
  const id = columnId(next.column);
  const rest = bounds.filter((b) => columnId(b.column) !== id);
  if (next.min === undefined && next.max === undefined) {
    return rest;
  }
  return [...rest, next].slice(-MAX_BOUNDS);
}

/** The columns a bound can be set on: the numeric ones shown, and params (read as numbers). */
export const boundableColumns = (columns: readonly Column[]): Column[] =>
  columns.filter((c) => isNumeric(c) || c.kind === 'param');
