// The panel's views: Table (the grid alone) or a chart above the grid (Line, Scatter, Cards). The
// chart and the table share the selection: a click in a chart selects in the table, and the
// table's selection is drawn on top in the charts.
import { axisOption, parseAxis } from '../../../src/core/runsTable/axisOption';
import type { AxisColumn } from '../../../src/core/runsTable/chartData';
import { rowKeys } from '../../../src/core/runsTable/tableRow';
import type { XAxis } from '../../../src/core/compare/metricSeries';
import { LINE_X_AXES, type RunsTableSeries, type RunsTableView } from '../../../src/protocol/runsTable';
import { onThemeChange } from '../../compare/chartTheme';
import { el } from '../../shared/host';
import { figuresOf, table, vscode } from '../tableState';
import { axisOptions, listed, MAX_OPTIONS, scatterChoices, withoutRemovedAggregates } from './axisChoices';
import { CardGrid } from './cardGrid';
import { LineView } from './lineView';
import { ScatterView } from './scatterView';
import { ParallelView } from './parallelView';
import { defaultAxes, MAX_PARALLEL_AXES, parallelChoices } from '../../../src/core/runsTable/parallelData';

const TABS: ReadonlyArray<[RunsTableView, string]> = [
  ['table', 'Table'],
  ['line', 'Line'],
  ['scatter', 'Scatter'],
  ['cards', 'Cards'],
  ['parallel', 'Parallel'],
];

const LINE_X_NAMES: Record<XAxis, string> = { step: 'Step', time: 'Wall time', relative: 'Relative time' };

/** Most columns an axis select of the parallel chart lists. */
const MAX_AXIS_OPTIONS = 1000;

export class ChartsView {
  readonly tabs = el('div', { className: 'rc-tabs' });
  readonly root = el('div', { className: 'rc-charts' });
  private readonly controls = el('div', { className: 'rc-controls' });
  /** What the chart shows, in words (and what is still loading). */
  private readonly caption = el('span', { className: 'rc-caption' });
  private readonly body = el('div', { className: 'rc-body' });
  private readonly metricSelect = el('select', { className: 'rt-select' });
  /** The line chart's x axis. */
  private readonly lineXSelect = el('select', { className: 'rt-select' });
  private readonly xSelect = el('select', { className: 'rt-select' });
  private readonly ySelect = el('select', { className: 'rt-select' });
  private readonly line: LineView;
  private readonly scatter: ScatterView;
  private readonly cards: CardGrid;
  private readonly parallel: ParallelView;
  /** The parallel chart's axis selects; the user's picks stay once made. */
  private readonly axisSelects = Array.from({ length: MAX_PARALLEL_AXES }, () =>
    el('select', { className: 'rt-select' }),
  );
  private axesPicked = false;
  private readonly tabButtons = new Map<RunsTableView, HTMLButtonElement>();
  view: RunsTableView = 'table';
  private lastReport = '';

  constructor(private readonly select: (runId: string, add: boolean) => void) {
    const drawn = (): void => {
      this.report();
    };
    this.line = new LineView(select, drawn);
    this.scatter = new ScatterView(select, drawn);
    this.cards = new CardGrid(select, drawn);
    this.parallel = new ParallelView(select, drawn);
    this.axisSelects.forEach((s, i) => {
      s.setAttribute('aria-label', `Axis ${String(i + 1)}`);
      s.addEventListener('change', () => {
        this.axesPicked = true;
        this.parallel.axes = this.axisSelects.flatMap((x) => {
          const c = parseAxis(x.value);
          return c === undefined ? [] : [c];
        });
        this.parallel.draw();
      });
    });
    this.tabs.setAttribute('role', 'tablist');
    for (const [view, text] of TABS) {
      const b = el('button', { className: 'rc-tab', text });
      b.setAttribute('role', 'tab');
      b.addEventListener('click', () => {
        this.show(view, undefined);
      });
      this.tabButtons.set(view, b);
      this.tabs.append(b);
    }
    this.metricSelect.setAttribute('aria-label', 'Metric');
    this.xSelect.setAttribute('aria-label', 'x axis');
    this.ySelect.setAttribute('aria-label', 'y axis');
    this.metricSelect.addEventListener('change', () => {
      this.line.show(this.metricSelect.value);
    });
    this.lineXSelect.setAttribute('aria-label', 'Line chart x axis');
    fill(
      this.lineXSelect,
      LINE_X_AXES.map((a) => [a, LINE_X_NAMES[a]]),
    );
    this.lineXSelect.addEventListener('change', () => {
      this.line.xAxis = LINE_X_AXES.find((a) => a === this.lineXSelect.value) ?? 'step';
    });
    for (const s of [this.xSelect, this.ySelect]) {
      s.addEventListener('change', () => {
        this.scatterAxesFromSelects();
        this.scatter.draw();
      });
    }
    this.caption.setAttribute('role', 'status');
    this.root.append(this.controls, this.body);
    this.root.hidden = true;
    this.markTabs();
    // Charts take their colours when drawn: a theme switch draws the view again.
    onThemeChange(() => {
      if (this.view !== 'table') {
        this.show(this.view, undefined);
      }
    });
  }

