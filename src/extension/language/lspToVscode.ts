import * as vscode from 'vscode';
import * as lsp from 'vscode-languageserver-types';

/** LSP numbers severities from 1 (error); VS Code from 0. */
const SEVERITY: Readonly<Record<number, vscode.DiagnosticSeverity>> = {
  1: vscode.DiagnosticSeverity.Error,
  2: vscode.DiagnosticSeverity.Warning,
  3: vscode.DiagnosticSeverity.Information,
  4: vscode.DiagnosticSeverity.Hint,
};

/** An LSP range as a VS Code range. */
export function toRange(range: lsp.Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** An LSP diagnostic as a VS Code diagnostic (the fix data stays with the LSP one). */
export function toDiagnostic(diagnostic: lsp.Diagnostic): vscode.Diagnostic {
  const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
  const result = new vscode.Diagnostic(
    toRange(diagnostic.range),
    message,
    SEVERITY[diagnostic.severity ?? 1] ?? vscode.DiagnosticSeverity.Error,
  );
  result.source = diagnostic.source ?? 'MLmodel';
  if (diagnostic.code !== undefined) {
    result.code = diagnostic.code;
  }
  return result;
}

// LSP numbers kinds from 1 and VS Code from 0; an explicit table of the kinds the core uses is
// clearer (and type-safe) than arithmetic on enums.
const COMPLETION_KINDS = new Map<number, vscode.CompletionItemKind>([
  [lsp.CompletionItemKind.Module, vscode.CompletionItemKind.Module],
  [lsp.CompletionItemKind.Property, vscode.CompletionItemKind.Property],
  [lsp.CompletionItemKind.EnumMember, vscode.CompletionItemKind.EnumMember],
  [lsp.CompletionItemKind.Value, vscode.CompletionItemKind.Value],
]);

const SYMBOL_KINDS = new Map<number, vscode.SymbolKind>([
  [lsp.SymbolKind.Module, vscode.SymbolKind.Module],
  [lsp.SymbolKind.Array, vscode.SymbolKind.Array],
  [lsp.SymbolKind.Variable, vscode.SymbolKind.Variable],
  [lsp.SymbolKind.Number, vscode.SymbolKind.Number],
  [lsp.SymbolKind.Boolean, vscode.SymbolKind.Boolean],
  [lsp.SymbolKind.Null, vscode.SymbolKind.Null],
  [lsp.SymbolKind.String, vscode.SymbolKind.String],
]);

/** An LSP completion item as a VS Code one; snippets stay snippets. */
export function toCompletionItem(item: lsp.CompletionItem): vscode.CompletionItem {
  const result = new vscode.CompletionItem(
    item.label,
    item.kind === undefined ? undefined : (COMPLETION_KINDS.get(item.kind) ?? vscode.CompletionItemKind.Text),
  );
  result.detail = item.detail;
  const docs = item.documentation;
  if (docs !== undefined) {
    result.documentation = typeof docs === 'string' ? docs : new vscode.MarkdownString(docs.value);
  }
  const edit = item.textEdit;
  if (edit && 'range' in edit) {
    result.range = toRange(edit.range);
    result.insertText = item.insertTextFormat === 2 ? new vscode.SnippetString(edit.newText) : edit.newText;
  }
  return result;
}

/** An LSP hover as a VS Code hover; the Markdown is untrusted (no command links, no HTML). */
export function toHover(hover: lsp.Hover): vscode.Hover {
  const contents = hover.contents;
  const text = typeof contents === 'string' ? contents : 'value' in contents ? contents.value : '';
  const markdown = new vscode.MarkdownString(text);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  return new vscode.Hover(markdown, hover.range ? toRange(hover.range) : undefined);
}

/** An LSP document symbol tree as VS Code's. */
export function toDocumentSymbol(symbol: lsp.DocumentSymbol): vscode.DocumentSymbol {
  const result = new vscode.DocumentSymbol(
    symbol.name,
    symbol.detail ?? '',
    SYMBOL_KINDS.get(symbol.kind) ?? vscode.SymbolKind.Key,
    toRange(symbol.range),
    toRange(symbol.selectionRange),
  );
  result.children = (symbol.children ?? []).map(toDocumentSymbol);
  return result;
}

/** An LSP text edit as VS Code's. */
export function toTextEdit(edit: lsp.TextEdit): vscode.TextEdit {
  return new vscode.TextEdit(toRange(edit.range), edit.newText);
}
