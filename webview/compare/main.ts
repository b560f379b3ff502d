import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import type { CompareTable } from '../../src/core/compare/compareTable';
import {
  isCompareHostMessage,
  type CompareHostMessage,
  type CompareRunHeader,
  type CompareViewState,
  type CompareWebviewMessage,
  type SeriesPayload,
} from '../../src/protocol/compareRuns';
import { unpackSeries } from '../../src/protocol/seriesBatch';
import { el, host, onHostMessage } from '../shared/host';
import { canvasPng, onThemeChange, themeColors, type Chart } from './chartTheme';
import { chartWork, drawLineChart, type LineChart, type XAxis } from './lineCharts';
import { drawParallel } from './parallelCoordinates';
import { drawScatter } from './scatterChart';
import { renderTable, visibleTable } from './table';
import { checkbox, selectOf } from './controls';

const vscode = host<CompareWebviewMessage, CompareViewState>();
const DEFAULT_SHOWN = 6;

let view: CompareViewState = vscode.getState() ?? {
  runIds: [],
  xAxis: 'step',
  logY: false,
  smoothing: 0,
  hidden: [],
  shownMetrics: [],
  diffOnly: false,
  sortRow: undefined,
  sortDir: 'desc',
  scatterX: undefined,
  scatterY: undefined,
  parallel: [],
};
let runs: readonly CompareRunHeader[] = [];
let table: CompareTable = { runIds: [], rows: [] };
let metricKeys: readonly string[] = [];
let paramKeys: readonly string[] = [];
/** metric key → run id → series; each answer adds the runs it brings (a reset answer starts over). */
const series = new Map<string, Map<string, SeriesPayload>>();
const complete = new Set<string>();
const charts = new Map<string, LineChart>();
let scatter: Chart | undefined;
let snapshotAt = 0;
let drawnReported = false;
/** What the drawn report says about the first load: arrivals, transfers, the first chart. */
const loadStats = { lastSeriesAt: 0, firstChartAt: 0, seriesMessages: 0, transferMs: 0 };

function update(patch: Partial<CompareViewState>): void {
  view = { ...view, ...patch };
  vscode.setState(view);
}

const status = el('p', { className: 'status', id: 'status', text: 'Loading runs…' });
const legend = el('div', { className: 'legend', id: 'legend' });
const tableHost = el('div', { className: 'table-host', id: 'table-host' });
const metricPicker = el('div', { className: 'metric-picker', id: 'metric-picker' });
const chartGrid = el('div', { className: 'chart-grid', id: 'charts' });
const scatterCanvas = el('canvas', { id: 'scatter-canvas' });
const parallelCanvas = el('canvas', { id: 'parallel-canvas' });
const scatterControls = el('div', { className: 'toolbar', id: 'scatter-controls' });
const parallelPicker = el('div', { className: 'metric-picker', id: 'parallel-picker' });

const hiddenSet = (): ReadonlySet<string> => new Set(view.hidden);

/** The x-axes as the charts' accessible labels name them. */
const AXIS_NAMES: Record<XAxis, string> = { step: 'step', time: 'wall time', relative: 'relative time' };

/** Width a vertical scrollbar may take from a chart after its width was measured. */
const SCROLLBAR_ROOM_PX = 20;

/** Points a chart draws at most, over all its runs: beyond this, more runs only add overdraw. */
const POINTS_PER_CHART = 60_000;

/**
 * Points per dataset the host should send: at most four per pixel of the canvas (DESIGN.md), and
 * fewer as runs are added so that one chart stays near {@link POINTS_PER_CHART}.
 */
function maxPoints(): number {
  // Measured before the table is laid out: the page may yet grow a vertical scrollbar that narrows
  // every chart, so leave room for one (asking a few points fewer costs nothing visible).
  const width =
    (chartGrid.querySelector('canvas')?.clientWidth ?? Math.max(300, (chartGrid.clientWidth || 900) / 2)) -
    SCROLLBAR_ROOM_PX;
  const perRun = Math.floor(POINTS_PER_CHART / Math.max(1, runs.length));
  // MLflow's sampling adds each run's first and last step to the points asked for: leave room for them.
  return Math.max(100, Math.min(2500, Math.floor(width * 4) - 2, perRun));
}

function requestSeries(): void {
  vscode.post({
    type: 'compare/showMetrics',
    keys: view.shownMetrics,
    maxPoints: maxPoints(),
    times: view.xAxis !== 'step',
  });
}

