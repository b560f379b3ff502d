// A scatter of two columns (a metric's latest value, a numeric param or an aggregate column) over
// every loaded run. The table's selection is drawn large and in colour; a click on a point selects
// its run. A run whose figures have not come yet has no point on an aggregate axis.
import {
  axisTitle,
  scatterPoints,
  type AxisColumn,
  type ScatterPoint,
} from '../../../src/core/runsTable/chartData';
import { runColor } from '../../../src/core/compare/runColors';
import { Chart, themeColors } from '../../compare/chartTheme';
import { el } from '../../shared/host';
import { figuresOf, table } from '../tableState';

const MUTED = 'rgba(128, 128, 128, 0.45)';

export class ScatterView {
  readonly root = el('div', { className: 'rc-canvas' });
  private readonly canvas = el('canvas');
  private chart: Chart<'scatter', ScatterPoint[]> | undefined;
  private points: ScatterPoint[] = [];
  x: AxisColumn | undefined;
  y: AxisColumn | undefined;

  constructor(
    private readonly onSelect: (runId: string, add: boolean) => void,
    private readonly onDrawn: () => void,
  ) {
    this.canvas.setAttribute('role', 'img');
    this.root.append(this.canvas);
  }

  get count(): number {
    return this.chart === undefined ? 0 : this.points.length;
  }

  /** The titles of the axes drawn: x, y (none when no chart is drawn). */
  get titles(): string[] {
    return this.chart === undefined || this.x === undefined || this.y === undefined
      ? []
      : [axisTitle(this.x), axisTitle(this.y)];
  }

  draw(): void {
    if (this.x === undefined || this.y === undefined) {
      this.destroy();
      this.onDrawn();
      return;
    }
    this.points = scatterPoints(table.rows, this.x, this.y, figuresOf);
    this.canvas.setAttribute('aria-label', `Scatter of ${axisTitle(this.y)} against ${axisTitle(this.x)}`);
    const any = this.points.some((p) => table.selected.has(p.runId));
    const colors = this.points.map((p, i) => (!any || table.selected.has(p.runId) ? runColor(i) : MUTED));
    const radius = this.points.map((p) => (any && table.selected.has(p.runId) ? 6 : 3));
    const theme = themeColors();
    this.destroy();
    this.chart = new Chart(this.canvas, {
      type: 'scatter',
      data: {
        datasets: [
          {
            data: this.points,
            pointBackgroundColor: colors,
            pointBorderColor: colors,
            pointRadius: radius,
            pointHoverRadius: 7,
          },
        ],
      },
      options: {
        animation: false,
        parsing: false,
        responsive: true,
        maintainAspectRatio: false,
        // Points at the edges are drawn whole, not cut by the plot area.
        clip: false,
        layout: { padding: 8 },
        onClick: (e, elements) => {
          const p = this.points[elements[0]?.index ?? -1];
          const native = e.native instanceof MouseEvent ? e.native : undefined;
          if (p !== undefined) {
            this.onSelect(
              p.runId,
              native !== undefined && (native.ctrlKey || native.metaKey || native.shiftKey),
            );
          }
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => {
                const p = this.points[item.dataIndex];
                const row = p === undefined ? undefined : table.byId.get(p.runId);
                const name = (row?.name || p?.runId.slice(0, 8) || '').slice(0, 80);
                return p === undefined ? '' : `${name}: ${String(p.x)}, ${String(p.y)}`;
              },
            },
          },
        },
        scales: {
          x: {
            type: 'linear',
            title: { display: true, text: axisTitle(this.x), color: theme.muted },
            ticks: { color: theme.muted, maxTicksLimit: 8, callback: (v) => tick(Number(v)) },
            grid: { color: theme.grid },
          },
          y: {
            type: 'linear',
            title: { display: true, text: axisTitle(this.y), color: theme.muted },
            ticks: { color: theme.muted, maxTicksLimit: 8, callback: (v) => tick(Number(v)) },
            grid: { color: theme.grid },
          },
        },
      },
    });
    this.onDrawn();
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = undefined;
  }
}

/** A tick as a short number: 0.9400000000000001 reads 0.94. */
export const tick = (v: number): string => String(Number(v.toPrecision(6)));
