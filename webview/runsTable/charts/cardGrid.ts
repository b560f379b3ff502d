// One small chart per metric key (each run's latest value, runs in the table's order), in a grid
// searched by key and virtualised: only the cards in view (and a row either side) are in the DOM
// with a chart; a card scrolled away has its chart destroyed, so 3,000 keys cost a screenful.
// A frame makes charts for ~8 ms at most and leaves the rest of the window to the next frames (a
// Chromium trace of a fast scroll showed 40–60 ms frames making a screenful of charts at once):
// the cards move with the scroll at once and their charts fill in behind.
import { cardPosition, cardWindow, type CardLayout } from '../../../src/core/runsTable/cardWindow';
import { latestValues, matchingKeys } from '../../../src/core/runsTable/chartData';
import { rowKeys } from '../../../src/core/runsTable/tableRow';
import { Chart, themeColors } from '../../compare/chartTheme';
import { el } from '../../shared/host';
import { table } from '../tableState';
import { tick } from './scatterView';

const LAYOUT: CardLayout = { minWidth: 260, height: 170, gap: 8 };
const MUTED = 'rgba(128, 128, 128, 0.5)';
/** Chart-making time per frame; at least one chart is made in each frame that has any to make. */
const FILL_BUDGET_MS = 8;

interface Card {
  readonly key: string;
  readonly root: HTMLDivElement;
  readonly canvas: HTMLCanvasElement;
  /** Made when the card's turn comes (see FILL_BUDGET_MS). */
  chart: Chart<'scatter'> | undefined;
  runIds: readonly string[];
}

export class CardGrid {
  readonly root = el('div', { className: 'rc-cards' });
  readonly search = el('input', { className: 'rc-search' });
  private readonly scroller = el('div', { className: 'rc-scroller' });
  private readonly sizer = el('div', { className: 'rc-sizer' });
  private readonly cards = new Map<string, Card>();
  private keys: string[] = [];
  private allKeys: string[] = [];
  private rowsRef: unknown;
  private rowsSeen = -1;
  private pending = false;
  /** Cards in the DOM, out of the keys matching the search. */
  drawn = 0;

  constructor(
    private readonly onSelect: (runId: string, add: boolean) => void,
    private readonly onDrawn: () => void,
  ) {
    this.search.type = 'search';
    this.search.placeholder = 'Search metric keys';
    this.search.setAttribute('aria-label', 'Search metric keys');
    this.search.addEventListener('input', () => {
      this.refilter();
    });
    this.scroller.append(this.sizer);
    this.scroller.addEventListener('scroll', () => {
      this.schedule();
    });
    new ResizeObserver(() => {
      this.schedule();
    }).observe(this.scroller);
    this.root.append(this.search, this.scroller);
  }

  get matching(): number {
    return this.keys.length;
  }

  /** Cards whose chart is made. */
  get live(): number {
    let n = 0;
    for (const c of this.cards.values()) {
      n += c.chart === undefined ? 0 : 1;
    }
    return n;
  }

  /** Read the metric keys again when rows arrived or were replaced; true when they were. */
  private readKeys(): boolean {
    if (this.rowsRef === table.rows && this.rowsSeen === table.rows.length) {
      return false;
    }
    this.rowsRef = table.rows;
    this.rowsSeen = table.rows.length;
    this.allKeys = rowKeys(table.rows).metrics;
    return true;
  }

  /** The table redrew: new rows give the cards new data (the scroll position stays). */
  rowsChanged(): void {
    if (this.readKeys()) {
      this.keys = matchingKeys(this.allKeys, this.search.value);
      this.clear();
    }
    this.schedule();
  }

  /** A new search: the matching cards from the top. */
  refilter(): void {
    this.readKeys();
    this.keys = matchingKeys(this.allKeys, this.search.value);
    this.clear();
    this.scroller.scrollTop = 0;
    this.schedule();
  }

  schedule(): void {
    if (!this.pending) {
      this.pending = true;
      requestAnimationFrame(() => {
        this.pending = false;
        this.draw();
      });
    }
  }

  /** Destroy every card's chart (the view was left or its data changed). */
  clear(): void {
    for (const c of this.cards.values()) {
      c.chart?.destroy();
      c.root.remove();
    }
    this.cards.clear();
    this.drawn = 0;
  }

