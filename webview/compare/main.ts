// The compare panel's page: lays out its sections and routes the host's messages to them. Each
// section lives in its own module; the view state and the snapshot they share are in pageState.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import {
  isCompareHostMessage,
  type CompareHostMessage,
  type CompareSnapshot,
} from '../../src/protocol/compareRuns';
import { DEFAULT_SHOWN_METRICS } from '../../src/core/compare/prefetchPlan';
import { el, onHostMessage } from '../shared/host';
import { onThemeChange } from './chartTheme';
import { redrawCharts, seriesArrived } from './drawScheduler';
import { legend, renderLegend } from './legend';
import { isDrawnReported, noteSeriesMessage, startLoad } from './loadReport';
import { chartGrid, expectedChartPoints, layoutCharts, requestSeries } from './metricCharts';
import { metricPicker, renderMetricPicker } from './metricPicker';
import { page, restored, update, vscode } from './pageState';
import {
  parallelCanvas,
  parallelPicker,
  renderParallel,
  renderScatter,
  scatterCanvas,
  scatterControls,
} from './relationCharts';
import { storeSeries } from './seriesStore';
import { showHostStatus, status } from './statusLine';
import { renderTableSection, tableHost } from './tableSection';
import { chartToolbar, tableToolbar } from './toolbars';

/** Redraw everything that shows runs: after a run is hidden or shown, and on a theme change. */
function redrawRunCharts(): void {
  redrawCharts();
  renderScatter();
  renderParallel();
}

function applySnapshot(m: CompareSnapshot): void {
  const first = page.runs.length === 0;
  page.runs = m.runs;
  page.table = m.table;
  page.metricKeys = m.metricKeys;
  page.paramKeys = m.paramKeys;
  update({ runIds: page.runs.map((r) => r.runId) });
  if (first) {
    startLoad();
    const keep = page.view.shownMetrics.filter((k) => page.metricKeys.includes(k));
    update({ shownMetrics: keep.length > 0 ? keep : page.metricKeys.slice(0, DEFAULT_SHOWN_METRICS) });
  }
  document.getElementById('title')?.replaceChildren(`Compare ${String(page.runs.length)} runs`);
  layoutCharts();
  if (first) {
    // Ask for the series as soon as the charts' width is known: the host loads them while the
    // table of every run (hundreds of columns) is laid out.
    requestSeries();
  }
  renderLegend(redrawRunCharts);
  renderTableSection();
  renderMetricPicker();
  redrawRunCharts();
}

function onMessage(m: CompareHostMessage): void {
  switch (m.type) {
    case 'compare/snapshot':
      applySnapshot(m);
      return;
    case 'compare/series': {
      noteSeriesMessage(m.postedAt);
      const changed = storeSeries(m);
      seriesArrived(m.metricKey, changed, m.complete);
      return;
    }
    case 'compare/status':
      showHostStatus(m, isDrawnReported());
      return;
  }
}

document
  .getElementById('app')
  ?.replaceChildren(
    el('h1', { id: 'title', text: 'Compare runs' }),
    status,
    legend,
    el('h2', { text: 'Parameters, metrics and tags' }),
    tableToolbar(),
    tableHost,
    el('h2', { text: 'Metric histories' }),
    chartToolbar(),
    metricPicker,
    chartGrid,
    el('h2', { text: 'Scatter' }),
    scatterControls,
    el('div', { className: 'chart-box wide' }, scatterCanvas),
    el('h2', { text: 'Parallel coordinates' }),
    parallelPicker,
    el('div', { className: 'chart-box wide' }, parallelCanvas),
  );

onThemeChange(redrawRunCharts);
onHostMessage(isCompareHostMessage, onMessage);
// A new page's charts show the default metrics: saying how wide they are lets the host post their
// series with the first snapshot. A restored page may show others, and asks once it knows.
vscode.post(restored ? { type: 'ready' } : { type: 'ready', chartPoints: expectedChartPoints() });
