import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import type { StoreSession } from '../connection/storeSession';
import type { ServeManager } from '../serving/serveManager';
import { ActionableError } from '../errors/actionableError';
import { ConnectionPanel } from '../webviews/connectionPanel';
import { COMMANDS } from './commandIds';
import { connectServer } from './connectServer';
import { openDocs } from './openDocs';
import { openLocalStore } from './openLocalStore';
import { pickConnection } from './pickConnection';
import { serveModel } from './serveModel';
import { showLogs } from './showLogs';
import { restartServer, showServerLogs, stopServer } from './stopServer';
import { buildDockerImage } from './buildDockerImage';
import { generateDockerfile } from './generateDockerfile';
import { predictWithExample } from './predictWithExample';
import { tryServer } from './tryServer';
import { saveTryItRequest } from './saveTryItRequest';
import { deployModel } from './deployModel';
import type { CliTaskRunner } from '../process/cliTaskRunner';
import type { ConnectionSecrets } from '../connection/connectionSecrets';
import type { MicrosoftToken } from '../connection/microsoftToken';
import type { SavedConnections } from '../connection/savedConnections';
import { removeConnection, renameConnection, switchConnection } from './savedConnectionCommands';
import { signIn, signOut } from './signIn';
import { testConnection } from './testConnection';
import { userCredentials } from '../connection/userCredentials';
import { startLocalServer } from '../connection/startLocalServer';

export interface CommandDeps {
  readonly context: vscode.ExtensionContext;
  readonly connections: ConnectionManager;
  /** The user's named connections and the credentials kept for them. */
  readonly saved: SavedConnections;
  readonly secrets: ConnectionSecrets;
  readonly microsoft: MicrosoftToken;
  /** The active connection's tracking and registry stores. */
  readonly stores: StoreSession;
  readonly log: vscode.LogOutputChannel;
  readonly servers: ServeManager;
  readonly runner: CliTaskRunner;
}

/** Wire every implemented command to its handler; each registration is owned by the context. */
export function registerCommands({ context, connections, stores, saved, secrets, microsoft, log, servers, runner }: CommandDeps): void {
  // Children (serve, predict, docker, deploy) get the credentials the user typed, in their env only.
  const task = { runner, connections, log, secrets: userCredentials(secrets, microsoft) };
  const auth = { connections, secrets, stores, microsoft, log };
  const handlers: Record<(typeof COMMANDS)[keyof typeof COMMANDS], (...args: unknown[]) => unknown> = {
    [COMMANDS.connectServer]: (uri, options) => connectServer({ log, saved, secrets, microsoft, stores }, uri, options),
    [COMMANDS.openLocalStore]: (uri) => openLocalStore(log, uri, saved),
    [COMMANDS.pickConnection]: () => pickConnection(connections, saved),
    [COMMANDS.testConnection]: (arg) => testConnection({ connections, stores, saved, log }, arg),
    [COMMANDS.signIn]: (arg) => signIn(auth, arg),
    [COMMANDS.signOut]: () => signOut(auth),
    [COMMANDS.switchConnection]: (name) => switchConnection({ saved, secrets, log }, name),
    [COMMANDS.renameConnection]: (name, to) => renameConnection({ saved, secrets, log }, name, to),
    [COMMANDS.removeConnection]: (name) => removeConnection({ saved, secrets, log }, name),
    [COMMANDS.showConnectionDetails]: () => {
      ConnectionPanel.show(context.extensionUri, connections, log);
    },
    [COMMANDS.startLocalServer]: () => startLocalServer(connections, log),
    [COMMANDS.showLogs]: () => {
      showLogs(log);
    },
    [COMMANDS.openDocs]: () => openDocs(),
    [COMMANDS.serveStart]: (arg, answers) => serveModel(servers, context.workspaceState, arg, answers),
    [COMMANDS.serveStop]: (arg) => stopServer(servers, arg),
    [COMMANDS.serveShowLogs]: (arg) => showServerLogs(servers, arg),
    [COMMANDS.serveRestart]: (arg) => restartServer(servers, arg),
    [COMMANDS.serveTryIt]: (arg) => tryServer({ extensionUri: context.extensionUri, manager: servers, stores, log }, arg),
    [COMMANDS.serveSaveRequest]: (arg, target) => saveTryItRequest(servers, arg, target),
    [COMMANDS.predict]: (arg) => predictWithExample(task, arg),
    [COMMANDS.generateDockerfile]: (arg, out) => generateDockerfile(task, arg, out),
    [COMMANDS.buildDocker]: (arg, name) => buildDockerImage(task, arg, name),
    [COMMANDS.deploy]: (arg, answers) => deployModel(task, arg, answers),
  };
  for (const [id, handler] of Object.entries(handlers)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, withErrorReport(id, handler, log)));
  }
}

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
