import * as vscode from 'vscode';
import type { MlmodelDiagnostics } from './mlmodelDiagnostics';

/** What "Validate All MLmodel Files" found, as shown to the user. */
export interface ValidateAllSummary {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
  readonly cancelled: boolean;
  readonly message: string;
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/**
 * "MLflow: Validate All MLmodel Files": every MLmodel in the workspace, open or not, into
 * Problems, with cancellable progress and a one-line summary. Returns the summary so callers
 * (and tests) need not read the notification.
 */
export async function validateAllMlmodelFiles(diagnostics: MlmodelDiagnostics): Promise<ValidateAllSummary> {
  const { result, cancelled } = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Validating MLmodel files…', cancellable: true },
    async (_progress, token) => ({
      result: await diagnostics.validateWorkspace(token),
      cancelled: token.isCancellationRequested,
    }),
  );
  const message = `MLmodel validation${cancelled ? ' (cancelled)' : ''}: ${count(result.files, 'file')}, ${count(result.errors, 'error')}, ${count(result.warnings, 'warning')}.`;
  const findings = result.errors + result.warnings > 0;
  const show = findings ? 'Show Problems' : undefined;
  // Not awaited: the notification stays until dismissed, and the command has finished its work.
  const shown =
    result.errors > 0
      ? vscode.window.showWarningMessage(message, ...(show ? [show] : []))
      : vscode.window.showInformationMessage(message, ...(show ? [show] : []));
  void shown.then((choice) =>
    choice === show && show !== undefined
      ? vscode.commands.executeCommand('workbench.actions.view.problems')
      : undefined,
  );
  return { ...result, cancelled, message };
}
