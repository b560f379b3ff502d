import type { ChartConfiguration } from 'chart.js';
import { ema } from '../../src/core/compare/ema';
import type { CompareRunHeader, SeriesPayload } from '../../src/protocol/compareRuns';
import { Chart, themeColors } from './chartTheme';

export type XAxis = 'step' | 'time' | 'relative';

export interface LineView {
  readonly xAxis: XAxis;
  readonly logY: boolean;
  readonly smoothing: number;
  readonly hidden: ReadonlySet<string>;
}

/** x values of a series for the chosen axis; relative time is seconds since the run started. */
function xs(s: SeriesPayload, axis: XAxis, runStart: number | undefined): Float64Array {
  if (axis === 'step') {
    return s.steps;
  }
  if (axis === 'time') {
    return s.times;
  }
  const t0 = runStart ?? s.times[0] ?? 0;
  return s.times.map((t) => (t - t0) / 1000);
}

function tickText(axis: XAxis, v: number): string {
  if (axis === 'time') {
    return new Date(v).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  }
  if (axis === 'relative') {
    return v < 120 ? `${String(Number(v.toPrecision(3)))} s` : v < 7200 ? `${(v / 60).toFixed(1)} min` : `${(v / 3600).toFixed(1)} h`;
  }
  return String(v);
}

/** Datasets for one metric: one per run, in the runs' order, points pre-parsed ({x, y}). */
function datasets(series: ReadonlyMap<string, SeriesPayload>, runs: readonly CompareRunHeader[], view: LineView): { data: { x: number; y: number }[]; label: string; borderColor: string; hidden: boolean }[] {
  const out = [];
  for (const run of runs) {
    const s = series.get(run.runId);
    if (s === undefined) {
      continue;
    }
    const x = xs(s, view.xAxis, run.startTime);
    const y = view.smoothing > 0 ? ema(s.values, view.smoothing) : s.values;
    const data: { x: number; y: number }[] = [];
    for (let i = 0; i < y.length; i++) {
      const yi = y[i] ?? Number.NaN;
      // Log scales cannot place zero or negatives; non-finite values leave a gap.
      if (Number.isFinite(yi) && (!view.logY || yi > 0)) {
        data.push({ x: x[i] ?? 0, y: yi });
      }
    }
    out.push({ data, label: run.name, borderColor: run.color, hidden: view.hidden.has(run.runId) });
  }
  return out;
}

/**
 * One line chart per metric. The chart is rebuilt only when its data or the view changes;
 * animations are off and data is pre-parsed, so chart.js only draws.
 */
export function drawLineChart(canvas: HTMLCanvasElement, existing: Chart | undefined, metricKey: string, series: ReadonlyMap<string, SeriesPayload>, runs: readonly CompareRunHeader[], view: LineView): { chart: Chart; points: number; maxDatasetPoints: number } {
  existing?.destroy();
  const theme = themeColors();
  const sets = datasets(series, runs, view);
  const config: ChartConfiguration<'line', { x: number; y: number }[]> = {
    type: 'line',
    // A metric logged once is a single point: draw it as a dot, or it would not show at all.
    data: { datasets: sets.map((d) => ({ ...d, backgroundColor: d.borderColor, borderWidth: 1.5, pointRadius: d.data.length <= 1 ? 3 : 0, pointHoverRadius: 3, tension: 0 })) },
    options: {
      animation: false,
      parsing: false,
      normalized: true,
      spanGaps: true,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { title: (items) => tickText(view.xAxis, items[0]?.parsed.x ?? 0) } },
      },
      scales: {
        x: { type: 'linear', title: { display: true, text: view.xAxis === 'step' ? 'step' : view.xAxis === 'time' ? 'wall time' : 'relative time', color: theme.muted }, ticks: { color: theme.muted, maxTicksLimit: 6, callback: (v) => tickText(view.xAxis, Number(v)) }, grid: { color: theme.grid } },
        y: { type: view.logY ? 'logarithmic' : 'linear', title: { display: true, text: metricKey, color: theme.muted }, ticks: { color: theme.muted, maxTicksLimit: 6 }, grid: { color: theme.grid } },
      },
    },
  };
  const chart = new Chart(canvas, config);
  const counts = sets.map((d) => d.data.length);
  return { chart, points: counts.reduce((a, b) => a + b, 0), maxDatasetPoints: Math.max(0, ...counts) };
}
