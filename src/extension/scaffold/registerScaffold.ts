import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import type { SecretCredentials } from '../connection/storeSession';
import type { CliTaskRunner } from '../process/cliTaskRunner';
import { LogModelCodeLensProvider } from './logModelCodeLens';
import { logScaffoldedModel } from './logScaffoldedModel';
import { newCustomModel } from './newCustomModel';
import { SCAFFOLD_COMMANDS } from './scaffoldCommandIds';

/** What the scaffold feature exposes to the extension API. */
export interface Scaffold {
  /** The URI the last "Log Model" in this window printed, if any. */
  readonly lastLoggedModelUri: () => string | undefined;
}

function reportErrors(id: string, log: vscode.LogOutputChannel, handler: (...args: unknown[]) => Promise<unknown>): (...args: unknown[]) => Promise<unknown> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      log.error(`${id} failed: ${message}`);
      void vscode.window.showErrorMessage(`MLflow: ${message}`);
      return undefined;
    }
  };
}

/** "New Custom Model…", "Log Model" and the CodeLens on scaffolded log_model.py files. */
export function registerScaffold(
  context: vscode.ExtensionContext,
  deps: { readonly runner: CliTaskRunner; readonly connections: ConnectionManager; readonly log: vscode.LogOutputChannel; readonly secrets?: SecretCredentials },
): Scaffold {
  let last: string | undefined;
  const lenses = new LogModelCodeLensProvider();
  const logDeps = {
    ...deps,
    onLogged: (uri: string) => {
      last = uri;
    },
  };
  context.subscriptions.push(
    lenses,
    vscode.languages.registerCodeLensProvider({ language: 'python', scheme: 'file', pattern: '**/log_model.py' }, lenses),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      lenses.refresh();
    }),
    vscode.commands.registerCommand(SCAFFOLD_COMMANDS.newCustomModel, reportErrors(SCAFFOLD_COMMANDS.newCustomModel, deps.log, (args) => newCustomModel(args))),
    vscode.commands.registerCommand(
      SCAFFOLD_COMMANDS.logScaffolded,
      reportErrors(SCAFFOLD_COMMANDS.logScaffolded, deps.log, (arg, after) => logScaffoldedModel(logDeps, arg, after)),
    ),
  );
  return { lastLoggedModelUri: () => last };
}
