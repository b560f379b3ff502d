// The virtualised grid: only the lines and columns in view (plus a few around) are in the DOM.
// Each frame rebuilds that window from `table.lines`; scrolling moves the window, never the data.
import {
  cellText,
  cellValue,
  columnId,
  columnTitle,
  isNumeric,
  type Column,
} from '../../src/core/runsTable/columns';
import { formatMetric } from '../../src/core/explorer/runSummary';
import { columnOffsets, columnWindow, rowWindow } from '../../src/core/runsTable/virtualWindow';
import type { ViewLine } from '../../src/core/runsTable/tableView';
import { NO_VALUE } from '../../src/core/runsTable/tableView';
import { el } from '../shared/host';
import { inertText } from '../shared/inertText';
import { figuresOf, table } from './tableState';

export const ROW_H = 22;
export const HEAD_H = 24;

/** Column widths: the run name wider, numbers narrower. */
function widthOf(c: Column): number {
  if (c.kind === 'attr') {
    return c.attr === 'name' ? 220 : c.attr === 'source' ? 180 : c.attr === 'start' ? 130 : 90;
  }
  return c.kind === 'agg' || c.kind === 'metric' ? 220 : 140;
}

export interface GridHandlers {
  readonly onSort: (c: Column) => void;
  readonly onLineClick: (index: number, e: MouseEvent) => void;
  readonly onLineOpen: (index: number) => void;
  readonly onToggle: (index: number) => void;
}

/** What the last frame drew, for the host's report. */
export const drawn = { rows: 0, cells: 0 };

export class Grid {
  readonly scroller = el('div', { className: 'rt-grid' });
  private readonly canvas = el('div', { className: 'rt-canvas' });
  private readonly head = el('div', { className: 'rt-head' });
  private readonly body = el('div');
  private offsets: number[] = [0];
  private frame = 0;

  constructor(private readonly handlers: GridHandlers) {
    this.scroller.tabIndex = 0;
    this.scroller.setAttribute('role', 'grid');
    this.scroller.setAttribute('aria-label', 'Runs');
    this.canvas.append(this.head, this.body);
    this.scroller.append(this.canvas);
    this.scroller.addEventListener('scroll', () => {
      this.schedule();
    });
    new ResizeObserver(() => {
      this.schedule();
    }).observe(this.scroller);
  }

