import { POINTS_PER_CHART } from '../compare/prefetchPlan';
import { cellValue, columnId, columnTitle, type Column, type FiguresLookup } from './columns';
import type { TableRow } from './tableRow';

/** Most runs one line chart draws (the 1,000 runs at once). */
export const MAX_CHART_RUNS = 1000;

/**
 * Points per run to ask of the host for a line chart `widthPx` wide over `runs` runs: at most
 * four per pixel (DESIGN.md), fewer as runs are added so the chart stays near
 * {@link POINTS_PER_CHART}, never under 100 (a line needs its shape), never over MLflow's 2,500
 * (less 2 for the first and last steps its sampling adds). The compare panel's rule.
 */
export function pointsPerRun(widthPx: number, runs: number): number {
  const perRun = Math.floor(POINTS_PER_CHART / Math.max(1, runs));
  return Math.max(100, Math.min(2500, Math.floor(Math.max(0, widthPx) * 4) - 2, perRun));
}

/** Runs a line chart of `key` draws: those of `shown` (the table's order) that logged it, at most `max`. */
export function chartRunIds(
  shown: readonly string[],
  byId: ReadonlyMap<string, TableRow>,
  key: string,
  max = MAX_CHART_RUNS,
): string[] {
  const out: string[] = [];
  for (const id of shown) {
    if (out.length >= max) {
      break;
    }
    if (byId.get(id)?.metrics.has(key) === true) {
      out.push(id);
    }
  }
  return out;
}

/** Which runs to draw last, on top: the selected ones, after the others, each group in order. */
export function selectedLast(ids: readonly string[], selected: ReadonlySet<string>): string[] {
  return [...ids.filter((id) => !selected.has(id)), ...ids.filter((id) => selected.has(id))];
}

/**
 * A column a chart axis can take: a metric's latest value, a param read as a number, or an
 * aggregate of a metric's history (the table's aggregate column, read from its figures).
 */
export type AxisColumn =
  { readonly kind: 'metric' | 'param'; readonly key: string } | Extract<Column, { readonly kind: 'agg' }>;

/** The number a row has for an axis column, or undefined (absent, not a number, not finite, no figures yet). */
export function axisValue(row: TableRow, c: AxisColumn, figures: FiguresLookup): number | undefined {
  const raw =
    c.kind === 'agg'
      ? cellValue(row, c, figures, 0)
      : c.kind === 'metric'
        ? row.metrics.get(c.key)
        : row.params.get(c.key);
  if (raw === undefined) {
    return undefined;
  }
  const v = typeof raw === 'number' ? raw : raw.trim() === '' ? NaN : Number(raw);
  return Number.isFinite(v) ? v : undefined;
}

/** An axis's title: an aggregate as its column's header, the others by kind and key (cut at `max`). */
export function axisTitle(c: AxisColumn, max = 80): string {
  return c.kind === 'agg'
    ? columnTitle({ ...c, key: c.key.slice(0, max) })
    : `${c.kind} ${c.key.slice(0, max)}`;
}

/** The aggregate columns of the table as axes (each once, in the table's order). */
export function aggregateAxes(columns: readonly Column[]): AxisColumn[] {
  const seen = new Set<string>();
  return columns.flatMap((c) => {
    if (c.kind !== 'agg' || seen.has(columnId(c))) {
      return [];
    }
    seen.add(columnId(c));
    return [
      c.fn === 'step'
        ? { kind: 'agg', fn: 'step', key: c.key, at: c.at ?? 0 }
        : { kind: 'agg', fn: c.fn, key: c.key },
    ];
  });
}

/** One point of a scatter of two columns: its run and coordinates. */
export interface ScatterPoint {
  readonly runId: string;
  readonly x: number;
  readonly y: number;
}

/**
 * The scatter of two columns over `rows`: one point per row with a number in both (a run whose
 * figures have not come yet has none on an aggregate axis, and joins when they do), in order of x:
 * chart.js takes data it does not parse as sorted along x, and reads the x range (and its hit
 * test) from the ends, so unsorted points fell outside the axis.
 */
export function scatterPoints(
  rows: readonly TableRow[],
  x: AxisColumn,
  y: AxisColumn,
  figures: FiguresLookup,
): ScatterPoint[] {
  const out: ScatterPoint[] = [];
  for (const r of rows) {
    const xv = axisValue(r, x, figures);
    const yv = axisValue(r, y, figures);
    if (xv !== undefined && yv !== undefined) {
      out.push({ runId: r.runId, x: xv, y: yv });
    }
  }
  return out.sort((a, b) => a.x - b.x);
}

/** A lookup with no figures, for axes that read none (params and metrics). */
const NO_FIGURES: FiguresLookup = () => undefined;

/** Params that are a number in at least one row (the ones a scatter axis can take). */
export function numericParams(rows: readonly TableRow[], keys: readonly string[]): string[] {
  return keys.filter((k) =>
    rows.some((r) => axisValue(r, { kind: 'param', key: k }, NO_FIGURES) !== undefined),
  );
}

/** A chart card's data: each run's latest value of `key`, in the rows' order, runs without it left out. */
export function latestValues(
  rows: readonly TableRow[],
  key: string,
): { runIds: string[]; values: Float64Array } {
  const runIds: string[] = [];
  const values: number[] = [];
  for (const r of rows) {
    const v = r.metrics.get(key);
    if (v !== undefined && Number.isFinite(v)) {
      runIds.push(r.runId);
      values.push(v);
    }
  }
  return { runIds, values: Float64Array.from(values) };
}

/** The keys whose text holds `query` (case-insensitive; blank matches all), in their order. */
export function matchingKeys(keys: readonly string[], query: string): string[] {
  const q = query.trim().toLowerCase();
  return q === '' ? [...keys] : keys.filter((k) => k.toLowerCase().includes(q));
}
