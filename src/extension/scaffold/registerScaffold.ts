import type * as vscode from 'vscode';
import { registerReported } from '../shared/errors/withErrorReport';
import type { ConnectionManager } from '../connection';
import type { SecretCredentials } from '../connection';
import type { CliTaskRunner } from '../shared/process/cliTaskRunner';
import { registerTrustedCodeLenses } from '../shared/trustedCodeLenses';
import { logModelCodeLenses } from './logModelCodeLens';
import { logScaffoldedModel } from './logScaffoldedModel';
import { newCustomModel } from './newCustomModel';
import { SCAFFOLD_COMMANDS } from '../shared/commandIds/scaffoldCommandIds';

/** What the scaffold feature exposes to the extension API. */
export interface Scaffold {
  /** The URI the last "Log Model" in this window printed, if any. */
  readonly lastLoggedModelUri: () => string | undefined;
}

/** "New Custom Model…", "Log Model" and the CodeLens on scaffolded log_model.py files. */
export function registerScaffold(
  context: vscode.ExtensionContext,
  deps: {
    readonly runner: CliTaskRunner;
    readonly connections: ConnectionManager;
    readonly log: vscode.LogOutputChannel;
    readonly secrets?: SecretCredentials;
  },
): Scaffold {
  let last: string | undefined;
  const logDeps = {
    ...deps,
    onLogged: (uri: string) => {
      last = uri;
    },
  };
  context.subscriptions.push(
    registerTrustedCodeLenses(
      { language: 'python', scheme: 'file', pattern: '**/log_model.py' },
      logModelCodeLenses,
    ),
  );
  registerReported(context, deps.log, {
    [SCAFFOLD_COMMANDS.newCustomModel]: (args) => newCustomModel(args),
    [SCAFFOLD_COMMANDS.logScaffolded]: (arg, after) => logScaffoldedModel(logDeps, arg, after),
  });
  return { lastLoggedModelUri: () => last };
}
