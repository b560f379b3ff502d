import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import { LineIndex } from '../yaml/lineIndex';
import { nodePathAt } from '../yaml/nodePath';
import { parseYaml } from '../yaml/parseYaml';
import { schemaAtPath, schemaTypes } from './mlmodelSchema';
import { renderSignature } from './signature/renderSignature';

/**
 * Hover at `offset`: the meaning of the key (from schemas/mlmodel.schema.json) and, on a signature
 * entry, its columns, tensors or params as a table.
 */
export function hover(text: string, offset: number): Hover | undefined {
  const root = parseYaml(text).root;
  if (!root) {
    return undefined;
  }
  const { path, pair, onKey } = nodePathAt(root, offset);
  if (!pair) {
    return undefined;
  }
  const keys = path.filter((k): k is string => typeof k === 'string');
  const parts: string[] = [];
  const schema = path.every((k) => typeof k === 'string') ? schemaAtPath(keys) : undefined;
  const name = keys[keys.length - 1] ?? '';
  if (schema?.description) {
    const types = schemaTypes(schema);
    parts.push(`**${name}**${types.length > 0 ? ` (${types.join(' | ')})` : ''}`, '', schema.description);
  }
  const section = keys.length === 2 && keys[0] === 'signature' ? keys[1] : undefined;
  if (
    (section === 'inputs' || section === 'outputs' || section === 'params') &&
    pair.value.kind === 'scalar' &&
    typeof pair.value.value === 'string'
  ) {
    const table = renderSignature(pair.value.value, section);
    if (table !== undefined) {
      parts.push('', table);
    }
  }
  if (parts.length === 0) {
    return undefined;
  }
  const lines = new LineIndex(text);
  const range = onKey ? pair.key.range : pair.value.range;
  return {
    contents: { kind: MarkupKind.Markdown, value: parts.join('\n') },
    range: { start: lines.positionAt(range.start), end: lines.positionAt(range.end) },
  };
}
