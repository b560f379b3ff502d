// The virtualised grid: only the lines and columns in view (plus a few around) are in the DOM.
// Each frame lays that window out again from `table.lines`, into row and cell elements kept from
// frame to frame: a cell's text, title, classes and place are written only where they changed, and
// the mouse is handled once on the body (a row says which line it shows). A scroll through 10,000
// rows then makes no garbage per row, and the webview's thread (shared with the workbench in a
// browser) keeps its frames short: a Chromium trace showed frames of rebuilt rows spending as long
// in creating elements, their styles and the collections they left as in drawing them.
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
import { boundedMemo } from '../shared/boundedMemo';
import { el } from '../shared/host';
import { inertText } from '../shared/inertText';
import { CellSlot, RowSlot } from './gridSlots';
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

/** A cell's content as drawn: its text, and for the name column a twisty (open or not). */
interface CellContent {
  readonly text: string;
  readonly twisty: 'open' | 'closed' | undefined;
  /** A group's figures: best, then mean (muted). */
  readonly summary?: readonly [string, string];
  readonly count?: string;
}

export class Grid {
  readonly scroller = el('div', { className: 'rt-grid' });
  private readonly canvas = el('div', { className: 'rt-canvas' });
  private readonly head = el('div', { className: 'rt-head' });
  private readonly body = el('div');
  private offsets: number[] = [0];
  /** The columns `offsets` were laid out for: a frame of a scroll lays them out again only when they change. */
  private offsetsOf: readonly Column[] | undefined;
  /** The lines in view this frame, by `line - first`: kept from frame to frame, as `spare` is. */
  private readonly windowSlots: RowSlot[] = [];
  private readonly spare: RowSlot[] = [];
  private frame = 0;
  private readonly rows: RowSlot[] = [];
  private readonly heads: CellSlot[] = [];
  /** The columns the head shows, by slot (for the click). */
  private headColumns: Column[] = [];

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
    this.body.addEventListener('click', (e) => {
      const i = lineOf(e.target);
      if (i !== undefined) {
        if (e.target instanceof Element && e.target.closest('.rt-twisty') !== null) {
          this.handlers.onToggle(i);
        } else {
          this.handlers.onLineClick(i, e);
        }
      }
    });
    this.body.addEventListener('dblclick', (e) => {
      const i = lineOf(e.target);
      if (i !== undefined && !(e.target instanceof Element && e.target.closest('.rt-twisty') !== null)) {
        this.handlers.onLineOpen(i);
      }
    });
    this.head.addEventListener('click', (e) => {
      const th = e.target instanceof Element ? e.target.closest<HTMLElement>('.rt-th') : null;
      const col = this.headColumns[Number(th?.dataset.slot ?? -1)];
      if (col !== undefined) {
        this.handlers.onSort(col);
      }
    });
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
    if (this.offsetsOf !== cols) {
      this.offsets = columnOffsets(cols.map(widthOf));
      this.offsetsOf = cols;
    }
    const total = this.offsets[this.offsets.length - 1] ?? 0;
    setStyle(this.canvas, 'width', pxOf(total));
    setStyle(this.canvas, 'height', px(HEAD_H + table.lines.length * ROW_H));
    setStyle(this.head, 'width', pxOf(total));
    setStyle(this.head, 'height', pxOf(HEAD_H));
    const rowCount = String(table.lines.length + 1);
    if (this.scroller.getAttribute('aria-rowcount') !== rowCount) {
      this.scroller.setAttribute('aria-rowcount', rowCount);
    }
    const scrollLeft = this.scroller.scrollLeft;
    const cw = columnWindow(scrollLeft, this.scroller.clientWidth, this.offsets);
    const rw = rowWindow(
      Math.max(0, this.scroller.scrollTop - HEAD_H),
      this.scroller.clientHeight,
      ROW_H,
      table.lines.length,
    );
    const shown = withPinned(cw.first, cw.last);
    this.drawHead(cols, shown, scrollLeft);
    const slots = this.slotsFor(rw.first, rw.last);
    const now = Date.now();
    let cells = 0;
    for (let k = 0; k < slots.length; k++) {
      const i = rw.first + k;
      const line = table.lines[i];
      const slot = slots[k];
      if (line !== undefined && slot !== undefined) {
        this.drawLine(slot, line, i, cols, shown, total, scrollLeft, now);
        cells += slot.cellCount;
      }
    }
    drawn.rows = slots.length;
    drawn.cells = cells;
  }

  /**
   * A row element for each line of the window: a line still in view keeps its element (a small
   * scroll rewrites only the rows that came in); the others are given out again, and the ones left
   * over leave the DOM (kept for later).
   */
  private slotsFor(first: number, last: number): readonly RowSlot[] {
    // Two arrays kept across frames (a Map a frame was a tenth of a scroll's garbage).
    const out = this.windowSlots;
    const free = this.spare;
    const count = Math.max(0, last - first);
    out.length = count;
    out.fill(FREE_SLOT);
    free.length = 0;
    // Index loops: a frame's `for…of` made an iterator and a result per step until the JIT caught up.
    for (let r = 0; r < this.rows.length; r++) {
      const slot = this.rows[r] ?? FREE_SLOT;
      const k = slot.line - first;
      if (k >= 0 && k < count && slot.line < table.lines.length && out[k] === FREE_SLOT) {
        out[k] = slot;
      } else {
        free.push(slot);
      }
    }
    for (let k = 0; k < count; k++) {
      if (out[k] === FREE_SLOT) {
        const slot = free.pop() ?? this.newRow();
        slot.line = first + k;
        out[k] = slot;
      }
    }
    for (let r = 0; r < free.length; r++) {
      const slot = free[r] ?? FREE_SLOT;
      slot.line = -1;
      slot.node.remove();
    }
    for (let k = 0; k < count; k++) {
      const node = (out[k] ?? FREE_SLOT).node;
      if (node.parentNode !== this.body) {
        this.body.append(node);
      }
    }
    return out;
  }

  private newRow(): RowSlot {
    const slot = new RowSlot(el('div', { className: 'rt-row' }));
    slot.node.setAttribute('role', 'row');
    this.rows.push(slot);
    return slot;
  }

  private drawHead(cols: readonly Column[], shown: readonly number[], scrollLeft: number): void {
    const sortId = table.sort === undefined ? undefined : columnId(table.sort.column);
    this.headColumns = [];
    shown.forEach((c, k) => {
      const col = cols[c];
      if (col === undefined) {
        return;
      }
      let slot = this.heads[k];
      if (slot === undefined) {
        const th = el('button', { className: 'rt-th' });
        th.setAttribute('role', 'columnheader');
        th.dataset.slot = String(k);
        slot = new CellSlot(th);
        this.heads.push(slot);
      }
      if (slot.node.parentNode !== this.head) {
        this.head.append(slot.node);
      }
      this.headColumns[k] = col;
      const sorted = sortId === columnId(col);
      const ascending = table.sort?.ascending === true;
      const arrow = sorted ? (ascending ? ' ▲' : ' ▼') : '';
      slot.setText(`${columnTitle(col)}${arrow}`);
      slot.setTitle(`Sort by ${columnTitle(col).slice(0, 500)}`);
      slot.setAttribute('aria-sort', sorted ? (ascending ? 'ascending' : 'descending') : 'none');
      this.place(slot, c, HEAD_H, scrollLeft);
    });
    for (const extra of this.heads.slice(shown.length)) {
      extra.node.remove();
    }
  }

  private place(slot: CellSlot, c: number, height: number, scrollLeft: number): void {
    const left = this.offsets[c] ?? 0;
    // The run name stays in view when the table scrolls sideways (drawn at the scroll offset).
    const pinned = c === 0 && scrollLeft > 0;
    slot.setClass('rt-pinned', pinned);
    slot.setStyle('left', pxOf(pinned ? scrollLeft : left));
    slot.setStyle('width', pxOf((this.offsets[c + 1] ?? left) - left));
    slot.setStyle('height', pxOf(height));
    slot.setStyle('lineHeight', pxOf(height));
  }

  private drawLine(
    slot: RowSlot,
    line: ViewLine,
    i: number,
    cols: readonly Column[],
    shown: readonly number[],
    total: number,
    scrollLeft: number,
    now: number,
  ): void {
    slot.setAttribute('data-index', String(i));
    slot.setAttribute('aria-rowindex', String(i + 2));
    slot.setStyle('top', px(HEAD_H + i * ROW_H));
    slot.setStyle('width', pxOf(total));
    slot.setStyle('height', pxOf(ROW_H));
    const group = line.kind === 'group';
    const selected = !group && table.selected.has(line.row.runId);
    slot.setClass('rt-cursor', i === table.cursor);
    slot.setClass('rt-group', group);
    slot.setClass('rt-selected', selected);
    slot.setAttribute('aria-expanded', group ? String(line.expanded) : undefined);
    slot.setAttribute('aria-selected', selected ? 'true' : undefined);
    let k = 0;
    for (let s = 0; s < shown.length; s++) {
      const c = shown[s] ?? 0;
      const col = cols[c];
      if (col !== undefined) {
        const cell = slot.cell(k, newCell);
        k += 1;
        cell.setClass('rt-num', isNumeric(col));
        cell.setClass('rt-name', c === 0);
        if (c !== 0 || group) {
          cell.setStyle('paddingLeft', '');
        }
        if (group) {
          cell.setStatus('');
          drawContent(cell, groupContent(line, col, c));
        } else {
          this.drawRunCell(cell, line, col, c, now);
        }
        this.place(cell, c, ROW_H, scrollLeft);
      }
    }
    slot.keepCells(k);
  }

  /** A run's cell: most are one text, written in place; the name column may carry a twisty. */
  private drawRunCell(
    cell: CellSlot,
    line: Extract<ViewLine, { kind: 'run' }>,
    col: Column,
    c: number,
    now: number,
  ): void {
    const text = runCellText(line, col, now);
    cell.setStatus(col.kind === 'attr' && col.attr === 'status' ? statusClass(line.row.status) : '');
    if (c !== 0) {
      drawText(cell, text);
      return;
    }
    cell.setStyle('paddingLeft', pxOf(6 + line.depth * 16 + (line.hasChildren ? 0 : 14)));
    if (line.hasChildren) {
      drawContent(cell, { text, twisty: line.expanded ? 'open' : 'closed' });
    } else {
      drawText(cell, text);
    }
  }
}

