// Parallel coordinates over every loaded run, as plain numbers a canvas draws: each axis's range
// and each run's position on it (0 bottom … 1 top), in one flat array so 10,000 runs cost one
// Float32Array, and the hit test a click asks.
import { defaultParallelAxes, paddedRange } from '../compare/chartDefaults';
import { axisOption } from './axisOption';
import { aggregateAxes, axisValue, numericParams, type AxisColumn } from './chartData';
import type { Column, FiguresLookup } from './columns';
import { rowKeys, type TableRow } from './tableRow';

/** Most axes the chart draws at once. */
export const MAX_PARALLEL_AXES = 6;

/** An axis of the chart: its column and the range its values span (padded). */
export interface ParallelAxis {
  readonly column: AxisColumn;
  /** The axis's ends, the data's range padded a little so no line runs along the frame. */
  readonly min: number;
  readonly max: number;
  /** The data's own least and greatest value (what the axis's labels say); undefined when no run has one. */
  readonly lo: number | undefined;
  readonly hi: number | undefined;
}

/** The chart's data: axes, the runs drawn, and `ys[run * axes.length + axis]` in 0..1 (NaN: absent). */
export interface ParallelData {
  readonly axes: readonly ParallelAxis[];
  readonly runIds: readonly string[];
  readonly ys: Float32Array;
}

/**
 * The columns an axis can take: params that are numbers in some run, metrics, then the table's
 * aggregate columns (their figures are the ones the host computes).
 */
export function parallelChoices(rows: readonly TableRow[], columns: readonly Column[]): AxisColumn[] {
  const keys = rowKeys(rows);
  return [
    ...numericParams(rows, keys.params).map((key): AxisColumn => ({ kind: 'param', key })),
    ...keys.metrics.map((key): AxisColumn => ({ kind: 'metric', key })),
    ...aggregateAxes(columns),
  ];
}

/**
 * The axes before the user picks any: the compare panel's rule (keys every run has, those on
 * which runs differ first), at most 3 params and 3 metrics. Aggregates rank after the metrics:
 * one takes a metric's place only when fewer metrics qualify, once every run has its figures.
 */
export function defaultAxes(
  rows: readonly TableRow[],
  choices: readonly AxisColumn[],
  figures: FiguresLookup,
): AxisColumn[] {
  const column = (c: AxisColumn): { id: string; values: Array<number | undefined> } => ({
    id: axisOption(c),
    values: rows.map((r) => axisValue(r, c, figures)),
  });
  const ids = defaultParallelAxes(
    choices.filter((c) => c.kind === 'param').map(column),
    [...choices.filter((c) => c.kind === 'metric'), ...choices.filter((c) => c.kind === 'agg')].map(column),
    { params: 3, metrics: 3 },
  );
  return ids.flatMap((id) => choices.filter((c) => axisOption(c) === id)).slice(0, MAX_PARALLEL_AXES);
}

/**
 * Place every row on the axes; rows with no value on any axis are left out (on an aggregate axis,
 * a run has a value once its figures have come).
 */
export function parallelData(
  rows: readonly TableRow[],
  columns: readonly AxisColumn[],
  figures: FiguresLookup,
): ParallelData {
  const n = columns.length;
  const raw = rows.map((r) => columns.map((c) => axisValue(r, c, figures)));
  const axes = columns.map((column, a): ParallelAxis => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const vs of raw) {
      const v = vs[a];
      if (v !== undefined) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    const seen = lo <= hi;
    return { column, ...paddedRange(lo, hi, 0.04), lo: seen ? lo : undefined, hi: seen ? hi : undefined };
  });
  const kept = raw.flatMap((vs, i) => (vs.some((v) => v !== undefined) ? [i] : []));
  const ys = new Float32Array(kept.length * n);
  kept.forEach((i, k) => {
    raw[i]?.forEach((v, a) => {
      const ax = axes[a];
      ys[k * n + a] = v === undefined || ax === undefined ? NaN : (v - ax.min) / (ax.max - ax.min);
    });
  });
  return { axes, runIds: kept.map((i) => rows[i]?.runId ?? ''), ys };
}

/**
 * The run whose line passes nearest to (x, y), both in 0..1 of the plot (x 0 the first axis, 1 the
 * last), within `tolerance`; undefined when none is that close. One segment per run is checked.
 */
export function nearestRun(d: ParallelData, x: number, y: number, tolerance: number): string | undefined {
  const n = d.axes.length;
  if (n < 2) {
    return undefined;
  }
  const pos = Math.max(0, Math.min(n - 1, x * (n - 1)));
  const a = Math.min(n - 2, Math.floor(pos));
  const t = pos - a;
  let best: string | undefined;
  let bestDist = tolerance;
  for (let r = 0; r < d.runIds.length; r++) {
    const y0 = d.ys[r * n + a] ?? NaN;
    const y1 = d.ys[r * n + a + 1] ?? NaN;
    if (Number.isNaN(y0) || Number.isNaN(y1)) {
      continue;
    }
    const dist = Math.abs(y0 + (y1 - y0) * t - y);
    if (dist < bestDist) {
      bestDist = dist;
      best = d.runIds[r];
    }
  }
  return best;
}
