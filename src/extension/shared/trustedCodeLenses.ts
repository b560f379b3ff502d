import * as vscode from 'vscode';

/**
 * Register CodeLenses whose commands run the workspace's code (serve a model, run a project, log
 * a model). They appear only on files of a trusted workspace, and as soon as trust is granted.
 * `lenses` is asked only for such documents.
 */
export function registerTrustedCodeLenses(
  selector: vscode.DocumentSelector,
  lenses: (document: vscode.TextDocument) => vscode.CodeLens[],
): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    provideCodeLenses: (document) =>
      vscode.workspace.isTrusted && document.uri.scheme === 'file' ? lenses(document) : [],
  };
  return vscode.Disposable.from(
    changed,
    vscode.languages.registerCodeLensProvider(selector, provider),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      changed.fire();
    }),
  );
}
