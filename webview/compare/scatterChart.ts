import type { CompareTable } from '../../src/core/compare/compareTable';
import type { CompareRunHeader } from '../../src/protocol/compareRuns';
import { formatTick, paddedRange } from '../../src/core/compare/chartDefaults';
import { axisValues, type AxisId } from './axisValues';
import { Chart, themeColors } from './chartTheme';

/** A scatter of one param or metric (x) against one metric (y); one point per visible run. */
export function drawScatter(
  canvas: HTMLCanvasElement,
  existing: Chart | undefined,
  table: CompareTable,
  runs: readonly CompareRunHeader[],
  xId: AxisId,
  yId: AxisId,
  hidden: ReadonlySet<string>,
): Chart | undefined {
  existing?.destroy();
  const x = axisValues(table, xId);
  const y = axisValues(table, yId);
  if (x === undefined || y === undefined) {
    return undefined;
  }
  const theme = themeColors();
  const byId = new Map(runs.map((r) => [r.runId, r]));
  const points: { x: number; y: number; name: string; color: string }[] = [];
  table.runIds.forEach((id, i) => {
    const xv = x.values[i];
    const yv = y.values[i];
    const run = byId.get(id);
    if (xv !== undefined && yv !== undefined && run !== undefined && !hidden.has(id)) {
      points.push({ x: xv, y: yv, name: run.name, color: run.color });
    }
  });
  const label = (axis: typeof x, v: number): string =>
    axis.numeric ? formatTick(v) : (axis.categories[v] ?? '');
  // Room around the points, so those at the extremes are not cut in half by the plot's edge.
  const range = (vs: readonly number[]): { min: number; max: number } =>
    paddedRange(Math.min(...vs), Math.max(...vs));
  const xRange = range(points.map((p) => p.x));
  const yRange = range(points.map((p) => p.y));
  return new Chart(canvas, {
    type: 'scatter',
    data: {
      datasets: [
        {
          data: points,
          pointBackgroundColor: points.map((p) => p.color),
          pointBorderColor: points.map((p) => p.color),
          pointRadius: 5,
          pointHoverRadius: 7,
        },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) => {
              const p = points[item.dataIndex];
              return p === undefined ? '' : `${p.name}: ${label(x, p.x)}, ${label(y, p.y)}`;
            },
          },
        },
      },
      scales: {
        x: {
          type: 'linear',
          ...xRange,
          title: { display: true, text: xId, color: theme.muted },
          ticks: {
            color: theme.muted,
            includeBounds: false,
            callback: (v) => label(x, Number(v)),
            ...(x.numeric ? {} : { stepSize: 1 }),
          },
          grid: { color: theme.grid },
        },
        y: {
          type: 'linear',
          ...yRange,
          title: { display: true, text: yId, color: theme.muted },
          ticks: { color: theme.muted, includeBounds: false, callback: (v) => label(y, Number(v)) },
          grid: { color: theme.grid },
        },
      },
    },
  });
}
