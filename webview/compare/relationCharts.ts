import { defaultParallelAxes, defaultScatterX, type AxisColumn } from '../../src/core/compare/chartDefaults';
import { el } from '../shared/host';
import { axisValues } from './axisValues';
import type { Chart } from './chartTheme';
import { checkbox, selectOf } from './controls';
import { drawParallel } from './parallelCoordinates';
import { drawScatter } from './scatterChart';
import { hiddenSet, page, update } from './pageState';
import { exportButton } from './pngExport';

/**
 * The charts that relate params and metrics across runs (a scatter of two of them, parallel
 * coordinates over several), drawn from the snapshot's table rather than from series.
 */
export const scatterControls = el('div', { className: 'toolbar', id: 'scatter-controls' });
export const scatterCanvas = el('canvas', { id: 'scatter-canvas' });
export const parallelPicker = el('div', { className: 'metric-picker', id: 'parallel-picker' });
export const parallelCanvas = el('canvas', { id: 'parallel-canvas' });
let scatter: Chart | undefined;

/** Every param and metric, as the table's axes name them. */
function axisChoices(): string[] {
  return [...page.paramKeys.map((k) => `params.${k}`), ...page.metricKeys.map((k) => `metrics.${k}`)];
}

/** The table's values on these axes, for the default choices. */
function columns(ids: readonly string[]): AxisColumn[] {
  return ids.map((id) => axisValues(page.table, id) ?? { id, values: [] });
}

/** The scatter's axis pickers, and the scatter of the chosen x (param or metric) against a metric. */
export function renderScatter(): void {
  const { view } = page;
  const choices = axisChoices();
  const ys = page.metricKeys.map((k) => `metrics.${k}`);
  const y = view.scatterY !== undefined && ys.includes(view.scatterY) ? view.scatterY : ys[0];
  const x =
    view.scatterX !== undefined && choices.includes(view.scatterX)
      ? view.scatterX
      : defaultScatterX(columns(choices), y);
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
      ? drawScatter(scatterCanvas, undefined, page.table, page.runs, x, y, hiddenSet())
      : undefined;
}

/** The parallel coordinates' axis picker and chart; with none chosen, params and metrics every run has. */
export function renderParallel(): void {
  const choices = axisChoices();
  const chosen = page.view.parallel.filter((a) => choices.includes(a));
  const axes =
    chosen.length > 0
      ? chosen
      : defaultParallelAxes(
          columns(page.paramKeys.map((k) => `params.${k}`)),
          columns(page.metricKeys.map((k) => `metrics.${k}`)),
        );
  parallelPicker.replaceChildren(
    ...choices.map((c) =>
      checkbox(c, axes.includes(c), (on) => {
        update({ parallel: on ? [...axes, c] : axes.filter((a) => a !== c) });
        renderParallel();
      }),
    ),
    exportButton('parallel-coordinates', parallelCanvas),
  );
  drawParallel(parallelCanvas, page.table, page.runs, axes, hiddenSet());
}