  /** Recolour the cards shown for a new selection. */
  selectionChanged(): void {
    for (const c of this.cards.values()) {
      if (c.chart === undefined) {
        continue;
      }
      const colors = this.colors(c.runIds);
      const ds = c.chart.data.datasets[0];
      if (ds !== undefined) {
        ds.pointBackgroundColor = colors;
        ds.pointBorderColor = colors;
        ds.pointRadius = c.runIds.map((id) => (table.selected.has(id) ? 4 : 2));
      }
      c.chart.update('none');
    }
  }

  private draw(): void {
    if (!this.root.isConnected) {
      return;
    }
    const started = performance.now();
    const w = cardWindow(
      this.scroller.scrollTop,
      { width: this.scroller.clientWidth, height: this.scroller.clientHeight },
      this.keys.length,
      LAYOUT,
    );
    this.sizer.style.height = `${String(w.totalHeight)}px`;
    const wanted = new Set(this.keys.slice(w.first, w.last));
    for (const [key, c] of this.cards) {
      if (!wanted.has(key)) {
        c.chart?.destroy();
        c.root.remove();
        this.cards.delete(key);
      }
    }
    for (let i = w.first; i < w.last; i++) {
      const key = this.keys[i] ?? '';
      const card = this.cards.get(key) ?? this.make(key);
      const at = cardPosition(i, w, LAYOUT);
      card.root.style.transform = `translate(${String(at.x)}px, ${String(at.y)}px)`;
      card.root.style.width = `${String(w.cardWidth)}px`;
    }
    this.drawn = this.cards.size;
    if (this.fill(this.keys.slice(w.first, w.last), started)) {
      this.schedule();
    }
    this.onDrawn();
  }

  /** Make the window's missing charts, in order, until the frame's budget is spent; true if some wait. */
  private fill(keys: readonly string[], started: number): boolean {
    let made = 0;
    for (const key of keys) {
      const card = this.cards.get(key);
      if (card === undefined || card.chart !== undefined) {
        continue;
      }
      if (made > 0 && performance.now() - started > FILL_BUDGET_MS) {
        return true;
      }
      this.chart(card);
      made += 1;
    }
    return false;
  }

  private colors(runIds: readonly string[]): string[] {
    const any = runIds.some((id) => table.selected.has(id));
    return runIds.map((id) => (!any || table.selected.has(id) ? 'rgba(47, 127, 208, 0.9)' : MUTED));
  }

  private make(key: string): Card {
    const title = el('div', { className: 'rc-card-title', text: key.slice(0, 200) });
    title.title = key.slice(0, 1000);
    const canvas = el('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `Latest ${key.slice(0, 200)} of each run`);
    const root = el('div', { className: 'rc-card' }, title, el('div', { className: 'rc-card-plot' }, canvas));
    root.style.height = `${String(LAYOUT.height)}px`;
    this.sizer.append(root);
    const card: Card = { key, root, canvas, chart: undefined, runIds: [] };
    this.cards.set(key, card);
    return card;
  }

  private chart(card: Card): void {
    const { runIds, values } = latestValues(table.rows, card.key);
    card.runIds = runIds;
    const theme = themeColors();
    const colors = this.colors(runIds);
    card.chart = new Chart(card.canvas, {
      type: 'scatter',
      data: {
        datasets: [
          {
            data: Array.from(values, (y, x) => ({ x, y })),
            pointBackgroundColor: colors,
            pointBorderColor: colors,
            pointRadius: runIds.map((id) => (table.selected.has(id) ? 4 : 2)),
          },
        ],
      },
      options: {
        animation: false,
        parsing: false,
        responsive: true,
        maintainAspectRatio: false,
        clip: false,
        events: ['click'],
        onClick: (e, elements) => {
          const id = runIds[elements[0]?.index ?? -1];
          const native = e.native instanceof MouseEvent ? e.native : undefined;
          if (id !== undefined) {
            this.onSelect(id, native !== undefined && (native.ctrlKey || native.metaKey || native.shiftKey));
          }
        },
        plugins: { legend: { display: false }, tooltip: { enabled: false } },
        scales: {
          x: { type: 'linear', display: false },
          y: {
            type: 'linear',
            ticks: { color: theme.muted, maxTicksLimit: 4, callback: (v) => tick(Number(v)) },
            grid: { color: theme.grid },
          },
        },
      },
    });
  }
}
