import type * as vscode from 'vscode';
import { COMMANDS } from '../shared/commandIds/commandIds';
import { registerReported } from '../shared/errors/withErrorReport';
import { connectServer } from './connectServer';
import { ConnectionPanel } from './connectionPanel';
import type { ConnectionManager } from './connectionManager';
import type { ConnectionSecrets } from './connectionSecrets';
import type { ConnectionWorkspaces } from './connectionWorkspaces';
import type { MicrosoftToken } from './microsoftToken';
import { openLocalStore } from './openLocalStore';
import { pickConnection } from './pickConnection';
import type { SavedConnections } from './savedConnections';
import { removeConnection, renameConnection, switchConnection } from './savedConnectionCommands';
import { signIn, signOut } from './signIn';
import { startLocalServer } from './startLocalServer';
import type { StoreSession } from './storeSession';
import { switchWorkspace } from './switchWorkspace';
import { testConnection } from './testConnection';

export interface ConnectionCommandDeps {
  readonly context: vscode.ExtensionContext;
  readonly connections: ConnectionManager;
  /** The user's named connections and the credentials kept for them. */
  readonly saved: SavedConnections;
  readonly secrets: ConnectionSecrets;
  readonly microsoft: MicrosoftToken;
  /** The active connection's tracking and registry stores. */
  readonly stores: StoreSession;
  readonly log: vscode.LogOutputChannel;
  /** The MLflow workspace chosen per connection. */
  readonly workspaces: ConnectionWorkspaces;
}

/** Connect, switch, sign in, test and show the connection; the connection panel survives a reload. */
export function registerConnectionCommands({
  context,
  connections,
  stores,
  saved,
  secrets,
  microsoft,
  log,
  workspaces,
}: ConnectionCommandDeps): void {
  const auth = { connections, secrets, stores, microsoft, log };
  registerReported(context, log, {
    [COMMANDS.connectServer]: (uri, options) =>
      connectServer({ log, saved, secrets, microsoft, stores }, uri, options),
    [COMMANDS.openLocalStore]: (uri) => openLocalStore(log, uri, saved),
    [COMMANDS.pickConnection]: () => pickConnection(connections, saved, workspaces),
    [COMMANDS.switchWorkspace]: (name) => switchWorkspace({ connections, stores, workspaces, log }, name),
    [COMMANDS.testConnection]: (arg) => testConnection({ connections, stores, saved, log }, arg),
    [COMMANDS.signIn]: (arg) => signIn(auth, arg),
    [COMMANDS.signOut]: () => signOut(auth),
    [COMMANDS.switchConnection]: (name) => switchConnection({ saved, secrets, log }, name),
    [COMMANDS.renameConnection]: (name, to) => renameConnection({ saved, secrets, log }, name, to),
    [COMMANDS.removeConnection]: (name) => removeConnection({ saved, secrets, log }, name),
    [COMMANDS.showConnectionDetails]: () => {
      ConnectionPanel.show(context.extensionUri, { connections, workspaces }, log);
    },
    [COMMANDS.startLocalServer]: () => startLocalServer(connections, log),
  });
  context.subscriptions.push(
    ConnectionPanel.registerSerializer(context.extensionUri, { connections, workspaces }, log),
    {
      dispose: () => {
        ConnectionPanel.disposeCurrent();
      },
    },
  );
}
