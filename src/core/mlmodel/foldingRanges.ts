import type { FoldingRange } from 'vscode-languageserver-types';
import type { YamlNode } from '../yaml/yamlAst';
import { LineIndex } from '../yaml/lineIndex';
import { parseYaml } from '../yaml/parseYaml';

/** Folding ranges: every key whose value spans several lines folds from the key's line to the value's last line. */
export function foldingRanges(text: string): FoldingRange[] {
  const root = parseYaml(text).root;
  if (!root) {
    return [];
  }
  const lines = new LineIndex(text);
  const out: FoldingRange[] = [];
  const visit = (node: YamlNode, depth: number): void => {
    if (depth > 128) {
      return;
    }
    const entries =
      node.kind === 'map'
        ? node.pairs.map((p) => ({ start: p.key.range.start, value: p.value }))
        : node.kind === 'seq'
          ? node.items.map((item) => ({ start: item.range.start, value: item }))
          : [];
    for (const { start, value } of entries) {
      const startLine = lines.positionAt(start).line;
      const endLine = lines.positionAt(Math.max(value.range.end - 1, value.range.start)).line;
      if (endLine > startLine) {
        out.push({ startLine, endLine });
      }
      visit(value, depth + 1);
    }
  };
  visit(root, 0);
  return out;
}
