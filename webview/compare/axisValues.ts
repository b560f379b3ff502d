import type { CompareTable } from '../../src/core/compare/compareTable';

/** A choosable axis: `params.<key>` or `metrics.<key>`. */
export type AxisId = string;

/** Per run (in table column order): a number, a category, or nothing. */
export interface AxisValues {
  readonly id: AxisId;
  readonly numeric: boolean;
  /** Numbers to plot: the value, or the index of the category in `categories`. */
  readonly values: ReadonlyArray<number | undefined>;
  readonly categories: readonly string[];
}

/**
 * Read an axis out of the table (the first row of that key: the latest value for metrics).
 * Params are strings in MLflow; when all of a param's values parse as numbers it is numeric,
 * otherwise its distinct values become ordered categories.
 */
export function axisValues(table: CompareTable, id: AxisId): AxisValues | undefined {
  const dot = id.indexOf('.');
  const section = id.slice(0, dot);
  const key = id.slice(dot + 1);
  const row = table.rows.find((r) => r.section === section && r.key === key);
  if (row === undefined) {
    return undefined;
  }
  const texts = row.cells.map((c) => c?.text);
  const nums = row.cells.map((c) =>
    c?.value !== undefined
      ? c.value
      : c?.text !== undefined && c.text.trim() !== ''
        ? Number(c.text)
        : undefined,
  );
  if (nums.every((n, i) => texts[i] === undefined || (n !== undefined && Number.isFinite(n)))) {
    return {
      id,
      numeric: true,
      values: nums.map((n) => (n !== undefined && Number.isFinite(n) ? n : undefined)),
      categories: [],
    };
  }
  const categories = [...new Set(texts.filter((t): t is string => t !== undefined))].sort();
  return {
    id,
    numeric: false,
    values: texts.map((t) => (t === undefined ? undefined : categories.indexOf(t))),
    categories,
  };
}
