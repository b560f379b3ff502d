import type { EvaluationCell, RowChange } from '../../src/protocol/evaluation';
import { el } from '../shared/host';

/** The mark shown before a verdict, so pass and fail differ by more than colour. */
const MARKS: Readonly<Record<EvaluationCell['verdict'], string>> = {
  pass: '✓ ',
  fail: '✗ ',
  error: '⚠ ',
  value: '',
};

/** A scorer's feedback as a table cell: its value as text, its verdict as a class and a mark. */
export function verdictCell(cell: EvaluationCell | null, traceId: string | undefined): HTMLTableCellElement {
  const td = el('td', { className: 'verdict' });
  if (traceId !== undefined) {
    td.dataset.traceId = traceId;
  }
  if (cell === null) {
    td.classList.add('verdict-none');
    td.textContent = '—';
    return td;
  }
  td.classList.add(`verdict-${cell.verdict}`);
  td.textContent = MARKS[cell.verdict] + cell.value;
  // Attributes set through the DOM are text, whatever the scorer wrote.
  td.title = cell.rationale === undefined ? cell.value : `${cell.value}\n${cell.rationale}`;
  return td;
}

/** A request or response preview: one line, cut by CSS, the whole text in its tooltip. */
export function previewCell(
  text: string,
  traceId: string | undefined,
  className: string,
): HTMLTableCellElement {
  const td = el('td', { className: `preview ${className}`, text });
  td.title = text;
  if (traceId !== undefined) {
    td.dataset.traceId = traceId;
  }
  return td;
}

/** How a joined row moved, in words. */
export function changeLabel(change: RowChange, first: string, second: string): string {
  switch (change) {
    case 'regressed':
      return 'pass → fail';
    case 'improved':
      return 'fail → pass';
    case 'changed':
      return 'changed';
    case 'same':
      return 'same';
    case 'onlyFirst':
      return `only in ${first}`;
    case 'onlySecond':
      return `only in ${second}`;
  }
}
