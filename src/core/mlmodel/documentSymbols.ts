import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { YamlNode } from '../yaml/yamlAst';
import { LineIndex } from '../yaml/lineIndex';
import { parseYaml } from '../yaml/parseYaml';

/** An outline is for reading; past this many entries it stops growing (as Red Hat YAML caps it). */
const MAX_SYMBOLS = 5000;

function kindOf(node: YamlNode): SymbolKind {
  if (node.kind === 'map') {
    return SymbolKind.Module;
  }
  if (node.kind === 'seq') {
    return SymbolKind.Array;
  }
  if (node.kind === 'alias') {
    return SymbolKind.Variable;
  }
  const value = node.value;
  return typeof value === 'number'
    ? SymbolKind.Number
    : typeof value === 'boolean'
      ? SymbolKind.Boolean
      : value === null
        ? SymbolKind.Null
        : SymbolKind.String;
}

function detailOf(node: YamlNode): string | undefined {
  if (node.kind !== 'scalar' || node.value === null) {
    return undefined;
  }
  return node.text.length > 60 ? `${node.text.slice(0, 59)}…` : node.text;
}

/** The outline of an MLmodel: every key, nested as in the file. */
export function documentSymbols(text: string): DocumentSymbol[] {
  const root = parseYaml(text).root;
  if (!root) {
    return [];
  }
  const lines = new LineIndex(text);
  let budget = MAX_SYMBOLS;
  const toRange = (r: YamlNode['range']): DocumentSymbol['range'] => ({
    start: lines.positionAt(r.start),
    end: lines.positionAt(r.end),
  });
  const children = (node: YamlNode): DocumentSymbol[] => {
    const out: DocumentSymbol[] = [];
    const entries =
      node.kind === 'map'
        ? node.pairs.map((p) => ({
            name: p.key.kind === 'scalar' ? p.key.text : '?',
            value: p.value,
            range: p.range,
            selection: p.key.range,
          }))
        : node.kind === 'seq'
          ? node.items.map((item, i) => ({
              name: `[${i}]`,
              value: item,
              range: item.range,
              selection: item.range,
            }))
          : [];
    for (const entry of entries) {
      if (budget-- <= 0) {
        break;
      }
      const symbol: DocumentSymbol = {
        name: entry.name === '' ? '""' : entry.name,
        kind: kindOf(entry.value),
        range: toRange(entry.range),
        selectionRange: toRange(entry.selection),
        children: children(entry.value),
      };
      const detail = detailOf(entry.value);
      if (detail !== undefined) {
        symbol.detail = detail;
      }
      out.push(symbol);
    }
    return out;
  };
  return children(root);
}