/** What a run's cell shows, inert. */
function runCellText(line: Extract<ViewLine, { kind: 'run' }>, col: Column, now: number): string {
  return inertText(cellText(cellValue(line.row, col, figuresOf, now), col));
}

/** `FINISHED` → the class suffix `FINISHED` (letters only: a status is a server's string). */
const statusClass = boundedMemo((status: string) => status.replace(/[^A-Z]/g, ''), 64);

/** A cell of one text: its Text node rewritten in place, so a scroll makes no nodes. */
function drawText(cell: CellSlot, text: string): void {
  cell.setText(text);
  cell.setTitle(text);
}

function groupContent(line: Extract<ViewLine, { kind: 'group' }>, col: Column, c: number): CellContent {
  if (c === 0) {
    const by = table.groupBy;
    const label = inertText(`${by?.key.slice(0, 100) ?? ''} = ${(line.value ?? NO_VALUE).slice(0, 200)}`);
    return { text: label, twisty: line.expanded ? 'open' : 'closed', count: `(${String(line.count)})` };
  }
  const s = line.summaries.get(columnId(col));
  if (s !== undefined && s.best !== undefined && s.mean !== undefined && col.kind !== 'attr') {
    return {
      text: '',
      twisty: undefined,
      summary: [`best ${formatMetric(s.best)}`, ` · mean ${formatMetric(s.mean)}`],
    };
  }
  return { text: '', twisty: undefined };
}

