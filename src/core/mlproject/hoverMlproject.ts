import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import { LineIndex } from '../yaml/lineIndex';
import { nodePathAt } from '../yaml/nodePath';
import { parseYaml } from '../yaml/parseYaml';
import { mlprojectSchemaAt } from './mlprojectSchema';

/** Hover at `offset`: the meaning of the key under the caret, from schemas/mlproject.schema.json. */
export function hoverMlproject(text: string, offset: number): Hover | undefined {
  const root = parseYaml(text).root;
  if (!root) {
    return undefined;
  }
  const { path, pair, onKey } = nodePathAt(root, offset);
  if (!pair || !path.every((k) => typeof k === 'string')) {
    return undefined;
  }
  const keys = path;
  const schema = mlprojectSchemaAt(keys);
  if (!schema?.description) {
    return undefined;
  }
  const lines = new LineIndex(text);
  const range = onKey ? pair.key.range : pair.value.range;
  const value = `**${keys[keys.length - 1] ?? ''}**\n\n${schema.description}`;
  return {
    contents: { kind: MarkupKind.Markdown, value },
    range: { start: lines.positionAt(range.start), end: lines.positionAt(range.end) },
  };
}
