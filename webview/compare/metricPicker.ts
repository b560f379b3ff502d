import { el } from '../shared/host';
import { checkbox } from './controls';
import { layoutCharts, requestSeries } from './metricCharts';
import { page, update } from './pageState';

/** One checkbox per metric key: which metrics get a history chart. */
export const metricPicker = el('div', { className: 'metric-picker', id: 'metric-picker' });

/** Rebuild the picker from the snapshot's metric keys; a change re-lays the charts and asks for series. */
export function renderMetricPicker(): void {
  metricPicker.replaceChildren(
    ...page.metricKeys.map((k) =>
      checkbox(k, page.view.shownMetrics.includes(k), (on) => {
        const { shownMetrics } = page.view;
        update({ shownMetrics: on ? [...shownMetrics, k] : shownMetrics.filter((x) => x !== k) });
        layoutCharts();
        requestSeries();
      }),
    ),
  );
}
