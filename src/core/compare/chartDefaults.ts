// The compare panel's chart decisions that do not need a canvas: which axes a scatter and the
// parallel coordinates show before the user picks any, how ticks are written, how far a scale
// reaches past its points, and when a metric is charted as bars instead of lines.

/** One choosable axis and its value per run (undefined: the run does not have it). */
export interface AxisColumn {
  readonly id: string;
  readonly values: ReadonlyArray<number | undefined>;
}

/** Distinct defined values of a column. */
function distinct(c: AxisColumn): number {
  return new Set(c.values.filter((v) => v !== undefined)).size;
}

/** Whether every run has a value on this axis. */
const everyRunHas = (c: AxisColumn): boolean => c.values.length > 0 && c.values.every((v) => v !== undefined);

/**
 * The scatter's x before the user picks one: the first axis on which the runs differ (a column of
 * one value puts every run on one vertical line, which reads as a single point), preferring one
 * every run has; the first axis when none differ.
 */
export function defaultScatterX(columns: readonly AxisColumn[], y: string | undefined): string | undefined {
  const others = columns.filter((c) => c.id !== y);
  const spread = (c: AxisColumn): boolean => distinct(c) > 1;
  return (
    others.find((c) => spread(c) && everyRunHas(c)) ??
    others.find(spread) ??
    columns.find((c) => spread(c) && c.id !== y) ??
    columns[0]
  )?.id;
}

/**
 * The parallel coordinates' axes before the user picks any: params then metrics that every run
 * has (a run missing an axis breaks its line there), those on which runs differ first, at most
 * `params` params and `metrics` metrics. Axes only some runs have come last, and only if too few
 * are shared to draw a chart.
 */
export function defaultParallelAxes(
  params: readonly AxisColumn[],
  metrics: readonly AxisColumn[],
  limits: { params: number; metrics: number } = { params: 3, metrics: 2 },
): string[] {
  const rank = (cs: readonly AxisColumn[]): AxisColumn[] => {
    const shared = cs.filter(everyRunHas);
    return [...shared.filter((c) => distinct(c) > 1), ...shared.filter((c) => distinct(c) <= 1)];
  };
  const chosen = [...rank(params).slice(0, limits.params), ...rank(metrics).slice(0, limits.metrics)];
  if (chosen.length >= 2) {
    return chosen.map((c) => c.id);
  }
  const rest = [...params, ...metrics].filter((c) => !chosen.includes(c) && distinct(c) > 0);
  return [...chosen, ...rest].slice(0, 2).map((c) => c.id);
}

/**
 * A tick or value as a person writes it: at most 6 significant digits, so float noise
 * (0.9400000000000001) is gone; exponent form for very large or small magnitudes.
 */
export function formatTick(v: number): string {
  if (!Number.isFinite(v)) {
    return String(v);
  }
  if (v === 0) {
    return '0';
  }
  const abs = Math.abs(v);
  if (abs >= 1e7 || abs < 1e-4) {
    return v.toExponential(2).replace(/\.?0+e/, 'e');
  }
  return String(Number(v.toPrecision(6)));
}

/**
 * The range a scale shows for points from `lo` to `hi`: `fraction` of the span added on both
 * sides, so points at the extremes are drawn whole instead of cut in half at the plot's edge.
 * A single value gets a span of its own (10 % of its magnitude, or 1 around zero).
 */
export function paddedRange(lo: number, hi: number, fraction = 0.06): { min: number; max: number } {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    return { min: 0, max: 1 };
  }
  const span = hi - lo;
  const pad = span > 0 ? span * fraction : Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
  return { min: lo - pad, max: hi + pad };
}

/**
 * Whether a metric's chart is better shown as one bar per run: every visible run logged it at
 * most once (a line of one point is a lone dot on an axis that means nothing), and at least one did.
 */
export function isSingleStep(lines: readonly { xs: ArrayLike<number>; hidden: boolean }[]): boolean {
  const shown = lines.filter((l) => !l.hidden);
  return shown.some((l) => l.xs.length === 1) && shown.every((l) => l.xs.length <= 1);
}
