import type { ChartConfiguration } from 'chart.js';
import { isSingleStep } from '../../src/core/compare/chartDefaults';
import { ema } from '../../src/core/compare/ema';
import type { CompareRunHeader, SeriesPayload } from '../../src/protocol/compareRuns';
import { Chart, themeColors, type ThemeColors } from './chartTheme';
import { linesBounds } from '../../src/core/compare/lineGeometry';
import { seriesLayerPlugin, type LayerLine, type SeriesLayer } from './seriesLayer';

export type XAxis = 'step' | 'time' | 'relative';

export interface LineView {
  readonly xAxis: XAxis;
  readonly logY: boolean;
  readonly smoothing: number;
  readonly hidden: ReadonlySet<string>;
}

type Point = { x: number; y: number };
type XScale = NonNullable<NonNullable<ChartConfiguration<'line', Point[]>['options']>['scales']>['x'];

/** One metric's chart and what it was built from, so new runs add lines instead of a new chart. */
export interface LineChart {
  readonly chart: Chart<'line', Point[]>;
  /** Axis, scale, smoothing and theme the chart was configured for; another one rebuilds it. */
  readonly look: string;
  /** Whether it shows a metric every run logged once as bars (see {@link barLines}). */
  readonly bars: boolean;
  /** The lines its plot area draws (see {@link seriesLayerPlugin}). */
  readonly layer: SeriesLayer;
  /** Per run id: the series its line was built from, and the line. */
  readonly built: Map<string, { readonly source: SeriesPayload; readonly line: LayerLine }>;
  /** Points of the lines drawn, and the most any one line has. */
  points: number;
  maxDatasetPoints: number;
}

/** Calls into chart.js (creations and updates, which draw synchronously with animations off) and their time. */
export const chartWork = { updates: 0, ms: 0 };

/**
 * x values of a series for the chosen axis; relative time is seconds since the run started.
 * Undefined for a time axis while the series' times are still on their way (the line waits).
 */
function xs(s: SeriesPayload, axis: XAxis, runStart: number | undefined): Float64Array | undefined {
  if (axis === 'step' || s.times === undefined) {
    return axis === 'step' ? s.steps : undefined;
  }
  if (axis === 'time') {
    return s.times;
  }
  const t0 = runStart ?? s.times[0] ?? 0;
  return s.times.map((t) => (t - t0) / 1000);
}