function renderLegend(): void {
  legend.replaceChildren(
    ...runs.map((r) => {
      const box = checkbox(r.name, !view.hidden.includes(r.runId), (on) => {
        update({ hidden: on ? view.hidden.filter((id) => id !== r.runId) : [...view.hidden, r.runId] });
        redrawCharts();
        renderScatter();
        renderParallel();
      });
      box.style.setProperty('--run-color', r.color);
      box.classList.add('run-toggle');
      box.dataset.runId = r.runId;
      const remove = el('button', { className: 'icon-button codicon codicon-close' });
      remove.title = `Remove ${r.name} from the comparison`;
      remove.setAttribute('aria-label', remove.title);
      remove.addEventListener('click', () => {
        vscode.post({ type: 'compare/removeRun', runId: r.runId });
      });
      return el('span', { className: 'legend-item' }, el('span', { className: 'swatch' }), box, remove);
    }),
  );
  for (const item of legend.querySelectorAll<HTMLElement>('.legend-item')) {
    const run = runs.find((r) => r.runId === item.querySelector<HTMLElement>('.run-toggle')?.dataset.runId);
    const swatch = item.querySelector<HTMLElement>('.swatch');
    if (swatch && run) {
      swatch.style.background = run.color;
    }
  }
}

function renderTableSection(): void {
  const t = visibleTable(table, view);
  tableHost.replaceChildren(
    renderTable(
      t,
      runs,
      (rowKey) => {
        update({
          sortRow: rowKey,
          sortDir: view.sortRow === rowKey && view.sortDir === 'desc' ? 'asc' : 'desc',
        });
        renderTableSection();
      },
      (runId) => {
        vscode.post({ type: 'compare/openRun', runId });
      },
    ),
  );
  if (t.rows.length === 0) {
    tableHost.append(
      el('p', {
        className: 'hint',
        text: view.diffOnly ? 'These runs do not differ in anything shown.' : 'Nothing to compare.',
      }),
    );
  }
}

function renderMetricPicker(): void {
  metricPicker.replaceChildren(
    ...metricKeys.map((k) =>
      checkbox(k, view.shownMetrics.includes(k), (on) => {
        update({ shownMetrics: on ? [...view.shownMetrics, k] : view.shownMetrics.filter((x) => x !== k) });
        layoutCharts();
        requestSeries();
      }),
    ),
  );
}

/** One card per shown metric, in the order the user chose them. */
function layoutCharts(): void {
  for (const [key, c] of charts) {
    if (!view.shownMetrics.includes(key)) {
      c.chart.destroy();
      charts.delete(key);
    }
  }
  chartGrid.replaceChildren(
    ...view.shownMetrics.map((key) => {
      const existing = chartGrid.querySelector<HTMLElement>(`[data-metric="${CSS.escape(key)}"]`);
      if (existing) {
        return existing;
      }
      const canvas = el('canvas');
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', `Line chart of ${key} for the compared runs`);
      const png = el('button', { className: 'icon-button codicon codicon-device-camera' });
      png.title = `Export ${key} as PNG`;
      png.setAttribute('aria-label', png.title);
      png.addEventListener('click', () => {
        vscode.post({
          type: 'compare/exportPng',
          name: key,
          dataUrl: canvasPng(canvas, themeColors().background),
        });
      });
      const card = el(
        'section',
        { className: 'chart-card' },
        el('header', {}, el('h3', { text: key }), png),
        el('div', { className: 'chart-box' }, canvas),
      );
      card.dataset.metric = key;
      return card;
    }),
  );
  if (view.shownMetrics.length === 0) {
    chartGrid.append(el('p', { className: 'hint', text: 'Pick metrics above to chart their histories.' }));
  }
}

function drawChart(key: string): void {
  const canvas = chartGrid
    .querySelector<HTMLElement>(`[data-metric="${CSS.escape(key)}"]`)
    ?.querySelector('canvas');
  const data = series.get(key);
  if (!canvas || !data) {
    return;
  }
  const line = drawLineChart(canvas, charts.get(key), key, data, runs, {
    xAxis: view.xAxis,
    logY: view.logY,
    smoothing: view.smoothing,
    hidden: hiddenSet(),
  });
  charts.set(key, line);
  lastDrawAt.set(key, performance.now());
  // What the canvas shows, for screen readers (and the UI test that waits for a redrawn axis).
  const drawnRuns = line.layer.lines.filter((l) => l.xs.length > 0 && !l.hidden).length;
  canvas.setAttribute(
    'aria-label',
    `Line chart of ${key}: ${String(drawnRuns)} runs by ${AXIS_NAMES[view.xAxis]}, ${String(line.points)} points`,
  );
  if (loadStats.firstChartAt === 0 && line.points > 0) {
    loadStats.firstChartAt = performance.now();
  }
  reportDrawn();
}

