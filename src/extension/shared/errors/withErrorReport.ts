import * as vscode from 'vscode';
import { reportFailure } from './reportFailure';

/** Every command id registered through {@link registerReported}, for the test API's check that none is left out. */
const reported = new Set<string>();

export function reportedCommandIds(): readonly string[] {
  return [...reported];
}

/** A failing command says so through {@link reportFailure}, instead of failing silently. */
export function withErrorReport(
  id: string,
  handler: (...args: unknown[]) => unknown,
  log: vscode.LogOutputChannel,
): (...args: unknown[]) => Promise<unknown> {
  return async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (err) {
      reportFailure(undefined, err, log, id);
      return undefined;
    }
  };
}

/**
 * The only way the extension registers a command: each handler under its id, wrapped in
 * {@link withErrorReport}; the registrations are owned by `context`.
 */
export function registerReported(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  handlers: Readonly<Record<string, (...args: unknown[]) => unknown>>,
): void {
  for (const [id, handler] of Object.entries(handlers)) {
    reported.add(id);
    context.subscriptions.push(vscode.commands.registerCommand(id, withErrorReport(id, handler, log)));
  }
}
