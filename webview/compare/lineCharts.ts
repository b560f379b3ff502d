import type { ChartConfiguration } from 'chart.js';
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

/** One metric's chart and what it was built from, so new runs add lines instead of a new chart. */
export interface LineChart {
  readonly chart: Chart<'line', Point[]>;
  /** Axis, scale, smoothing and theme the chart was configured for; another one rebuilds it. */
  readonly look: string;
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
        x: {
          type: 'linear',
          title: {
            display: true,
            text: view.xAxis === 'step' ? 'step' : view.xAxis === 'time' ? 'wall time' : 'relative time',
            color: theme.muted,
          },
          ticks: { color: theme.muted, maxTicksLimit: 6, callback: (v) => tickText(view.xAxis, Number(v)) },
          grid: { color: theme.grid },
        },
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
  let chart = existing;
  if (chart === undefined || chart.look !== look || chart.chart.canvas !== canvas) {
    chart?.chart.destroy();
    const layer: SeriesLayer = { lines: [], hover: undefined, xText: (x) => tickText(view.xAxis, x) };
    chart = {
      chart: new Chart(canvas, config(metricKey, view, theme, layer)),
      look,
      layer,
      built: new Map(),
      points: 0,
      maxDatasetPoints: 0,
    };
  }
  const built = new Map<string, { source: SeriesPayload; line: LayerLine }>();
  for (const run of runs) {
    const s = series.get(run.runId);
    if (s === undefined) {
      continue;
    }
    const old = chart.built.get(run.runId);
    const entry =
      old !== undefined && old.source === s && old.line.name === run.name && old.line.color === run.color
        ? old
        : { source: s, line: lineOf(s, run, view) };
    entry.line.hidden = view.hidden.has(run.runId);
    built.set(run.runId, entry);
  }
  chart.built.clear();
  for (const [id, entry] of built) {
    chart.built.set(id, entry);
  }
  const lines = [...built.values()].map((e) => e.line);
  chart.layer.lines = lines;
  chart.layer.hover = undefined;
  const b = linesBounds(lines);
  chart.chart.data.datasets =
    b === undefined
      ? []
      : [
          {
            data: [
              { x: b.x0, y: b.y0 },
              { x: b.x1, y: b.y1 },
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
