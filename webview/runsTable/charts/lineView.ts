// The line chart of one metric over up to 1,000 runs of the table. The series come from the host
// (decimated there to the points the canvas can show, as in the compare panel) and are stroked by
// the compare panel's series layer; the table's selection is drawn in colour on top, the other
// runs muted, and a click on a line selects its run in the table.
import { chartRunIds, pointsPerRun, selectedLast } from '../../../src/core/runsTable/chartData';
import { runColor } from '../../../src/core/compare/runColors';
import type { CompareRunHeader } from '../../../src/protocol/compareRuns';
import type { RunsTableSeries } from '../../../src/protocol/runsTable';
import { unpackSeries, type SeriesPayload } from '../../../src/protocol/seriesBatch';
import { chartWork, drawLineChart, type LineChart, type XAxis } from '../../compare/lineCharts';
import { pointAt } from '../../compare/seriesLayer';
import { el } from '../../shared/host';
import { shownRunIds, table, vscode } from '../tableState';

/** Colour of the runs not selected while some are: they stay as context, behind the selection. */
const MUTED = 'rgba(128, 128, 128, 0.35)';

export interface LineStats {
  lines: number;
  points: number;
  maxLinePoints: number;
  drawMs: number;
  waiting: number;
}

export class LineView {
  readonly root = el('div', { className: 'rc-line' });
  private readonly canvas = el('canvas');
  private chart: LineChart | undefined;
  private key: string | undefined;
  private runIds: string[] = [];
  /** Series of `key` by run id, as the host sent them. */
  private readonly series = new Map<string, SeriesPayload>();
  private seriesKey: string | undefined;
  private asked = '';
  private drawPending = false;
  /** What the x axis shows: step, wall time, or time since each run started. */
  private x: XAxis = 'step';
  readonly stats: LineStats = { lines: 0, points: 0, maxLinePoints: 0, drawMs: 0, waiting: 0 };
  error: string | undefined;

  constructor(
    private readonly onSelect: (runId: string, add: boolean) => void,
    private readonly onDrawn: () => void,
  ) {
    const holder = el('div', { className: 'rc-canvas' }, this.canvas);
    this.canvas.setAttribute('role', 'img');
    this.canvas.addEventListener('click', (e) => {
      // Looked up at the click itself: chart.js handles mouse moves a frame late, so its hover may lag.
      const chart = this.chart;
      const at =
        chart === undefined
          ? undefined
          : pointAt(chart.chart, chart.layer, { type: 'click', native: e, x: e.offsetX, y: e.offsetY });
      if (at !== undefined) {
        this.onSelect(at.line.runId, e.ctrlKey || e.metaKey || e.shiftKey);
      }
    });
    this.root.append(holder);
  }

  get metric(): string | undefined {
    return this.key;
  }

  get xAxis(): XAxis {
    return this.x;
  }

  /** Whether the x axis is a time axis, whose lines need each point's time. */
  private get timed(): boolean {
    return this.x !== 'step';
  }

  /** Put another quantity on the x axis; the times a time axis needs are asked for once. */
  set xAxis(axis: XAxis) {
    if (axis !== this.x) {
      this.x = axis;
      // The chart takes the new axis when drawn (its look changed); times are asked for if missing.
      this.request();
    }
  }

  /** Chart `key` for the runs shown in the table (in its order, filter and folds). */
  show(key: string): void {
    if (key !== this.key) {
      // The chart's axis title is the metric: another metric is another chart.
      this.destroy();
    }
    this.key = key;
    this.canvas.setAttribute('aria-label', `Line chart of ${key.slice(0, 200)}`);
    this.request();
  }

  /** Ask the host for the series of the runs shown that it has not sent (all, for a new metric). */
  request(): void {
    if (this.key === undefined) {
      return;
    }
    this.runIds = chartRunIds(shownRunIds(), table.byId, this.key);
    const width = this.canvas.clientWidth || this.root.clientWidth || 800;
    const maxPoints = pointsPerRun(width, this.runIds.length);
    // A redraw of the table (a page, a figure) asks again only when the runs or the points changed.
    const times = this.timed;
    const asked = `${this.key}\u0000${String(maxPoints)}\u0000${String(times)}\u0000${this.runIds.join(',')}`;
    if (asked !== this.asked) {
      this.asked = asked;
      this.error = undefined;
      vscode.post({ type: 'runsTable/needSeries', key: this.key, runIds: this.runIds, maxPoints, times });
    }
    this.draw();
  }

  onSeries(m: RunsTableSeries): void {
    if (m.reset || m.key !== this.seriesKey) {
      this.series.clear();
      this.seriesKey = m.key;
    }
    for (const s of unpackSeries(m.batch)) {
      this.series.set(s.runId, s);
    }
    this.error = m.error;
    if (m.key === this.key && !this.drawPending) {
      // Several answers in one frame draw once.
      this.drawPending = true;
      requestAnimationFrame(() => {
        this.drawPending = false;
        this.draw();
      });
    }
  }

  /** Draw the lines held, the selected ones last and in colour. */
  draw(): void {
    if (this.key === undefined || !this.root.isConnected) {
      return;
    }
    const index = new Map(this.runIds.map((id, i) => [id, i]));
    const any = this.runIds.some((id) => table.selected.has(id));
    const runs: CompareRunHeader[] = selectedLast(this.runIds, table.selected).map((id) => {
      const row = table.byId.get(id);
      return {
        runId: id,
        name: (row?.name || id.slice(0, 8)).slice(0, 200),
        experimentId: '',
        status: row?.status ?? '',
        color: !any || table.selected.has(id) ? runColor(index.get(id) ?? 0) : MUTED,
        startTime: row?.startTime,
      };
    });
    const series = this.seriesKey === this.key ? this.series : new Map<string, SeriesPayload>();
    const before = chartWork.ms;
    this.chart = drawLineChart(this.canvas, this.chart, this.key, series, runs, {
      xAxis: this.x,
      logY: false,
      smoothing: 0,
      hidden: new Set(),
    });
    this.stats.drawMs = Math.round((this.stats.drawMs + chartWork.ms - before) * 10) / 10;
    this.stats.lines = this.chart.layer.lines.length;
    this.stats.points = this.chart.points;
    this.stats.maxLinePoints = this.chart.maxDatasetPoints;
    // On a time axis a series sent without its times is still to come (its line is empty meanwhile).
    this.stats.waiting = this.runIds.filter((id) => {
      const s = series.get(id);
      return s === undefined || (this.timed && s.times === undefined);
    }).length;
    this.onDrawn();
  }

  /** Free the chart (the view was left): the series stay, a return draws them again. */
  destroy(): void {
    this.chart?.chart.destroy();
    this.chart = undefined;
    this.asked = '';
    Object.assign(this.stats, { lines: 0, points: 0, maxLinePoints: 0, drawMs: 0, waiting: 0 });
  }
}
