import {
  onlyDifferences,
  sortRunsBy,
  type CompareRow,
  type CompareTable,
} from '../../src/core/compare/compareTable';
import { isIdentifierRow } from '../../src/core/compare/runAttributes';
import type { CompareRunHeader } from '../../src/protocol/compareRuns';
import { el } from '../shared/host';

export interface TableView {
  readonly diffOnly: boolean;
  readonly sortRow: string | undefined;
  readonly sortDir: 'asc' | 'desc';
}

const SECTION_TITLE: Record<CompareRow['section'], string> = {
  attributes: 'Run',
  params: 'Parameters',
  metrics: 'Metrics',
  tags: 'Tags',
};

/** A row's identity across snapshots (labels differ for the min/max rows of one metric). */
export const rowId = (r: CompareRow): string => `${r.section}\u0000${r.key}\u0000${r.label}`;

/** The table as the user sees it: differences only and column order applied. */
export function visibleTable(table: CompareTable, view: TableView): CompareTable {
  let t = view.diffOnly ? onlyDifferences(table) : table;
  if (view.sortRow !== undefined) {
    const idx = t.rows.findIndex((r) => rowId(r) === view.sortRow);
    if (idx >= 0) {
      t = sortRunsBy(t, idx, view.sortDir);
    }
  }
  return t;
}

/**
 * Render the params/metrics/tags table, runs as columns. Every string is set as text. A row's
 * label is a button: activating it sorts the runs by that row (again: the other direction).
 */
export function renderTable(
  table: CompareTable,
  runs: readonly CompareRunHeader[],
  onSort: (rowKey: string) => void,
  onOpen: (runId: string) => void,
): HTMLTableElement {
  const byId = new Map(runs.map((r) => [r.runId, r]));
  const head = el('tr', {}, el('th', { className: 'corner', text: '' }));
  for (const id of table.runIds) {
    const run = byId.get(id);
    const name = el('button', { className: 'link run-name', text: run?.name ?? id });
    name.title = `Open run ${id}`;
    name.addEventListener('click', () => {
      onOpen(id);
    });
    const swatch = el('span', { className: 'swatch' });
    swatch.style.background = run?.color ?? 'transparent';
    head.append(el('th', { className: 'run-col' }, swatch, name));
  }
  const body = el('tbody');
  let section: string | undefined;
  for (const row of table.rows) {
    if (row.section !== section) {
      section = row.section;
      const th = el('th', { className: 'section', text: SECTION_TITLE[row.section] });
      th.colSpan = table.runIds.length + 1;
      body.append(el('tr', {}, th));
    }
    const label = el('button', { className: 'link row-label', text: row.label });
    label.title = 'Sort the runs by this row';
    label.addEventListener('click', () => {
      onSort(rowId(row));
    });
    const tr = el(
      'tr',
      { className: row.differs ? 'differs' : '' },
      el('th', { className: 'row-head' }, label),
    );
    const identifiers = isIdentifierRow(row);
    row.cells.forEach((cell, i) => {
      const td = el('td', { text: cell?.text ?? '' });
      if (identifiers) {
        td.classList.add('identifier');
        td.title = cell?.text ?? '';
      }
      if (row.best === i) {
        td.classList.add('best');
        td.title = 'Best value in this row';
      }
      tr.append(td);
    });
    body.append(tr);
  }
  return el('table', { className: 'compare', id: 'compare-table' }, el('thead', {}, head), body);
}
