import * as vscode from 'vscode';
import { ActionableError } from './actionableError';

/** A failing command says so in a message and the log, instead of failing silently. */
export function withErrorReport(
  id: string,
  handler: (...args: unknown[]) => unknown,
  log: vscode.LogOutputChannel,
): (...args: unknown[]) => Promise<unknown> {
  return async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      log.error(`${id} failed: ${message}`);
      const actions = ActionableError.is(err) ? err.actions : [];
      void vscode.window.showErrorMessage(`MLflow: ${message}`, ...actions.map((a) => a.title)).then((picked) => actions.find((a) => a.title === picked)?.run());
      return undefined;
    }
  };
}

/** Register each handler under its id, wrapped in {@link withErrorReport}; the registrations are owned by `context`. */
export function registerReported(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  handlers: Readonly<Record<string, (...args: unknown[]) => unknown>>,
): void {
  for (const [id, handler] of Object.entries(handlers)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, withErrorReport(id, handler, log)));
  }
}
