import * as vscode from 'vscode';
import { isScaffoldedLogScript } from '../../core/scaffold/logScript';
import { SCAFFOLD_COMMANDS } from '../shared/commandIds/scaffoldCommandIds';

/**
 * "MLflow: Log Model" above the first line of a `log_model.py` that "New Custom Model…" wrote
 * (recognised by its marker line), only in trusted workspaces: clicking it runs the project's code.
 */
export function logModelCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
  // The marker sits in the first lines; a range past the document's end would be rejected.
  const head = Array.from(
    { length: Math.min(5, document.lineCount) },
    (_, i) => document.lineAt(i).text,
  ).join('\n');
  if (!isScaffoldedLogScript(document.uri.fsPath, head)) {
    return [];
  }
  return [
    new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
      title: '$(cloud-upload) MLflow: Log Model',
      command: SCAFFOLD_COMMANDS.logScaffolded,
      arguments: [document.uri],
      tooltip: 'Run this script with the Python that has MLflow, logging to the active connection',
    }),
  ];
}
