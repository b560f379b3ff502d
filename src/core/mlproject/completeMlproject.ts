import { CompletionItemKind, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import { LineIndex } from '../yaml/lineIndex';
import { lineContext } from '../yaml/lineContext';
import { mlprojectProperty, mlprojectSchemaAt } from './mlprojectSchema';
import { PARAMETER_TYPES } from './rules/entryPointsRule';

/** Whether `path` + `key` is where a parameter's type is written (`alpha: float` or `type: float`). */
function isParameterType(path: readonly string[], key: string): boolean {
  const inParameters = path.length === 3 && path[0] === 'entry_points' && path[2] === 'parameters';
  const inParameterMap =
    path.length === 4 && path[0] === 'entry_points' && path[2] === 'parameters' && key === 'type';
  return inParameters || inParameterMap;
}

/** Completions at `offset`: keys per level from schemas/mlproject.schema.json, and parameter types. */
export function completeMlproject(text: string, offset: number): CompletionItem[] {
  const lines = new LineIndex(text);
  const context = lineContext(text, offset);
  const range = { start: lines.positionAt(offset - context.prefix.length), end: lines.positionAt(offset) };
  if (context.mode === 'value') {
    if (context.key === undefined || !isParameterType(context.path, context.key)) {
      return [];
    }
    return PARAMETER_TYPES.map((type) => ({
      label: type,
      kind: CompletionItemKind.EnumMember,
      detail: 'parameter type',
      textEdit: { range, newText: type },
    }));
  }
  const schema = mlprojectSchemaAt(context.path);
  return Object.keys(schema?.properties ?? {})
    .filter((key) => !context.siblings.includes(key))
    .map((key) => {
      const property = mlprojectProperty(schema, key).schema;
      const nested = property?.type === 'object' || property?.type === 'array';
      const newText = nested ? `${key}:\n${' '.repeat(context.indent)}  ` : `${key}: `;
      const item: CompletionItem = {
        label: key,
        kind: CompletionItemKind.Property,
        textEdit: { range, newText },
      };
      if (property?.description) {
        item.documentation = { kind: MarkupKind.Markdown, value: property.description };
      }
      return item;
    });
}