  /**
   * Show a view; `key` is the line chart's metric or the cards' search, `axes` the scatter's x and
   * y or the parallel chart's axes (as if picked in their selects).
   */
  show(view: RunsTableView, key: string | undefined, axes?: readonly AxisColumn[], xAxis?: XAxis): void {
    const left = this.view;
    this.view = view;
    if (left !== view) {
      this.line.destroy();
      this.scatter.destroy();
      this.cards.clear();
      this.parallel.destroy();
    }
    this.root.hidden = view === 'table';
    this.markTabs();
    if (view === 'parallel' && axes !== undefined) {
      this.axesPicked = true;
      this.parallel.axes = [...axes];
    }
    this.renderControls();
    if (view === 'scatter' && axes !== undefined) {
      this.xSelect.value = axes[0] === undefined ? '' : axisOption(axes[0]);
      this.ySelect.value = axes[1] === undefined ? '' : axisOption(axes[1]);
    }
    if (view === 'line') {
      this.body.replaceChildren(this.line.root);
      if (xAxis !== undefined) {
        this.line.xAxis = xAxis;
        this.lineXSelect.value = xAxis;
      }
      const metric = key ?? this.line.metric ?? this.metricSelect.value;
      if (metric !== '') {
        this.metricSelect.value = metric;
        this.line.show(metric);
      }
    } else if (view === 'scatter') {
      this.body.replaceChildren(this.scatter.root);
      this.scatterAxesFromSelects();
      this.scatter.draw();
    } else if (view === 'parallel') {
      this.body.replaceChildren(this.parallel.root);
      this.parallel.draw();
    } else if (view === 'cards') {
      this.body.replaceChildren(this.cards.root);
      if (key !== undefined) {
        this.cards.search.value = key;
      }
      this.cards.refilter();
    } else {
      this.body.replaceChildren();
      this.report();
    }
  }

  onSeries(m: RunsTableSeries): void {
    this.line.onSeries(m);
  }

  /**
   * New rows, figures, columns, a new filter, sort or fold: the charts follow the table (once a
   * frame: the page calls this from its frame's refresh). An aggregate axis gains the runs whose
   * figures came; one whose column left the table is no choice any more.
   */
  rowsChanged(): void {
    if (this.view === 'line') {
      this.line.request();
    } else if (this.view === 'scatter') {
      this.renderControls();
      this.scatterAxesFromSelects();
      this.scatter.draw();
    } else if (this.view === 'cards') {
      this.cards.rowsChanged();
    } else if (this.view === 'parallel') {
      this.renderControls();
      this.parallel.draw();
    }
  }

  selectionChanged(): void {
    if (this.view === 'line') {
      this.line.draw();
    } else if (this.view === 'scatter') {
      this.scatter.draw();
    } else if (this.view === 'cards') {
      this.cards.selectionChanged();
      this.report();
    } else if (this.view === 'parallel') {
      this.parallel.draw();
    }
  }

  private scatterAxesFromSelects(): void {
    this.scatter.x = parseAxis(this.xSelect.value);
    this.scatter.y = parseAxis(this.ySelect.value);
  }

  private markTabs(): void {
    for (const [view, b] of this.tabButtons) {
      b.classList.toggle('rc-active', view === this.view);
      b.setAttribute('aria-selected', String(view === this.view));
    }
  }

