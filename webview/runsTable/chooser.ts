// The column chooser: every metric, param and tag key seen, searchable, with the aggregate
// columns of each metric. Only the first matches are listed (a store may have thousands of keys).
import { columnId, type AggregateFn, type Column } from '../../src/core/runsTable/columns';
import { rowKeys } from '../../src/core/runsTable/tableRow';
import { MAX_COLUMN_KEY, MAX_COLUMNS } from '../../src/protocol/runsTable';
import { el } from '../shared/host';
import { inertText } from '../shared/inertText';
import { table } from './tableState';

const LISTED = 200;
const METRIC_OPTIONS: ReadonlyArray<{ label: string; fn: AggregateFn | 'latest' }> = [
  { label: 'latest', fn: 'latest' },
  { label: 'min', fn: 'min' },
  { label: 'max', fn: 'max' },
  { label: 'first', fn: 'first' },
  { label: 'last', fn: 'last' },
  { label: '@step', fn: 'step' },
];

function columnFor(
  kind: 'metric' | 'param' | 'tag',
  key: string,
  fn: AggregateFn | 'latest',
  at: number,
): Column {
  if (kind !== 'metric' || fn === 'latest') {
    return { kind, key };
  }
  return fn === 'step' ? { kind: 'agg', fn, key, at } : { kind: 'agg', fn, key };
}

/** Open the chooser; `apply` gets the new columns each time a box is ticked. */
export function openChooser(anchor: HTMLElement, apply: (columns: Column[]) => void): void {
  document.querySelector('.rt-chooser')?.remove();
  const keys = rowKeys(table.rows);
  const search = el('input');
  search.type = 'search';
  search.placeholder = 'Search keys';
  search.setAttribute('aria-label', 'Search metric, parameter and tag keys');
  const step = el('input');
  step.type = 'number';
  step.min = '0';
  step.value = '0';
  step.setAttribute('aria-label', 'Step of the @step columns');
  const list = el('div', { className: 'rt-keys' });
  const note = el('div', { className: 'rt-muted' });
  const close = el('button', { className: 'rt-btn', text: 'Done' });
  const box = el(
    'div',
    { className: 'rt-chooser' },
    el('div', { className: 'rt-toolbar' }, search, el('span', { text: 'value at step' }), step, close),
    note,
    list,
  );
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-label', 'Choose columns');
  const all: Array<{ kind: 'metric' | 'param' | 'tag'; key: string }> = [
    ...keys.metrics.map((key) => ({ kind: 'metric' as const, key })),
    ...keys.params.map((key) => ({ kind: 'param' as const, key })),
    ...keys.tags.map((key) => ({ kind: 'tag' as const, key })),
  ].filter((k) => k.key.length <= MAX_COLUMN_KEY);
  const render = (): void => {
    const q = search.value.trim().toLowerCase();
    const matches = q === '' ? all : all.filter((k) => k.key.toLowerCase().includes(q));
    note.textContent = `${String(matches.length)} of ${String(all.length)} keys${matches.length > LISTED ? ` (first ${String(LISTED)} listed: refine the search)` : ''}`;
    const chosen = new Set(table.columns.map(columnId));
    list.replaceChildren(
      ...matches.slice(0, LISTED).map((k) => {
        const options = k.kind === 'metric' ? METRIC_OPTIONS : METRIC_OPTIONS.slice(0, 1);
        const at = Math.max(0, Math.floor(Number(step.value) || 0));
        const name = el('span', { className: 'rt-keyname', text: k.key.slice(0, 300) });
        name.title = inertText(k.key.slice(0, 1000));
        return el(
          'div',
          { className: 'rt-key' },
          el('span', { className: 'rt-kind', text: k.kind }),
          name,
          ...options.map((o) => {
            const col = columnFor(k.kind, k.key, o.fn, at);
            const cb = el('input');
            cb.type = 'checkbox';
            cb.checked = chosen.has(columnId(col));
            cb.setAttribute('aria-label', `${o.label} of ${k.key.slice(0, 200)}`);
            cb.addEventListener('change', () => {
              const id = columnId(col);
              const rest = table.columns.filter((c) => columnId(c) !== id);
              apply(cb.checked ? [...rest, col].slice(0, MAX_COLUMNS) : rest);
            });
            return el('label', {}, cb, el('span', { text: o.label }));
          }),
        );
      }),
    );
  };
  search.addEventListener('input', render);
  step.addEventListener('change', render);
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
  document.getElementById('app')?.append(box);
  search.focus();
}
