import * as vscode from 'vscode';
import { completeMlproject } from '../../core/mlproject/completeMlproject';
import { hoverMlproject } from '../../core/mlproject/hoverMlproject';
import { mlprojectSymbols } from '../../core/mlproject/mlprojectSymbols';
import { MlprojectDiagnostics } from './mlprojectDiagnostics';
import { toCompletionItem, toDocumentSymbol, toHover } from './lspToVscode';

/** Every scheme: the language service is pure text in, so remote and virtual files work too. */
const SELECTOR: vscode.DocumentSelector = { language: 'mlproject' };

/**
 * Register the MLproject language features (diagnostics, completion, hover, outline) on
 * `context.subscriptions`. The providers only convert types; all analysis is in src/core/mlproject.
 */
export function registerMlprojectLanguage(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
): void {
  context.subscriptions.push(
    new MlprojectDiagnostics(log),
    vscode.languages.registerCompletionItemProvider(
      SELECTOR,
      {
        provideCompletionItems: (document, position) =>
          completeMlproject(document.getText(), document.offsetAt(position)).map(toCompletionItem),
      },
      ':',
      ' ',
    ),
    vscode.languages.registerHoverProvider(SELECTOR, {
      provideHover: (document, position) => {
        const result = hoverMlproject(document.getText(), document.offsetAt(position));
        return result ? toHover(result) : undefined;
      },
    }),
    vscode.languages.registerDocumentSymbolProvider(
      SELECTOR,
      {
        provideDocumentSymbols: (document) => mlprojectSymbols(document.getText()).map(toDocumentSymbol),
      },
      { label: 'MLproject' },
    ),
  );
}
