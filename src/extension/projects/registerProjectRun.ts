import type * as vscode from 'vscode';
import { registerReported } from '../shared/errors/withErrorReport';
import type { ConnectionManager } from '../connection';
import type { SecretCredentials } from '../connection';
import type { Explorer } from '../explorer';
import { registerTrustedCodeLenses } from '../shared/trustedCodeLenses';
import { mlprojectCodeLenses } from './mlprojectCodeLens';
import { PROJECT_COMMANDS } from '../shared/commandIds/projectCommandIds';
import { ProjectRunPanel } from './projectRunPanel';
import { ProjectRunner } from './projectRunner';
import { runEntryPoint } from './runEntryPoint';

/**
 * Running MLproject entry points: the command, the CodeLens above each entry point, and the
 * runner that owns the terminals. Everything is registered on the context.
 */
export function registerProjectRun(
  context: vscode.ExtensionContext,
  deps: {
    readonly connections: ConnectionManager;
    readonly secrets: SecretCredentials;
    readonly explorer: Explorer;
    readonly log: vscode.LogOutputChannel;
  },
): void {
  const runner = new ProjectRunner(deps);
  const run = {
    extensionUri: context.extensionUri,
    workspaceState: context.workspaceState,
    runner,
    explorer: deps.explorer,
    log: deps.log,
  };
  context.subscriptions.push(
    runner,
    {
      dispose: () => {
        ProjectRunPanel.disposeAll();
      },
    },
    registerTrustedCodeLenses({ language: 'mlproject', scheme: 'file' }, mlprojectCodeLenses),
  );
  registerReported(context, deps.log, {
    [PROJECT_COMMANDS.runEntryPoint]: (file, entry, options) => runEntryPoint(run, file, entry, options),
  });
}
