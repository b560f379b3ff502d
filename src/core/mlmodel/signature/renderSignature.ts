import { jsonProp, jsonStringProp, type JsonNode } from './jsonNode';
import { parseJson } from './parseJson';

const MAX_ROWS = 200;

/** Escape text for a Markdown table cell: no formatting, links, HTML or column breaks. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, '\\$&').replace(/\r?\n/g, ' ');
}

/** A compact type: `double`, `array<string>`, `map<double>`, `object{role: string}`. */
function typeName(spec: JsonNode | undefined, depth = 0): string {
  const type = spec ? jsonStringProp(spec, 'type') : undefined;
  if (!spec || type === undefined || depth > 4) {
    return type ?? '?';
  }
  if (type === 'array') {
    return `array<${typeName(jsonProp(spec, 'items')?.value, depth + 1)}>`;
  }
  if (type === 'map') {
    return `map<${typeName(jsonProp(spec, 'values')?.value, depth + 1)}>`;
  }
  if (type === 'object') {
    const properties = jsonProp(spec, 'properties')?.value;
    const fields =
      properties?.kind === 'object'
        ? properties.props.map((p) => `${p.key}: ${typeName(p.value, depth + 1)}`)
        : [];
    return `object{${fields.join(', ')}}`;
  }
  return type;
}

function cellOf(node: JsonNode | undefined): string {
  if (!node || node.kind === 'null') {
    return '';
  }
  if (node.kind === 'string' || node.kind === 'number' || node.kind === 'boolean') {
    return String(node.value);
  }
  return node.kind === 'array' ? `[${node.items.map(cellOf).join(', ')}]` : '{…}';
}

function row(cells: readonly string[]): string {
  return `| ${cells.map((c) => (c === '' ? ' ' : escapeMarkdown(c))).join(' | ')} |`;
}

function rowsOf(spec: JsonNode, kind: 'columns' | 'tensors' | 'params'): string[] {
  if (kind === 'params') {
    return [
      jsonStringProp(spec, 'name') ?? '',
      jsonStringProp(spec, 'type') ?? jsonStringProp(spec, 'dtype') ?? '?',
      cellOf(jsonProp(spec, 'default')?.value),
      cellOf(jsonProp(spec, 'shape')?.value),
    ];
  }
  if (kind === 'tensors') {
    const tensor = jsonProp(spec, 'tensor-spec')?.value;
    return [
      jsonStringProp(spec, 'name') ?? '',
      tensor ? (jsonStringProp(tensor, 'dtype') ?? '?') : '?',
      cellOf(tensor ? jsonProp(tensor, 'shape')?.value : undefined),
    ];
  }
  const required = jsonProp(spec, 'required')?.value;
  return [
    jsonStringProp(spec, 'name') ?? '',
    typeName(spec),
    required?.kind === 'boolean' && !required.value ? 'no' : 'yes',
  ];
}

/**
 * Render `signature.inputs/outputs/params` JSON as a Markdown table, every cell escaped, at most
 * 200 rows. Undefined when the JSON does not parse or is not a list.
 */
export function renderSignature(json: string, section: 'inputs' | 'outputs' | 'params'): string | undefined {
  const parsed = parseJson(json);
  if (!parsed.ok || parsed.node.kind !== 'array') {
    return undefined;
  }
  const specs = parsed.node.items;
  const kind =
    section === 'params'
      ? 'params'
      : specs.some((s) => jsonStringProp(s, 'type') === 'tensor')
        ? 'tensors'
        : 'columns';
  const header = {
    params: ['name', 'type', 'default', 'shape'],
    tensors: ['name', 'dtype', 'shape'],
    columns: ['name', 'type', 'required'],
  }[kind];
  const noun = { params: 'param', tensors: 'tensor', columns: 'column' }[kind];
  const lines = [
    `**${section}**: ${specs.length} ${noun}${specs.length === 1 ? '' : 's'}`,
    '',
    row(header),
    `|${header.map(() => ' --- ').join('|')}|`,
  ];
  for (const spec of specs.slice(0, MAX_ROWS)) {
    lines.push(row(rowsOf(spec, kind)));
  }
  if (specs.length > MAX_ROWS) {
    lines.push('', `… and ${specs.length - MAX_ROWS} more`);
  }
  return lines.join('\n');
}