/** Writes a cell's content when it differs from what the cell shows (its text, or one signature string). */
function drawContent(cell: CellSlot, content: CellContent): void {
  if (content.twisty === undefined && content.summary === undefined && content.count === undefined) {
    drawText(cell, content.text);
    return;
  }
  const signature = `${content.twisty ?? ''}\u0000${content.text}\u0000${content.summary?.join('\u0000') ?? ''}\u0000${content.count ?? ''}`;
  if (!cell.changeContent(signature)) {
    return;
  }
  const parts: Array<Node | string> = [];
  if (content.twisty !== undefined) {
    parts.push(el('span', { className: 'rt-twisty', text: content.twisty === 'open' ? '▾' : '▸' }));
  }
  if (content.summary !== undefined) {
    parts.push(
      el('span', { text: content.summary[0] }),
      el('span', { className: 'rt-muted', text: content.summary[1] }),
    );
  } else {
    parts.push(content.text);
  }
  if (content.count !== undefined) {
    parts.push(' ', el('span', { className: 'rt-muted', text: content.count }));
  }
  cell.node.replaceChildren(...parts);
  cell.setTitle(content.summary === undefined ? content.text : '');
}

/** The line a click landed on, from its row's `data-index`. */
function lineOf(target: EventTarget | null): number | undefined {
  const row = target instanceof Element ? target.closest<HTMLElement>('.rt-row') : null;
  const index = row?.dataset.index;
  return index === undefined ? undefined : Number(index);
}

const px = (n: number): string => `${String(n)}px`;

/**
 * `px` for the few lengths cells are placed at (column edges and widths, the row height), made
 * once: written for every cell of every frame, they were a quarter of what a scroll allocated, and
 * that garbage is collected on the thread the table draws on.
 */
const pxOf = boundedMemo(px);

/** Marks a window place not yet given a row (a slot no row uses). */
const FREE_SLOT = new RowSlot(document.createElement('div'));

function newCell(): HTMLElement {
  const td = el('div', { className: 'rt-td' });
  td.setAttribute('role', 'gridcell');
  return td;
}

function setStyle(node: HTMLElement, prop: 'width' | 'height', value: string): void {
  if (node.style[prop] !== value) {
    node.style[prop] = value;
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
