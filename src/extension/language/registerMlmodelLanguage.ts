import * as vscode from 'vscode';
import { registerReported } from '../shared/errors/withErrorReport';
import { InterpreterVersion } from '../../core/cli/interpreterVersion';
import { complete } from '../../core/mlmodel/complete';
import { documentSymbols } from '../../core/mlmodel/documentSymbols';
import { foldingRanges } from '../../core/mlmodel/foldingRanges';
import { hover } from '../../core/mlmodel/hover';
import { validateAllMlmodelFiles } from './validateAllMlmodelFiles';
import { MlmodelCodeActionProvider } from './mlmodelCodeActionProvider';
import { runToCompletion } from '../shared/process/processRunner';
import { findMlflow } from '../shared/python/findMlflow';
import { MLMODEL_COMMANDS } from '../shared/commandIds/mlmodelCommandIds';
import { MlmodelDiagnostics } from './mlmodelDiagnostics';
import { toCompletionItem, toDocumentSymbol, toHover } from './lspToVscode';

/** Every scheme: the language service is pure text in, so remote and virtual files work too. */
const SELECTOR: vscode.DocumentSelector = { language: 'mlmodel' };

/**
 * Register the MLmodel language features (diagnostics, completion, hover, quick fixes, outline,
 * folding, "Validate All MLmodel Files") on `context.subscriptions`. The providers only convert
 * types; all analysis is in src/core/mlmodel.
 */
export function registerMlmodelLanguage(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
): void {
  const interpreter = new InterpreterVersion({
    // Running an interpreter named by workspace settings is code execution: trusted workspaces only.
    findPython: async () => (vscode.workspace.isTrusted ? (await findMlflow(log)).python : undefined),
    run: (invocation) => runToCompletion(invocation, { timeoutMs: 15_000 }),
    log: (message) => {
      log.debug(message);
    },
  });
  const diagnostics = new MlmodelDiagnostics(log, interpreter);
  context.subscriptions.push(
    diagnostics,
    vscode.languages.registerCompletionItemProvider(
      SELECTOR,
      {
        provideCompletionItems: (document, position) =>
          complete(document.getText(), document.offsetAt(position)).map(toCompletionItem),
      },
      ':',
      ' ',
      '"',
    ),
    vscode.languages.registerHoverProvider(SELECTOR, {
      provideHover: (document, position) => {
        const result = hover(document.getText(), document.offsetAt(position));
        return result ? toHover(result) : undefined;
      },
    }),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new MlmodelCodeActionProvider(diagnostics, log), {
      providedCodeActionKinds: MlmodelCodeActionProvider.kinds,
    }),
    vscode.languages.registerDocumentSymbolProvider(
      SELECTOR,
      {
        provideDocumentSymbols: (document) => documentSymbols(document.getText()).map(toDocumentSymbol),
      },
      { label: 'MLmodel' },
    ),
    vscode.languages.registerFoldingRangeProvider(SELECTOR, {
      provideFoldingRanges: (document) =>
        foldingRanges(document.getText()).map((r) => new vscode.FoldingRange(r.startLine, r.endLine)),
    }),
  );
  registerReported(context, log, {
    [MLMODEL_COMMANDS.validateAll]: () => validateAllMlmodelFiles(diagnostics),
  });
}
