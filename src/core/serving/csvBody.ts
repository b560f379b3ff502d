/** Split CSV text into rows of fields (RFC 4180 quoting; blank lines dropped). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"' && text.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text.charAt(i + 1) === '\n') {
        i++;
      }
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

function csvField(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The CSV form (`text/csv`) of a `dataframe_split` or `dataframe_records` JSON request, for the
 * panel's CSV option. Undefined when the JSON is not a data frame (tensors have no CSV form).
 */
export function jsonBodyToCsv(jsonBody: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(jsonBody);
  } catch {
    return undefined;
  }
  const obj = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const split = obj.dataframe_split as { columns?: unknown; data?: unknown } | undefined;
  if (split && Array.isArray(split.columns) && Array.isArray(split.data)) {
    const lines = [split.columns as unknown[], ...(split.data as unknown[]).filter(Array.isArray)];
    return `${lines.map((l) => (l as unknown[]).map(csvField).join(',')).join('\n')}\n`;
  }
  const records = obj.dataframe_records;
  if (
    Array.isArray(records) &&
    records.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))
  ) {
    const columns = [...new Set((records as Record<string, unknown>[]).flatMap((r) => Object.keys(r)))];
    const lines = [
      columns.map(csvField).join(','),
      ...(records as Record<string, unknown>[]).map((r) => columns.map((c) => csvField(r[c])).join(',')),
    ];
    return `${lines.join('\n')}\n`;
  }
  return undefined;
}