  private renderControls(): void {
    if (this.view === 'line') {
      const metrics = rowKeys(table.rows).metrics.slice(0, MAX_OPTIONS);
      fill(
        this.metricSelect,
        metrics.map((k) => [k, k]),
      );
      this.metricSelect.value = this.line.metric ?? metrics[0] ?? '';
      this.lineXSelect.value = this.line.xAxis;
      this.controls.replaceChildren(
        el('span', { text: 'Metric' }),
        this.metricSelect,
        el('span', { text: 'x' }),
        this.lineXSelect,
        this.caption,
      );
    } else if (this.view === 'scatter') {
      const axes = scatterChoices();
      const options = axisOptions(axes);
      const [x, y] = [this.xSelect.value, this.ySelect.value];
      fill(this.xSelect, options);
      fill(this.ySelect, options);
      // Defaults: a param against a metric when there is one, else the first two metrics (also
      // when the pick is gone: an aggregate column removed from the table).
      const firstParam = axes.find((c) => c.kind === 'param');
      pick(this.xSelect, x, firstParam === undefined ? (options[1]?.[0] ?? '') : axisOption(firstParam));
      pick(this.ySelect, y, options[0]?.[0] ?? '');
      this.controls.replaceChildren(
        el('span', { text: 'x' }),
        this.xSelect,
        el('span', { text: 'y' }),
        this.ySelect,
        this.caption,
      );
    } else if (this.view === 'parallel') {
      this.renderAxisControls();
    } else if (this.view === 'cards') {
      this.controls.replaceChildren(this.caption);
    } else {
      this.controls.replaceChildren();
    }
  }

  /** The parallel chart's axis selects: the default rule until the user picks an axis. */
  private renderAxisControls(): void {
    const choices = parallelChoices(table.rows, table.columns);
    this.parallel.axes = this.axesPicked
      ? withoutRemovedAggregates(this.parallel.axes)
      : defaultAxes(table.rows, choices, figuresOf);
    const options: Array<[string, string]> = [
      ['', '(no axis)'],
      ...axisOptions(listed(choices, MAX_AXIS_OPTIONS)),
    ];
    this.axisSelects.forEach((s, i) => {
      fill(s, options);
      const c = this.parallel.axes[i];
      s.value = c === undefined ? '' : axisOption(c);
    });
    this.controls.replaceChildren(el('span', { text: 'Axes' }), ...this.axisSelects, this.caption);
  }

  private captionText(): string {
    const n = (x: number): string => x.toLocaleString('en-US');
    const s = this.line.stats;
    switch (this.view) {
      case 'line':
        return (
          this.line.error ??
          `${n(s.lines)} runs · up to ${n(s.maxLinePoints)} points per line` +
            (s.waiting > 0 ? ` · loading the histories of ${n(s.waiting)} more…` : '')
        );
      case 'scatter':
        return `${n(this.scatter.count)} runs with both values`;
      case 'cards':
        return `${n(this.cards.matching)} metrics`;
      case 'parallel':
        return `${n(this.parallel.lines)} runs on ${n(this.parallel.axisCount)} axes`;
      default:
        return '';
    }
  }

  /** Tell the host what the chart view drew (the in-host tests and the bench read it). */
  report(): void {
    const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
    const m = {
      type: 'runsTable/chartsRendered' as const,
      view: this.view,
      ...this.line.stats,
      scatterPoints: this.scatter.count,
      cards: this.cards.matching,
      cardsDrawn: this.cards.drawn,
      liveCharts: this.cards.live,
      parallelLines: this.parallel.lines,
      parallelAxes: this.parallel.axisCount,
      axes:
        this.view === 'scatter'
          ? this.scatter.titles
          : this.view === 'parallel'
            ? this.parallel.titles
            : this.view === 'line'
              ? [this.line.xAxis]
              : [],
      selected: table.selected.size,
      heapMb: memory === undefined ? undefined : Math.round(memory.usedJSHeapSize / 1e5) / 10,
    };
    this.caption.textContent = this.captionText();
    const text = JSON.stringify({ ...m, heapMb: undefined, drawMs: undefined });
    if (text !== this.lastReport) {
      this.lastReport = text;
      vscode.post(m);
    }
  }
}

/** Select `wanted`, or `fallback` when there is no such option (or nothing was wanted). */
function pick(select: HTMLSelectElement, wanted: string, fallback: string): void {
  select.value = wanted;
  if (wanted === '' || select.value !== wanted) {
    select.value = fallback;
  }
}

function fill(select: HTMLSelectElement, options: ReadonlyArray<[string, string]>): void {
  select.replaceChildren(
    ...options.map(([value, text]) => {
      const o = el('option', { text: text.slice(0, 120) });
      o.value = value;
      return o;
    }),
  );
}
