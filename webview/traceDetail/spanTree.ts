import type { SpanRow } from '../../src/protocol/traceDetail';
import { el } from '../shared/host';

/** A codicon per MLflow span type; any other type gets the UNKNOWN one. */
const TYPE_ICONS: Readonly<Record<string, string>> = {
  AGENT: 'hubot',
  CHAIN: 'link',
  CHAT_MODEL: 'comment-discussion',
  LLM: 'sparkle',
  TOOL: 'tools',
  RETRIEVER: 'search',
  EMBEDDING: 'symbol-array',
  PARSER: 'symbol-structure',
  RERANKER: 'list-ordered',
  UNKNOWN: 'circle-outline',
};

function durationText(ms: number | undefined): string {
  if (ms === undefined) {
    return 'open';
  }
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
}

/**
 * The span tree: every row is built once; collapsing hides descendants, selecting moves a class,
 * so a 211-span trace is never re-rendered. Keyboard: ↑/↓ move, ←/→ collapse/expand (or go to
 * the parent / first child), Home/End, Enter selects.
 */
export class SpanTree {
  readonly element: HTMLElement;
  private readonly rowEls: HTMLElement[];
  private readonly collapsed = new Set<number>();
  private focused = 0;
  private selected = -1;

  constructor(
    private readonly rows: readonly SpanRow[],
    private readonly onSelect: (index: number) => void,
  ) {
    this.rowEls = rows.map((r, i) => this.rowOf(r, i));
    this.element = el('div', { className: 'span-tree', id: 'span-tree' }, ...this.rowEls);
    this.element.setAttribute('role', 'tree');
    this.element.setAttribute('aria-label', 'Spans');
    this.element.addEventListener('keydown', (e) => {
      this.onKey(e);
    });
  }

  private rowOf(r: SpanRow, i: number): HTMLElement {
    const twisty = el('span', {
      className: r.childCount > 0 ? 'twisty codicon codicon-chevron-down' : 'twisty',
    });
    twisty.addEventListener('click', (e) => {
      e.stopPropagation();
      this.toggle(i);
    });
    const bar = el('span', { className: r.statusCode === 'ERROR' ? 'bar error' : 'bar' });
    bar.style.left = `${(r.offset * 100).toFixed(3)}%`;
    bar.style.width = `max(2px, ${(r.width * 100).toFixed(3)}%)`;
    const indent = el('span', { className: 'indent' });
    indent.style.width = `${String(r.depth * 16)}px`;
    const icon = TYPE_ICONS[r.type] ?? TYPE_ICONS.UNKNOWN ?? 'circle-outline';
    const row = el(
      'div',
      { className: r.statusCode === 'ERROR' ? 'span-row error' : 'span-row' },
      indent,
      twisty,
      el('span', { className: `type-icon codicon codicon-${icon}` }),
      el('span', { className: 'span-name', text: r.name }),
      el('span', { className: 'span-type', text: r.type }),
      ...(r.statusCode === 'ERROR' ? [el('span', { className: 'error-mark codicon codicon-error' })] : []),
      el('span', { className: 'span-duration', text: durationText(r.durationMs) }),
      el('span', { className: 'timeline' }, bar),
    );
    row.dataset.spanId = r.spanId;
    row.tabIndex = i === 0 ? 0 : -1;
    row.setAttribute('role', 'treeitem');
    row.setAttribute('aria-level', String(r.depth + 1));
    if (r.childCount > 0) {
      row.setAttribute('aria-expanded', 'true');
    }
    if (r.statusCode === 'ERROR') {
      row.title = 'This span ended in an error';
    }
    row.addEventListener('click', () => {
      this.focus(i);
      this.select(i);
    });
    return row;
  }

  /** The rows under `i`: those after it that are deeper (the rows are in tree order). */
  private descendants(i: number): number {
    const depth = this.rows[i]?.depth ?? 0;
    let j = i + 1;
    while (j < this.rows.length && (this.rows[j]?.depth ?? 0) > depth) {
      j++;
    }
    return j;
  }

  private toggle(i: number): void {
    if (this.collapsed.has(i)) {
      this.collapsed.delete(i);
    } else if ((this.rows[i]?.childCount ?? 0) > 0) {
      this.collapsed.add(i);
    }
    const open = !this.collapsed.has(i);
    this.rowEls[i]?.setAttribute('aria-expanded', String(open));
    this.rowEls[i]?.querySelector('.twisty')?.classList.toggle('codicon-chevron-right', !open);
    this.rowEls[i]?.querySelector('.twisty')?.classList.toggle('codicon-chevron-down', open);
    this.applyVisibility(i);
  }

  /** Show or hide the rows under `i`, keeping those under a still-collapsed descendant hidden. */
  private applyVisibility(i: number): void {
    const end = this.descendants(i);
    let hideUntil = this.collapsed.has(i) ? end : i;
    for (let j = i + 1; j < end; j++) {
      const hidden = j < hideUntil;
      const row = this.rowEls[j];
      if (row) {
        row.hidden = hidden;
      }
      if (!hidden && this.collapsed.has(j)) {
        hideUntil = this.descendants(j);
      }
    }
  }

  private visible(i: number): boolean {
    return this.rowEls[i]?.hidden !== true;
  }

  private focus(i: number): void {
    const old = this.rowEls[this.focused];
    const next = this.rowEls[i];
    if (!next) {
      return;
    }
    if (old) {
      old.tabIndex = -1;
    }
    next.tabIndex = 0;
    next.focus();
    this.focused = i;
  }

  select(i: number): void {
    const row = this.rowEls[i];
    if (i === this.selected || !row) {
      return;
    }
    this.rowEls[this.selected]?.classList.remove('selected');
    this.rowEls[this.selected]?.setAttribute('aria-selected', 'false');
    row.classList.add('selected');
    row.setAttribute('aria-selected', 'true');
    this.selected = i;
    this.onSelect(i);
  }

  private step(from: number, by: 1 | -1): number {
    for (let j = from + by; j >= 0 && j < this.rows.length; j += by) {
      if (this.visible(j)) {
        return j;
      }
    }
    return from;
  }

  private parentOf(i: number): number {
    const depth = this.rows[i]?.depth ?? 0;
    for (let j = i - 1; j >= 0; j--) {
      if ((this.rows[j]?.depth ?? 0) < depth) {
        return j;
      }
    }
    return i;
  }

  private onKey(e: KeyboardEvent): void {
    const i = this.focused;
    const hasKids = (this.rows[i]?.childCount ?? 0) > 0;
    const moves: Record<string, () => void> = {
      ArrowDown: () => {
        this.focus(this.step(i, 1));
      },
      ArrowUp: () => {
        this.focus(this.step(i, -1));
      },
      Home: () => {
        this.focus(0);
      },
      End: () => {
        this.focus(this.step(this.rows.length, -1));
      },
      ArrowRight: () => {
        if (hasKids && this.collapsed.has(i)) {
          this.toggle(i);
        } else if (hasKids) {
          this.focus(i + 1);
        }
      },
      ArrowLeft: () => {
        if (hasKids && !this.collapsed.has(i)) {
          this.toggle(i);
        } else {
          this.focus(this.parentOf(i));
        }
      },
      Enter: () => {
        this.select(i);
      },
      ' ': () => {
        this.select(i);
      },
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      move();
    }
  }
}
