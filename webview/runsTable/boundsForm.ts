// The Bounds form: a min and/or max on one numeric, aggregate or param column at a time, applied
// in the webview on top of the server filter (MLflow's grammar cannot name "min of loss").
import { columnId, columnTitle } from '../../src/core/runsTable/columns';
import {
  boundableColumns,
  describeBound,
  withBound,
  type ColumnBound,
} from '../../src/core/runsTable/columnBounds';
import { el } from '../shared/host';
import { table } from './tableState';

/** A bound typed in the box: empty is no bound, anything not a number is refused. */
function parseBound(text: string): number | undefined | 'bad' {
  const t = text.trim();
  if (t === '') {
    return undefined;
  }
  const n = Number(t);
  return Number.isFinite(n) ? n : 'bad';
}

const numberBox = (label: string): HTMLInputElement => {
  const i = el('input');
  i.type = 'text';
  i.inputMode = 'decimal';
  i.placeholder = label;
  i.size = 10;
  i.setAttribute('aria-label', label);
  return i;
};

/** Open the form; `apply` gets the new bounds each time they change. */
export function openBounds(anchor: HTMLElement, apply: (bounds: ColumnBound[]) => void): void {
  document.querySelector('.rt-chooser')?.remove();
  const columns = boundableColumns(table.columns);
  const select = el('select', { className: 'rt-select' });
  select.setAttribute('aria-label', 'Column to bound');
  select.replaceChildren(
    ...columns.map((c) => {
      const o = el('option', { text: columnTitle(c).slice(0, 120) });
      o.value = columnId(c);
      return o;
    }),
  );
  const min = numberBox('min');
  const max = numberBox('max');
  const set = el('button', { className: 'rt-btn', text: 'Apply' });
  const clear = el('button', { className: 'rt-btn', text: 'Clear all' });
  const close = el('button', { className: 'rt-btn', text: 'Done' });
  const note = el('div', { className: 'rt-muted' });
  const list = el('div', { className: 'rt-keys' });
  const box = el(
    'div',
    { className: 'rt-chooser' },
    el(
      'div',
      { className: 'rt-toolbar' },
      select,
      min,
      el('span', { text: '≤ value ≤' }),
      max,
      set,
      clear,
      close,
    ),
    note,
    list,
  );
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-label', 'Bound numeric columns');
  const render = (): void => {
    note.textContent =
      columns.length === 0
        ? 'Show a metric, aggregate or param column first (Columns…) to bound it.'
        : 'Rows outside the bounds are hidden here; the server filter still applies. Refresh clears them.';
    list.replaceChildren(
      ...table.bounds.map((b) => {
        const remove = el('button', { className: 'rt-btn', text: 'Remove' });
        remove.addEventListener('click', () => {
          apply(withBound(table.bounds, { column: b.column }));
          render();
        });
        return el(
          'div',
          { className: 'rt-key' },
          el('span', { className: 'rt-keyname', text: describeBound(b) }),
          remove,
        );
      }),
    );
  };
  const fill = (): void => {
    const b = table.bounds.find((x) => columnId(x.column) === select.value);
    min.value = b?.min === undefined ? '' : String(b.min);
    max.value = b?.max === undefined ? '' : String(b.max);
  };
  select.addEventListener('change', fill);
  set.addEventListener('click', () => {
    const column = columns.find((c) => columnId(c) === select.value);
    const lo = parseBound(min.value);
    const hi = parseBound(max.value);
    if (column === undefined || lo === 'bad' || hi === 'bad') {
      note.textContent = 'Bounds are numbers (or empty for no bound).';
      return;
    }
    apply(withBound(table.bounds, { column, min: lo, max: hi }));
    render();
  });
  clear.addEventListener('click', () => {
    apply([]);
    render();
    fill();
  });
  const done = (): void => {
    box.remove();
    anchor.focus();
  };
  close.addEventListener('click', done);
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      done();
    }
  });
  render();
  fill();
  document.getElementById('app')?.append(box);
  select.focus();
}
