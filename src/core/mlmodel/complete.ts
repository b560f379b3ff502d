import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
} from 'vscode-languageserver-types';
import { LineIndex } from '../yaml/lineIndex';
import { lineContext } from '../yaml/lineContext';
import { flavorSnippet } from './flavorSnippet';
import { KNOWN_FLAVORS, PYFUNC_LOADER } from './knownFlavors';
import { resolveSchema, schemaAtPath, schemaTypes, type SchemaNode } from './mlmodelSchema';
import { COLUMN_TYPES, NUMPY_DTYPES } from './signature/signatureTypes';

function replacing(
  lines: LineIndex,
  offset: number,
  prefix: string,
): { start: { line: number; character: number }; end: { line: number; character: number } } {
  return { start: lines.positionAt(offset - prefix.length), end: lines.positionAt(offset) };
}

function documentation(schema: SchemaNode | undefined): CompletionItem['documentation'] {
  return schema?.description ? { kind: MarkupKind.Markdown, value: schema.description } : undefined;
}

function words(
  values: readonly string[],
  kind: CompletionItemKind,
  lines: LineIndex,
  offset: number,
  prefix: string,
  detail: string,
): CompletionItem[] {
  const range = replacing(lines, offset, prefix);
  return values.map((value) => ({ label: value, kind, detail, textEdit: { range, newText: value } }));
}

/** Inside signature JSON, after `"type": "` or `"dtype": "`: type names or numpy dtypes. */
function signatureCompletions(
  linePrefix: string,
  lines: LineIndex,
  offset: number,
): CompletionItem[] | undefined {
  const match = /"(type|dtype)"\s*:\s*"([\w[\]]*)$/.exec(linePrefix);
  if (!match) {
    return undefined;
  }
  const prefix = match[2] ?? '';
  if (match[1] === 'dtype') {
    return words(NUMPY_DTYPES, CompletionItemKind.EnumMember, lines, offset, prefix, 'numpy dtype');
  }
  return words(
    [...COLUMN_TYPES, 'tensor'],
    CompletionItemKind.EnumMember,
    lines,
    offset,
    prefix,
    'MLflow type',
  );
}

function keyCompletions(
  path: readonly string[],
  siblings: readonly string[],
  indent: number,
  lines: LineIndex,
  offset: number,
  prefix: string,
): CompletionItem[] {
  const range = replacing(lines, offset, prefix);
  const step = '  ';
  if (path.length === 1 && path[0] === 'flavors') {
    return KNOWN_FLAVORS.filter((f) => !siblings.includes(f)).map((flavor) => ({
      label: flavor,
      kind: CompletionItemKind.Module,
      detail: 'flavour',
      documentation: documentation(schemaAtPath(['flavors', flavor])),
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: flavorSnippet(flavor, step).replace(/\n/g, `\n${' '.repeat(indent)}`) },
    }));
  }
  const schema = schemaAtPath(path);
  return Object.entries(schema?.properties ?? {})
    .filter(([key]) => !siblings.includes(key))
    .map(([key, raw]) => {
      const property = resolveSchema(raw);
      const types = property ? schemaTypes(property) : [];
      const nested = types.length === 1 && (types[0] === 'object' || types[0] === 'array');
      const newText = nested ? `${key}:\n${' '.repeat(indent)}${step}` : `${key}: `;
      return {
        label: key,
        kind: CompletionItemKind.Property,
        detail: types.join(' | '),
        documentation: documentation(property),
        textEdit: { range, newText },
      };
    });
}

function valueCompletions(
  path: readonly string[],
  key: string,
  lines: LineIndex,
  offset: number,
  prefix: string,
): CompletionItem[] {
  const schema = schemaAtPath([...path, key]);
  if (path[path.length - 1] === 'python_function' && key === 'loader_module') {
    return words(
      ['mlflow.pyfunc.model', ...Object.values(PYFUNC_LOADER)],
      CompletionItemKind.Module,
      lines,
      offset,
      prefix,
      'loader module',
    );
  }
  if (schema?.enum) {
    return words(schema.enum, CompletionItemKind.EnumMember, lines, offset, prefix, key);
  }
  if (schema && schemaTypes(schema).includes('boolean')) {
    return words(['true', 'false'], CompletionItemKind.Value, lines, offset, prefix, key);
  }
  if (schema && schemaTypes(schema).includes('null') && path[path.length - 1] === 'signature') {
    return words(['null'], CompletionItemKind.Value, lines, offset, prefix, key);
  }
  return [];
}

/**
 * Completions at `offset`: keys per level (from the schema), flavour names with a snippet for the
 * whole block, enum values, and inside signature JSON the column types and numpy dtypes.
 */
export function complete(text: string, offset: number): CompletionItem[] {
  const lines = new LineIndex(text);
  const context = lineContext(text, offset);
  const inSignature = signatureCompletions(context.linePrefix, lines, offset);
  if (inSignature) {
    return inSignature;
  }
  if (context.mode === 'key') {
    return keyCompletions(context.path, context.siblings, context.indent, lines, offset, context.prefix);
  }
  if (context.key !== undefined) {
    return valueCompletions(context.path, context.key, lines, offset, context.prefix);
  }
  return [];
}