  /** Draw at the next frame (many changes in one frame draw once). */
  schedule(): void {
    if (this.frame === 0) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.draw();
      });
    }
  }

  /** Scroll so that line `index` is in view. */
  reveal(index: number): void {
    const top = HEAD_H + index * ROW_H;
    const view = this.scroller.clientHeight;
    if (top - HEAD_H < this.scroller.scrollTop) {
      this.scroller.scrollTop = top - HEAD_H;
    } else if (top + ROW_H > this.scroller.scrollTop + view) {
      this.scroller.scrollTop = top + ROW_H - view;
    }
    this.schedule();
  }

  draw(): void {
    const cols = table.columns;
    this.offsets = columnOffsets(cols.map(widthOf));
    const total = this.offsets[this.offsets.length - 1] ?? 0;
    this.canvas.style.width = `${String(total)}px`;
    this.canvas.style.height = `${String(HEAD_H + table.lines.length * ROW_H)}px`;
    this.head.style.width = `${String(total)}px`;
    this.head.style.height = `${String(HEAD_H)}px`;
    this.scroller.setAttribute('aria-rowcount', String(table.lines.length + 1));
    const cw = columnWindow(this.scroller.scrollLeft, this.scroller.clientWidth, this.offsets);
    const rw = rowWindow(
      Math.max(0, this.scroller.scrollTop - HEAD_H),
      this.scroller.clientHeight,
      ROW_H,
      table.lines.length,
    );
    this.drawHead(cols, cw.first, cw.last);
    const rows: HTMLElement[] = [];
    let cells = 0;
    for (let i = rw.first; i < rw.last; i++) {
      const line = table.lines[i];
      if (line !== undefined) {
        const row = this.drawLine(line, i, cols, cw.first, cw.last, total);
        cells += row.childElementCount;
        rows.push(row);
      }
    }
    this.body.replaceChildren(...rows);
    drawn.rows = rows.length;
    drawn.cells = cells;
  }

  private drawHead(cols: readonly Column[], first: number, last: number): void {
    const ths: HTMLElement[] = [];
    for (const c of withPinned(first, last)) {
      const col = cols[c];
      if (col === undefined) {
        continue;
      }
      const sorted = table.sort !== undefined && columnId(table.sort.column) === columnId(col);
      const arrow = sorted ? (table.sort?.ascending === true ? ' ▲' : ' ▼') : '';
      const th = el('button', { className: 'rt-th', text: `${columnTitle(col)}${arrow}` });
      th.setAttribute('role', 'columnheader');
      th.setAttribute(
        'aria-sort',
        sorted ? (table.sort?.ascending === true ? 'ascending' : 'descending') : 'none',
      );
      th.title = inertText(`Sort by ${columnTitle(col).slice(0, 500)}`);
      this.place(th, c, HEAD_H);
      th.addEventListener('click', () => {
        this.handlers.onSort(col);
      });
      ths.push(th);
    }
    this.head.replaceChildren(...ths);
  }

  private place(node: HTMLElement, c: number, height: number): void {
    const left = this.offsets[c] ?? 0;
    // The run name stays in view when the table scrolls sideways (drawn at the scroll offset).
    const pinned = c === 0 && this.scroller.scrollLeft > 0;
    node.classList.toggle('rt-pinned', pinned);
    node.style.left = `${String(pinned ? this.scroller.scrollLeft : left)}px`;
    node.style.width = `${String((this.offsets[c + 1] ?? left) - left)}px`;
    node.style.height = `${String(height)}px`;
    node.style.lineHeight = `${String(height)}px`;
  }

  private drawLine(
    line: ViewLine,
    i: number,
    cols: readonly Column[],
    first: number,
    last: number,
    total: number,
  ): HTMLElement {
    const row = el('div', { className: 'rt-row' });
    row.setAttribute('role', 'row');
    row.setAttribute('aria-rowindex', String(i + 2));
    row.style.top = `${String(HEAD_H + i * ROW_H)}px`;
    row.style.width = `${String(total)}px`;
    row.style.height = `${String(ROW_H)}px`;
    if (i === table.cursor) {
      row.classList.add('rt-cursor');
    }
    if (line.kind === 'group') {
      row.classList.add('rt-group');
      row.setAttribute('aria-expanded', String(line.expanded));
    } else if (table.selected.has(line.row.runId)) {
      row.classList.add('rt-selected');
      row.setAttribute('aria-selected', 'true');
    }
    for (const c of withPinned(first, last)) {
      const col = cols[c];
      if (col !== undefined) {
        const td = line.kind === 'group' ? this.groupCell(line, col, c, i) : this.runCell(line, col, c, i);
        td.setAttribute('role', 'gridcell');
        this.place(td, c, ROW_H);
        row.append(td);
      }
    }
    row.addEventListener('click', (e) => {
      this.handlers.onLineClick(i, e);
    });
    row.addEventListener('dblclick', () => {
      this.handlers.onLineOpen(i);
    });
    return row;
  }

  private twisty(i: number, open: boolean): HTMLElement {
    const t = el('span', { className: 'rt-twisty', text: open ? '▾' : '▸' });
    t.addEventListener('click', (e) => {
      e.stopPropagation();
      this.handlers.onToggle(i);
    });
    return t;
  }

  private runCell(line: Extract<ViewLine, { kind: 'run' }>, col: Column, c: number, i: number): HTMLElement {
    const text = cellText(cellValue(line.row, col, figuresOf, Date.now()), col);
    const td = el('div', { className: `rt-td${isNumeric(col) ? ' rt-num' : ''}` });
    if (col.kind === 'attr' && col.attr === 'status') {
      td.classList.add(`rt-status-${line.row.status.replace(/[^A-Z]/g, '')}`);
    }
    if (c === 0) {
      td.classList.add('rt-name');
      td.style.paddingLeft = `${String(6 + line.depth * 16 + (line.hasChildren ? 0 : 14))}px`;
      if (line.hasChildren) {
        td.append(this.twisty(i, line.expanded));
      }
    }
    td.append(inertText(text));
    td.title = inertText(text);
    return td;
  }

  private groupCell(
    line: Extract<ViewLine, { kind: 'group' }>,
    col: Column,
    c: number,
    i: number,
  ): HTMLElement {
    const td = el('div', { className: `rt-td${isNumeric(col) ? ' rt-num' : ''}` });
    if (c === 0) {
      const by = table.groupBy;
      const label = `${by?.key.slice(0, 100) ?? ''} = ${(line.value ?? NO_VALUE).slice(0, 200)}`;
      td.append(this.twisty(i, line.expanded), inertText(label), ' ');
      td.append(el('span', { className: 'rt-muted', text: `(${String(line.count)})` }));
      td.title = inertText(label);
      return td;
    }
    const s = line.summaries.get(columnId(col));
    if (s !== undefined && s.best !== undefined && s.mean !== undefined && col.kind !== 'attr') {
      td.append(
        el('span', { text: `best ${formatMetric(s.best)}` }),
        el('span', { className: 'rt-muted', text: ` · mean ${formatMetric(s.mean)}` }),
      );
    }
    return td;
  }
}

/** The visible columns' indices, and the run name's (column 0, pinned) when it scrolled out of view. */
function withPinned(first: number, last: number): number[] {
  const out: number[] = [];
  for (let c = first; c < last; c++) {
    out.push(c);
  }
  // Drawn last, so it lies above the cells it covers.
  if (first > 0 || out.length === 0) {
    out.push(0);
  } else {
    out.push(out.shift() ?? 0);
  }
  return out;
}
