import { el } from '../shared/host';
import { checkbox, selectOf } from './controls';
import { redrawCharts } from './drawScheduler';
import type { XAxis } from './lineCharts';
import { requestSeries } from './metricCharts';
import { page, update, vscode } from './pageState';
import { lacksTimes } from './seriesStore';
import { renderTableSection } from './tableSection';
import { visibleTable } from './table';

/** The table's toolbar: differences only, and the CSV export of the table as shown. */
export function tableToolbar(): HTMLElement {
  const diffOnly = checkbox(
    'Show only differences',
    page.view.diffOnly,
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
      onlyDifferences: page.view.diffOnly,
      order: visibleTable(page.table, page.view).runIds,
    });
  });
  return el('div', { className: 'toolbar' }, diffOnly, exportCsv);
}

/** The metric charts' toolbar: x-axis, log scale and smoothing, each redrawing every chart. */
export function chartToolbar(): HTMLElement {
  const xAxisSelect = selectOf(
    'x-axis',
    'X axis',
    ['step', 'time', 'relative'],
    page.view.xAxis,
    (v) => {
      update({ xAxis: v as XAxis });
      // Series arrive without wall-clock times until an axis needs them; ask the host for them once.
      if (page.view.xAxis !== 'step' && lacksTimes(page.view.shownMetrics)) {
        requestSeries();
      }
      redrawCharts();
    },
    { step: 'Step', time: 'Wall time', relative: 'Relative time' },
  );
  const logY = checkbox(
    'Log scale',
    page.view.logY,
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
  smoothing.value = String(page.view.smoothing);
  smoothing.setAttribute('aria-label', 'Smoothing (exponential moving average)');
  smoothing.addEventListener('change', () => {
    update({ smoothing: Number(smoothing.value) });
    redrawCharts();
  });
  return el(
    'div',
    { className: 'toolbar' },
    xAxisSelect,
    logY,
    el('label', { className: 'inline', text: 'Smoothing' }, smoothing),
  );
}