const toDraw = new Set<string>();

/** Draw changed charts once per animation frame, however many answers arrived in between. */
function scheduleDraw(key: string): void {
  if (toDraw.size === 0) {
    requestAnimationFrame(() => {
      // A key leaves the set once drawn, so the drawn report waits for the last of the frame.
      for (const k of [...toDraw]) {
        toDraw.delete(k);
        drawChart(k);
      }
      reportDrawn();
    });
  }
  toDraw.add(key);
}

/**
 * Partial answers redraw their chart at most this often. Each redraw strokes every line again,
 * and while series still stream in, that competes with taking them in (the webview shares its
 * thread with the workbench that receives them).
 */
const PARTIAL_REDRAW_MS = 500;
const partialTimers = new Map<string, number>();
const lastDrawAt = new Map<string, number>();

/** Draw a chart whose series changed: now when complete or never drawn, else at most every {@link PARTIAL_REDRAW_MS}. */
function seriesArrived(key: string, changed: boolean, isComplete: boolean): void {
  const pending = partialTimers.get(key);
  if (isComplete) {
    if (pending !== undefined) {
      window.clearTimeout(pending);
      partialTimers.delete(key);
    }
    if (!changed && pending === undefined && charts.has(key)) {
      // "Complete, nothing new": the chart already shows everything.
      reportDrawn();
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

function redrawCharts(): void {
  for (const key of view.shownMetrics) {
    drawChart(key);
  }
}

/** Once every shown chart has its complete data, tell the host how long it took and how many points. */
function reportDrawn(): void {
  if (
    drawnReported ||
    toDraw.size > 0 ||
    view.shownMetrics.length === 0 ||
    !view.shownMetrics.every((k) => complete.has(k) && charts.has(k))
  ) {
    return;
  }
  drawnReported = true;
  const drawn = view.shownMetrics.map((k) => charts.get(k)).filter((c) => c !== undefined);
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
  status.textContent = `${String(runs.length)} runs · ${String(drawn.length)} chart${drawn.length === 1 ? '' : 's'} drawn in ${String(Math.round(now - snapshotAt))} ms`;
}

function axisChoices(): string[] {
  return [...paramKeys.map((k) => `params.${k}`), ...metricKeys.map((k) => `metrics.${k}`)];
}

function renderScatter(): void {
  const choices = axisChoices();
  const ys = metricKeys.map((k) => `metrics.${k}`);
  const x = view.scatterX !== undefined && choices.includes(view.scatterX) ? view.scatterX : choices[0];
  const y = view.scatterY !== undefined && ys.includes(view.scatterY) ? view.scatterY : ys[0];
  scatterControls.replaceChildren(
    selectOf('scatter-x', 'X axis', choices, x, (v) => {
      update({ scatterX: v });
      renderScatter();
    }),
    selectOf('scatter-y', 'Y axis', ys, y, (v) => {
      update({ scatterY: v });
      renderScatter();
    }),
    exportButton('scatter', scatterCanvas),
  );
  scatter?.destroy();
  scatter =
    x !== undefined && y !== undefined
      ? drawScatter(scatterCanvas, undefined, table, runs, x, y, hiddenSet())
      : undefined;
}

function renderParallel(): void {
  const choices = axisChoices();
  const chosen = view.parallel.filter((a) => choices.includes(a));
  const axes =
    chosen.length > 0
      ? chosen
      : [
          ...paramKeys.slice(0, 3).map((k) => `params.${k}`),
          ...metricKeys.slice(0, 2).map((k) => `metrics.${k}`),
        ];
  parallelPicker.replaceChildren(
    ...choices.map((c) =>
      checkbox(c, axes.includes(c), (on) => {
        update({ parallel: on ? [...axes, c] : axes.filter((a) => a !== c) });
        renderParallel();
      }),
    ),
    exportButton('parallel-coordinates', parallelCanvas),
  );
  drawParallel(parallelCanvas, table, runs, axes, hiddenSet());
}

function exportButton(name: string, canvas: HTMLCanvasElement): HTMLElement {
  const b = el('button', { className: 'icon-button codicon codicon-device-camera' });
  b.title = `Export ${name} as PNG`;
  b.setAttribute('aria-label', b.title);
  b.addEventListener('click', () => {
    vscode.post({ type: 'compare/exportPng', name, dataUrl: canvasPng(canvas, themeColors().background) });
  });
  return b;
}

function onMessage(m: CompareHostMessage): void {
  switch (m.type) {
    case 'compare/snapshot': {
      const first = runs.length === 0;
      runs = m.runs;
      table = m.table;
      metricKeys = m.metricKeys;
      paramKeys = m.paramKeys;
      update({ runIds: runs.map((r) => r.runId) });
      if (first) {
        snapshotAt = performance.now();
        drawnReported = false;
        const keep = view.shownMetrics.filter((k) => metricKeys.includes(k));
        update({ shownMetrics: keep.length > 0 ? keep : metricKeys.slice(0, DEFAULT_SHOWN) });
      }
      document.getElementById('title')?.replaceChildren(`Compare ${String(runs.length)} runs`);
      layoutCharts();
      if (first) {
        // Ask for the series as soon as the charts' width is known: the host loads them while the
        // table of every run (hundreds of columns) is laid out.
        requestSeries();
      }
      renderLegend();
      renderTableSection();
      renderMetricPicker();
      redrawCharts();
      renderScatter();
      renderParallel();
      return;
    }
    case 'compare/series': {
      if (!drawnReported) {
        loadStats.lastSeriesAt = performance.now();
        loadStats.seriesMessages++;
        loadStats.transferMs = Math.max(loadStats.transferMs, Date.now() - m.postedAt);
      }
      let held = series.get(m.metricKey);
      if (held === undefined || m.reset) {
        held = new Map();
        series.set(m.metricKey, held);
        complete.delete(m.metricKey);
      }
      const arrived = unpackSeries(m.batch);
      for (const s of arrived) {
        held.set(s.runId, s);
      }
      if (m.complete) {
        complete.add(m.metricKey);
      }
      seriesArrived(m.metricKey, arrived.length > 0 || m.reset, m.complete);
      return;
    }
    case 'compare/status':
      if (m.busy !== undefined || m.error !== undefined || !drawnReported) {
        status.textContent = m.error ?? m.busy ?? '';
      }
      status.className = m.error !== undefined ? 'status failed' : 'status';
      return;
  }
}

const xAxisSelect = selectOf(
  'x-axis',
  'X axis',
  ['step', 'time', 'relative'],
  view.xAxis,
  (v) => {
    update({ xAxis: v as XAxis });
    // Series arrive without wall-clock times until an axis needs them; ask the host for them once.
    const lacksTimes = view.shownMetrics.some((k) =>
      [...(series.get(k)?.values() ?? [])].some((s) => s.times === undefined),
    );
    if (view.xAxis !== 'step' && lacksTimes) {
      requestSeries();
    }
    redrawCharts();
  },
  { step: 'Step', time: 'Wall time', relative: 'Relative time' },
);
const logY = checkbox(
  'Log scale',
  view.logY,
  (on) => {
    update({ logY: on });
    redrawCharts();
  },
  'log-y',
);
const smoothing = el('input', { id: 'smoothing' });
smoothing.type = 'range';
smoothing.min = '0';
smoothing.max = '0.99';
smoothing.step = '0.01';
smoothing.value = String(view.smoothing);
smoothing.setAttribute('aria-label', 'Smoothing (exponential moving average)');
smoothing.addEventListener('change', () => {
  update({ smoothing: Number(smoothing.value) });
  redrawCharts();
});
const diffOnly = checkbox(
  'Show only differences',
  view.diffOnly,
  (on) => {
    update({ diffOnly: on });
    renderTableSection();
  },
  'diff-only',
);
const exportCsv = el('vscode-button', { id: 'export-csv', text: 'Export CSV' });
exportCsv.addEventListener('click', () => {
  vscode.post({
    type: 'compare/exportCsv',
    onlyDifferences: view.diffOnly,
    order: visibleTable(table, view).runIds,
  });
});

document
  .getElementById('app')
  ?.replaceChildren(
    el('h1', { id: 'title', text: 'Compare runs' }),
    status,
    legend,
    el('h2', { text: 'Parameters, metrics and tags' }),
    el('div', { className: 'toolbar' }, diffOnly, exportCsv),
    tableHost,
    el('h2', { text: 'Metric histories' }),
    el(
      'div',
      { className: 'toolbar' },
      xAxisSelect,
      logY,
      el('label', { className: 'inline', text: 'Smoothing' }, smoothing),
    ),
    metricPicker,
    chartGrid,
    el('h2', { text: 'Scatter' }),
    scatterControls,
    el('div', { className: 'chart-box wide' }, scatterCanvas),
    el('h2', { text: 'Parallel coordinates' }),
    parallelPicker,
    el('div', { className: 'chart-box wide' }, parallelCanvas),
  );

onThemeChange(() => {
  redrawCharts();
  renderScatter();
  renderParallel();
});
onHostMessage(isCompareHostMessage, onMessage);
vscode.post({ type: 'ready' });
