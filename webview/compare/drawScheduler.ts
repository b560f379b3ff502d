/**
 * When the metric charts are drawn. Series answers arrive in bursts; drawing on each one would
 * stroke every line again and again, so draws wait for the next animation frame, and partial
 * answers redraw at most every {@link PARTIAL_REDRAW_MS}.
 */
import { charts, drawMetricChart } from './metricCharts';
import { noteChartDrawn, reportDrawn } from './loadReport';
import { page } from './pageState';

/** Metric keys whose chart waits for the next animation frame. */
const toDraw = new Set<string>();

/**
 * Partial answers redraw their chart at most this often. Each redraw strokes every line again,
 * and while series still stream in, that competes with taking them in (the webview shares its
 * thread with the workbench that receives them).
 */
const PARTIAL_REDRAW_MS = 500;
const partialTimers = new Map<string, number>();
const lastDrawAt = new Map<string, number>();

/** Report the first load as drawn if it is, unless a draw still waits for its frame. */
function reportIfSettled(): void {
  if (toDraw.size === 0) {
    reportDrawn();
  }
}

function drawChart(key: string): void {
  const line = drawMetricChart(key);
  if (line === undefined) {
    return;
  }
  lastDrawAt.set(key, performance.now());
  noteChartDrawn(line.points);
  reportIfSettled();
}

/** Draw changed charts once per animation frame, however many answers arrived in between. */
function scheduleDraw(key: string): void {
  if (toDraw.size === 0) {
    requestAnimationFrame(() => {
      // A key leaves the set once drawn, so the drawn report waits for the last of the frame.
      for (const k of [...toDraw]) {
        toDraw.delete(k);
        drawChart(k);
      }
      reportIfSettled();
    });
  }
  toDraw.add(key);
}

/** Draw a chart whose series changed: now when complete or never drawn, else at most every {@link PARTIAL_REDRAW_MS}. */
export function seriesArrived(key: string, changed: boolean, isComplete: boolean): void {
  const pending = partialTimers.get(key);
  if (isComplete) {
    if (pending !== undefined) {
      window.clearTimeout(pending);
      partialTimers.delete(key);
    }
    if (!changed && pending === undefined && charts.has(key)) {
      // "Complete, nothing new": the chart already shows everything.
      reportIfSettled();
    } else {
      scheduleDraw(key);
    }
    return;
  }
  if (!changed || pending !== undefined) {
    return;
  }
  const wait = (lastDrawAt.get(key) ?? -Infinity) + PARTIAL_REDRAW_MS - performance.now();
  if (wait <= 0) {
    scheduleDraw(key);
  } else {
    partialTimers.set(
      key,
      window.setTimeout(() => {
        partialTimers.delete(key);
        scheduleDraw(key);
      }, wait),
    );
  }
}

/** Redraw every shown chart now (the view changed: axis, scale, smoothing, hidden runs, theme). */
export function redrawCharts(): void {
  for (const key of page.view.shownMetrics) {
    drawChart(key);
  }
}
