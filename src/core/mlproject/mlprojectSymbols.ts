import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { LineIndex } from '../yaml/lineIndex';
import { parseYaml } from '../yaml/parseYaml';
import { getPair, type OffsetRange } from '../yaml/yamlAst';

/** The outline of an MLproject: its entry points, each with its parameters. */
export function mlprojectSymbols(text: string): DocumentSymbol[] {
  const root = parseYaml(text).root;
  const entryPoints = root?.kind === 'map' ? getPair(root, 'entry_points')?.value : undefined;
  if (entryPoints?.kind !== 'map') {
    return [];
  }
  const lines = new LineIndex(text);
  const toRange = (r: OffsetRange): DocumentSymbol['range'] => ({
    start: lines.positionAt(r.start),
    end: lines.positionAt(r.end),
  });
  return entryPoints.pairs
    .filter((p) => p.key.kind === 'scalar')
    .map((entry) => {
      const parameters = entry.value.kind === 'map' ? getPair(entry.value, 'parameters')?.value : undefined;
      const children =
        parameters?.kind === 'map'
          ? parameters.pairs
              .filter((p) => p.key.kind === 'scalar')
              .map((p): DocumentSymbol => ({
                name: p.key.kind === 'scalar' ? p.key.text : '',
                kind: SymbolKind.Variable,
                range: toRange(p.range),
                selectionRange: toRange(p.key.range),
              }))
          : [];
      return {
        name: entry.key.kind === 'scalar' ? entry.key.text : '',
        detail: 'entry point',
        kind: SymbolKind.Function,
        range: toRange(entry.range),
        selectionRange: toRange(entry.key.range),
        children,
      };
    });
}
