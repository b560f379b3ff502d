import { el } from '../shared/host';
import { page, update, vscode } from './pageState';
import { renderTable, visibleTable } from './table';

/** Where the params/metrics/tags table goes; rebuilt whole when its rows or order change. */
export const tableHost = el('div', { className: 'table-host', id: 'table-host' });

/** The table as the view asks (differences only, sorted by a row), or a hint when it has no rows. */
export function renderTableSection(): void {
  const t = visibleTable(page.table, page.view);
  tableHost.replaceChildren(
    renderTable(
      t,
      page.runs,
      (rowKey) => {
        const { sortRow, sortDir } = page.view;
        update({
          sortRow: rowKey,
          sortDir: sortRow === rowKey && sortDir === 'desc' ? 'asc' : 'desc',
        });
        renderTableSection();
      },
      (runId) => {
        vscode.post({ type: 'compare/openRun', runId });
      },
    ),
  );
  if (t.rows.length === 0) {
    tableHost.append(
      el('p', {
        className: 'hint',
        text: page.view.diffOnly ? 'These runs do not differ in anything shown.' : 'Nothing to compare.',
      }),
    );
  }
}