function tickText(axis: XAxis, v: number): string {
  if (axis === 'time') {
    return new Date(v).toLocaleString(undefined, {
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
  }
  if (axis === 'relative') {
    return v < 120
      ? `${String(Number(v.toPrecision(3)))} s`
      : v < 7200
        ? `${(v / 60).toFixed(1)} min`
        : `${(v / 3600).toFixed(1)} h`;
  }
  return String(v);
}

/** One run's line: its finite points (positive ones on a log scale) for the chosen axis, smoothed if asked. */
function lineOf(s: SeriesPayload, run: CompareRunHeader, view: LineView): LayerLine {
  const x = xs(s, view.xAxis, run.startTime);
  const y =
    x === undefined ? new Float64Array(0) : view.smoothing > 0 ? ema(s.values, view.smoothing) : s.values;
  let n = 0;
  const keep = new Float64Array(y.length);
  const outX = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const yi = y[i] ?? Number.NaN;
    // Log scales cannot place zero or negatives; non-finite values are left out and the line bridges them.
    if (Number.isFinite(yi) && (!view.logY || yi > 0)) {
      outX[n] = x?.[i] ?? 0;
      keep[n] = yi;
      n++;
    }
  }
  return {
    runId: run.runId,
    name: run.name,
    color: run.color,
    xs: outX.subarray(0, n),
    ys: keep.subarray(0, n),
    hidden: view.hidden.has(run.runId),
  };
}

/** The x axis of a line chart: step, wall time or relative time. */
function lineAxis(view: LineView, theme: ThemeColors): XScale {
  return {
    type: 'linear',
    title: {
      display: true,
      text: view.xAxis === 'step' ? 'step' : view.xAxis === 'time' ? 'wall time' : 'relative time',
      color: theme.muted,
    },
    ticks: { color: theme.muted, maxTicksLimit: 6, callback: (v) => tickText(view.xAxis, Number(v)) },
    grid: { color: theme.grid },
  };
}

/** The x axis of a metric logged once per run: one slot per run, named by the run. */
function barAxis(layer: SeriesLayer, theme: ThemeColors): XScale {
  const nameAt = (slot: number): string => {
    const name = layer.lines.find((l) => !l.hidden && l.xs[0] === slot)?.name ?? '';
    return name.length > 18 ? `${name.slice(0, 17)}…` : name;
  };
  return {
    type: 'linear',
    title: { display: true, text: 'run (logged once)', color: theme.muted },
    ticks: { color: theme.muted, stepSize: 1, autoSkip: true, callback: (v) => nameAt(Number(v)) },
    grid: { display: false },
  };
}

/**
 * The lines of a metric every run logged once, as bars: each visible run's point moves to its
 * slot (0, 1, … in run order), hidden runs keep no slot.
 */
function barLines(lines: readonly LayerLine[]): LayerLine[] {
  let slot = 0;
  return lines.map((l) =>
    l.hidden || l.xs.length === 0
      ? { ...l, xs: new Float64Array(0), ys: new Float64Array(0) }
      : { ...l, xs: Float64Array.of(slot++) },
  );
}

/** The bars' extent: half a slot beyond the first and last, zero on a linear scale, and room for the values. */
function barBounds(
  b: { x0: number; x1: number; y0: number; y1: number },
  logY: boolean,
): { x0: number; x1: number; y0: number; y1: number } {
  return {
    x0: b.x0 - 0.5,
    x1: b.x1 + 0.5,
    // Headroom for the value written above (or below) each bar.
    y0: logY ? b.y0 : Math.min(0, b.y0 - (b.y0 < 0 ? 0.12 * (b.y1 - b.y0 || Math.abs(b.y0)) : 0)),
    y1: logY ? b.y1 * 1.3 : Math.max(0, b.y1 + (b.y1 > 0 ? 0.12 * (b.y1 - Math.min(0, b.y0) || b.y1) : 0)),
  };
}

function lookOf(view: LineView, theme: ThemeColors): string {
  return JSON.stringify([view.xAxis, view.logY, view.smoothing, theme.muted, theme.grid]);
}

function config(
  metricKey: string,
  view: LineView,
  theme: ThemeColors,
  layer: SeriesLayer,
): ChartConfiguration<'line', Point[]> {
  return {
    type: 'line',
    data: { datasets: [] },
    plugins: [
      seriesLayerPlugin(layer, () => ({
        foreground: themeColors().foreground,
        background: themeColors().background,
      })),
    ],
    options: {
      animation: false,
      parsing: false,
      normalized: true,
      spanGaps: true,
      responsive: true,
      maintainAspectRatio: false,
      // The series layer answers the mouse itself (a binary search per line), so chart.js needs only these events.
      events: ['mousemove', 'mouseout'],
      plugins: {
        legend: { display: false },
        tooltip: { enabled: false },
      },
      scales: {
        x: layer.mode === 'bars' ? barAxis(layer, theme) : lineAxis(view, theme),
        y: {
          type: view.logY ? 'logarithmic' : 'linear',
          title: { display: true, text: metricKey, color: theme.muted },
          ticks: { color: theme.muted, maxTicksLimit: 6 },
          grid: { color: theme.grid },
        },
      },
    },
  };
}

/** A chart of no lines yet, configured for this look: lines, or bars of a metric logged once. */
function newLineChart(
  canvas: HTMLCanvasElement,
  metricKey: string,
  view: LineView,
  theme: ThemeColors,
  look: string,
  bars: boolean,
): LineChart {
  const layer: SeriesLayer = {
    lines: [],
    hover: undefined,
    mode: bars ? 'bars' : 'lines',
    xText: (x) => tickText(view.xAxis, x),
  };
  return {
    chart: new Chart(canvas, config(metricKey, view, theme, layer)),
    look,
    bars,
    layer,
    built: new Map(),
    points: 0,
    maxDatasetPoints: 0,
  };
}

/**
 * Draw one metric's line chart, one line per run in the runs' order. chart.js lays out the axes
 * from a two-point dataset spanning the visible lines; the lines themselves are stroked by the
 * series layer. An existing chart of the same look is updated in place, and lines of runs whose
 * series did not change are kept, so a partial answer costs only the new runs' points. Axis,
 * scale, smoothing or theme changes rebuild the chart. Animations are off, data is pre-parsed.
 */
export function drawLineChart(
  canvas: HTMLCanvasElement,
  existing: LineChart | undefined,
  metricKey: string,
  series: ReadonlyMap<string, SeriesPayload>,
  runs: readonly CompareRunHeader[],
  view: LineView,
): LineChart {
  const started = performance.now();
  const theme = themeColors();
  const look = lookOf(view, theme);
  // Lines built for another axis, scale or smoothing are stale; for the same look they are kept.
  const reusable =
    existing !== undefined && existing.look === look ? existing.built : new Map<string, never>();
  const built = new Map<string, { source: SeriesPayload; line: LayerLine }>();
  for (const run of runs) {
    const s = series.get(run.runId);
    if (s === undefined) {
      continue;
    }
    const old = reusable.get(run.runId);
    const entry =
      old !== undefined && old.source === s && old.line.name === run.name && old.line.color === run.color
        ? old
        : { source: s, line: lineOf(s, run, view) };
    entry.line.hidden = view.hidden.has(run.runId);
    built.set(run.runId, entry);
  }
  const runLines = [...built.values()].map((e) => e.line);
  const bars = view.xAxis === 'step' && isSingleStep(runLines);
  let chart = existing;
  if (chart === undefined || chart.look !== look || chart.bars !== bars || chart.chart.canvas !== canvas) {
    chart?.chart.destroy();
    chart = newLineChart(canvas, metricKey, view, theme, look, bars);
  }
  chart.built.clear();
  for (const [id, entry] of built) {
    chart.built.set(id, entry);
  }
  const lines = bars ? barLines(runLines) : runLines;
  chart.layer.lines = lines;
  chart.layer.hover = undefined;
  const b = linesBounds(lines);
  const bounds = b === undefined ? undefined : bars ? barBounds(b, view.logY) : b;
  chart.chart.data.datasets =
    bounds === undefined
      ? []
      : [
          {
            data: [
              { x: bounds.x0, y: bounds.y0 },
              { x: bounds.x1, y: bounds.y1 },
            ],
            showLine: false,
            pointRadius: 0,
            pointHoverRadius: 0,
            pointHitRadius: 0,
          },
        ];
  chart.chart.update('none');
  const counts = lines.map((l) => l.xs.length);
  chart.points = counts.reduce((a, c) => a + c, 0);
  chart.maxDatasetPoints = Math.max(0, ...counts);
  chartWork.updates++;
  chartWork.ms += performance.now() - started;
  return chart;
}
