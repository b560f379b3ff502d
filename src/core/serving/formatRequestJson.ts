/**
 * JSON laid out for editing a request: objects indented, arrays of plain values (a row, a tensor's
 * innermost dimension) kept on one line, so a 3×224×224 tensor or a 1,000-row frame stays readable.
 */
export function formatRequestJson(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    const items = value as unknown[];
    if (items.every((v) => typeof v !== 'object' || v === null)) {
      return `[${items.map((v) => JSON.stringify(v)).join(', ')}]`;
    }
    const inner = `${indent}  `;
    return `[\n${items.map((v) => inner + formatRequestJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) {
      return '{}';
    }
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatRequestJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return value === undefined ? 'null' : JSON.stringify(value);
}
