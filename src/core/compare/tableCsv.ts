import type { CompareTable } from './compareTable';

/** A plain decimal number, which a spreadsheet reads as a number and never as a formula. */
const PLAIN_NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** First characters that make Excel, LibreOffice or Google Sheets evaluate a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field: spreadsheet formula injection neutralised first (OWASP's advice: a leading
 * apostrophe makes the cell text; a run name like `=HYPERLINK(…)` comes from the server), then
 * quoted per RFC 4180 when it holds a comma, quote, CR or LF. Negative numbers stay numbers.
 */
export function csvField(text: string): string {
  const safe = FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The compare table as CSV (RFC 4180, CRLF line ends): a header `section,key,<run names>` and one
 * line per row with each run's cell text, empty where the run lacks the key. `runNames` are the
 * column titles in the table's column order; a missing name falls back to the run id.
 */
export function tableToCsv(t: CompareTable, runNames: readonly string[]): string {
  const header = ['section', 'key', ...t.runIds.map((id, i) => runNames[i] ?? id)];
  const lines = [
    header,
    ...t.rows.map((r) => [r.section, r.key, ...t.runIds.map((_, i) => r.cells[i]?.text ?? '')]),
  ];
  return lines.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}
