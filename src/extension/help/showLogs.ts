import type * as vscode from 'vscode';

/** "MLflow: Show Logs": reveal the "MLflow" output channel. */
export function showLogs(log: vscode.LogOutputChannel): void {
  log.show(true);
}
