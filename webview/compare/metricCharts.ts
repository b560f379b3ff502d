import { chartPointsFor, MAX_POINTS_PER_RUN, MIN_POINTS_PER_RUN } from '../../src/core/compare/prefetchPlan';
import { el } from '../shared/host';
import { drawLineChart, type LineChart, type XAxis } from './lineCharts';
import { page, hiddenSet, vscode } from './pageState';
import { exportButton } from './pngExport';
import { series } from './seriesStore';

/** The metric histories: one card per shown metric, each a line chart of every run. */
export const chartGrid = el('div', { className: 'chart-grid', id: 'charts' });
/** metric key → its drawn chart; a chart is kept (and updated in place) while its metric is shown. */
export const charts = new Map<string, LineChart>();

/** The x-axes as the charts' accessible labels name them. */
const AXIS_NAMES: Record<XAxis, string> = { step: 'step', time: 'wall time', relative: 'relative time' };

/** Width a vertical scrollbar may take from a chart after its width was measured. */
const SCROLLBAR_ROOM_PX = 20;

/** Points per run a canvas this wide can show: four per pixel (DESIGN.md), less MLflow's two added ends. */
function widthPoints(canvasWidth: number): number {
  // The page may yet grow a vertical scrollbar that narrows every chart, so leave room for one
  // (asking a few points fewer costs nothing visible).
  // MLflow's sampling adds each run's first and last step to the points asked for: room for them too.
  return Math.floor((canvasWidth - SCROLLBAR_ROOM_PX) * 4) - 2;
}

/**
 * Points per dataset the host should send: at most four per pixel of the canvas, and fewer as runs
 * are added so that one chart stays near POINTS_PER_CHART (see chartPointsFor).
 */
function maxPoints(): number {
  // Measured before the table is laid out (see widthPoints); before any card, half the grid.
  const width =
    chartGrid.querySelector('canvas')?.clientWidth ?? Math.max(300, (chartGrid.clientWidth || 900) / 2);
  // The host prefetches a new panel's series at the run count's cap, and decimates them down to this.
  return chartPointsFor(widthPoints(width), page.runs.length);
}

/**
 * Points per run the charts of this page will ask for, known before the first snapshot says how
 * many runs (the host applies the run count's cap): a card is laid out unseen and measured. The
 * grid's columns do not depend on how many cards it holds, so the real cards get the same width.
 */
export function expectedChartPoints(): number {
  const probe = chartCard('');
  probe.style.visibility = 'hidden';
  chartGrid.append(probe);
  const width = probe.querySelector('canvas')?.clientWidth ?? 0;
  probe.remove();
  return Math.max(MIN_POINTS_PER_RUN, Math.min(MAX_POINTS_PER_RUN, widthPoints(width)));
}

/** Ask the host for the shown metrics' series, as many points as the charts can show. */
export function requestSeries(): void {
  vscode.post({
    type: 'compare/showMetrics',
    keys: page.view.shownMetrics,
    maxPoints: maxPoints(),
    times: page.view.xAxis !== 'step',
  });
}

/** One card per shown metric, in the order the user chose them. */
export function layoutCharts(): void {
  const { shownMetrics } = page.view;
  for (const [key, c] of charts) {
    if (!shownMetrics.includes(key)) {
      c.chart.destroy();
      charts.delete(key);
    }
  }
  chartGrid.replaceChildren(
    ...shownMetrics.map((key) => {
      const existing = chartGrid.querySelector<HTMLElement>(`[data-metric="${CSS.escape(key)}"]`);
      if (existing) {
        return existing;
      }
      return chartCard(key);
    }),
  );
  if (shownMetrics.length === 0) {
    chartGrid.append(el('p', { className: 'hint', text: 'Pick metrics above to chart their histories.' }));
  }
}

/** The card of one metric's chart: its title, export button and canvas. */
function chartCard(key: string): HTMLElement {
  const canvas = el('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `Line chart of ${key} for the compared runs`);
  const card = el(
    'section',
    { className: 'chart-card' },
    el('header', {}, el('h3', { text: key }), exportButton(key, canvas)),
    el('div', { className: 'chart-box' }, canvas),
  );
  card.dataset.metric = key;
  return card;
}

/**
 * Draw one metric's chart from the series held for it, in the current view; undefined while the
 * metric has no card or no series yet.
 */
export function drawMetricChart(key: string): LineChart | undefined {
  const canvas = chartGrid
    .querySelector<HTMLElement>(`[data-metric="${CSS.escape(key)}"]`)
    ?.querySelector('canvas');
  const data = series.get(key);
  if (!canvas || !data) {
    return undefined;
  }
  const { view } = page;
  const line = drawLineChart(canvas, charts.get(key), key, data, page.runs, {
    xAxis: view.xAxis,
    logY: view.logY,
    smoothing: view.smoothing,
    hidden: hiddenSet(),
  });
  charts.set(key, line);
  // What the canvas shows, for screen readers (and the UI test that waits for a redrawn axis).
  const drawnRuns = line.layer.lines.filter((l) => l.xs.length > 0 && !l.hidden).length;
  canvas.setAttribute(
    'aria-label',
    line.bars
      ? `Bar chart of ${key}: ${String(drawnRuns)} runs, logged once each`
      : `Line chart of ${key}: ${String(drawnRuns)} runs by ${AXIS_NAMES[view.xAxis]}, ${String(line.points)} points`,
  );
  return line;
}
