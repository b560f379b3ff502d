/**
 * The first load's timing. The page reports it to the host once (`compare/drawn`: the host waits
 * for it before loading the table's min/max rows, and the benchmark and tests read its figures)
 * and shows it in the status line.
 */
import { chartWork } from './lineCharts';
import { chartGrid, charts } from './metricCharts';
import { page, vscode } from './pageState';
import { complete } from './seriesStore';
import { status } from './statusLine';

let snapshotAt = 0;
let drawnReported = false;
/** What the drawn report says about the first load: arrivals, transfers, the first chart. */
const loadStats = { lastSeriesAt: 0, firstChartAt: 0, seriesMessages: 0, transferMs: 0 };

/** The first snapshot arrived: the load being timed starts now. */
export function startLoad(): void {
  snapshotAt = performance.now();
  drawnReported = false;
}

/** Whether the charts of the first load were drawn (and reported). */
export function isDrawnReported(): boolean {
  return drawnReported;
}

/** Count a series answer of the first load, and how long it took to cross from the host. */
export function noteSeriesMessage(postedAt: number): void {
  if (!drawnReported) {
    loadStats.lastSeriesAt = performance.now();
    loadStats.seriesMessages++;
    loadStats.transferMs = Math.max(loadStats.transferMs, Date.now() - postedAt);
  }
}

/** A chart was drawn with this many points: the first one with any marks when the page first showed data. */
export function noteChartDrawn(points: number): void {
  if (loadStats.firstChartAt === 0 && points > 0) {
    loadStats.firstChartAt = performance.now();
  }
}

/**
 * Once every shown chart has its complete data, tell the host how long it took and how many
 * points. The caller checks that no draw is still waiting for its frame.
 */
export function reportDrawn(): void {
  const { shownMetrics } = page.view;
  if (
    drawnReported ||
    shownMetrics.length === 0 ||
    !shownMetrics.every((k) => complete.has(k) && charts.has(k))
  ) {
    return;
  }
  drawnReported = true;
  const drawn = shownMetrics.map((k) => charts.get(k)).filter((c) => c !== undefined);
  const now = performance.now();
  vscode.post({
    type: 'compare/drawn',
    charts: drawn.length,
    points: drawn.reduce((a, c) => a + c.points, 0),
    maxDatasetPoints: Math.max(0, ...drawn.map((c) => c.maxDatasetPoints)),
    canvasWidth: chartGrid.querySelector('canvas')?.clientWidth ?? 0,
    ms: now - snapshotAt,
    heapBytes:
      (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
    firstChartMs: Math.max(0, loadStats.firstChartAt - snapshotAt),
    dataMs: Math.max(0, loadStats.lastSeriesAt - snapshotAt),
    drawMs: Math.max(0, now - loadStats.lastSeriesAt),
    transferMs: loadStats.transferMs,
    seriesMessages: loadStats.seriesMessages,
    chartUpdates: chartWork.updates,
    chartJsMs: chartWork.ms,
    at: Date.now(),
  });
  status.textContent = `${String(page.runs.length)} runs · ${String(drawn.length)} chart${drawn.length === 1 ? '' : 's'} drawn in ${String(Math.round(now - snapshotAt))} ms`;
}
