import type { CompareTable } from '../../src/core/compare/compareTable';
import type { CompareRunHeader } from '../../src/protocol/compareRuns';
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
    axis.numeric ? String(v) : (axis.categories[v] ?? '');
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
          title: { display: true, text: xId, color: theme.muted },
          ticks: {
            color: theme.muted,
            callback: (v) => label(x, Number(v)),
            ...(x.numeric ? {} : { stepSize: 1 }),
          },
          grid: { color: theme.grid },
        },
        y: {
          type: 'linear',
          title: { display: true, text: yId, color: theme.muted },
          ticks: { color: theme.muted, callback: (v) => label(y, Number(v)) },
          grid: { color: theme.grid },
        },
      },
    },
  });
}
