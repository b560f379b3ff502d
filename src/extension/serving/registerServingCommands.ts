import type * as vscode from 'vscode';
import type { ConnectionManager, SecretCredentials, StoreSession } from '../connection';
import { COMMANDS } from '../shared/commandIds/commandIds';
import { registerReported } from '../shared/errors/withErrorReport';
import type { CliTaskRunner } from '../shared/process/cliTaskRunner';
import { buildDockerImage } from './buildDockerImage';
import { deployModel } from './deployModel';
import { generateDockerfile } from './generateDockerfile';
import { predictWithExample } from './predictWithExample';
import { saveTryItRequest } from './saveTryItRequest';
import type { ServeManager } from './serveManager';
import { serveModel } from './serveModel';
import { restartServer, showServerLogs, stopServer } from './stopServer';
import { TryItPanel } from './tryItPanel';
import { tryServer } from './tryServer';

export interface ServingCommandDeps {
  readonly context: vscode.ExtensionContext;
  readonly connections: ConnectionManager;
  readonly stores: StoreSession;
  /** The credentials the user typed: children (serve, predict, docker, deploy) get them in their env only. */
  readonly secrets: SecretCredentials;
  readonly log: vscode.LogOutputChannel;
  readonly servers: ServeManager;
  readonly runner: CliTaskRunner;
}

/** Serve, stop, restart, Try it, predict, Docker and deploy. */
export function registerServingCommands({
  context,
  connections,
  stores,
  secrets,
  log,
  servers,
  runner,
}: ServingCommandDeps): void {
  const task = { runner, connections, log, secrets, stores };
  registerReported(context, log, {
    [COMMANDS.serveStart]: (arg, answers) => serveModel(servers, context.workspaceState, arg, answers),
    [COMMANDS.serveStop]: (arg) => stopServer(servers, arg),
    [COMMANDS.serveShowLogs]: (arg) => showServerLogs(servers, arg),
    [COMMANDS.serveRestart]: (arg) => restartServer(servers, arg),
    [COMMANDS.serveTryIt]: (arg) =>
      tryServer({ extensionUri: context.extensionUri, manager: servers, stores, log }, arg),
    [COMMANDS.serveSaveRequest]: (arg, target) => saveTryItRequest(servers, arg, target),
    [COMMANDS.predict]: (arg) => predictWithExample(task, arg),
    [COMMANDS.generateDockerfile]: (arg, out) => generateDockerfile(task, arg, out),
    [COMMANDS.buildDocker]: (arg, name) => buildDockerImage(task, arg, name),
    [COMMANDS.deploy]: (arg, answers) => deployModel(task, arg, answers),
  });
  context.subscriptions.push({
    dispose: () => {
      TryItPanel.disposeAll();
    },
  });
}
