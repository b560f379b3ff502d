import { csvField } from '../compare/tableCsv';
import { cellValue, columnTitle, type Column, type FiguresLookup } from './columns';
import type { TableRow } from './tableRow';

/**
 * The rows shown, in the order shown, as CSV (RFC 4180, CRLF): a `run_id` column, then the
 * columns shown. Numbers are written in full (not the 4 digits a cell shows), times as ISO 8601,
 * strings whole; every field goes through the compare table's formula-injection guard.
 */
export function runsToCsv(
  rows: readonly TableRow[],
  columns: readonly Column[],
  figures: FiguresLookup,
  now: number,
): string {
  const header = ['run_id', ...columns.map(columnTitle)];
  const lines = rows.map((row) => [
    row.runId,
    ...columns.map((c) => {
      const v = cellValue(row, c, figures, now);
      if (v === undefined) {
        return '';
      }
      if (typeof v === 'number' && c.kind === 'attr' && c.attr === 'start') {
        return new Date(v).toISOString();
      }
      return String(v);
    }),
  ]);
  return [header, ...lines].map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}
