import * as vscode from 'vscode';
import { redactUri } from '../../core/connection/trackingUri';
import { saveTrackingUri, trackingUriSetting } from '../shared/config';
import type { ConnectionManager } from './connectionManager';
import type { ConnectionWorkspaces } from './connectionWorkspaces';
import { connectionLabel, type ConnectionState } from './connectionState';
import type { SavedConnections } from './savedConnections';
import { COMMANDS } from '../shared/commandIds/commandIds';

interface Choice extends vscode.QuickPickItem {
  readonly run?: () => Thenable<unknown>;
}

/** "Switch Workspace…" where workspaces can exist: a server, or an mlflow.db (an mlruns folder has none). */
function workspaceChoice(state: ConnectionState, workspaces: ConnectionWorkspaces | undefined): Choice[] {
  if (state.status !== 'ready' || state.target.kind === 'file') {
    return [];
  }
  return [
    {
      label: '$(layers) Switch Workspace…',
      detail: `MLflow 3.10+ workspaces · now: ${workspaces?.get(state.uri) ?? 'default'}`,
      run: () => vscode.commands.executeCommand(COMMANDS.switchWorkspace),
    },
  ];
}

/**
 * The status bar's menu: the saved connections (the active one checked) to switch to, then
 * connect, open a local store, test, sign in, manage the list, fall back to the environment, or inspect.
 */
export async function pickConnection(
  connections: ConnectionManager,
  saved: SavedConnections,
  workspaces?: ConnectionWorkspaces,
): Promise<void> {
  const state = connections.state;
  const activeUri = state.status === 'none' ? undefined : state.uri;
  const list = saved.list();
  const choices: Choice[] = [];
  if (list.length > 0) {
    choices.push({ label: 'Saved connections', kind: vscode.QuickPickItemKind.Separator });
    for (const c of list) {
      const active = c.uri === activeUri;
      choices.push({
        label: `${active ? '$(check)' : '$(blank)'} ${c.name}`,
        description: redactUri(c.uri),
        detail: active ? 'Active' : undefined,
        run: active ? undefined : () => vscode.commands.executeCommand(COMMANDS.switchConnection, c.name),
      });
    }
    choices.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  }
  choices.push(
    {
      label: '$(plug) Connect to Tracking Server…',
      detail: 'An MLflow server, Databricks or Azure Machine Learning',
      run: () => vscode.commands.executeCommand(COMMANDS.connectServer),
    },
    {
      label: '$(database) Open Local Store…',
      detail: 'An mlflow.db file or an mlruns folder (read-only)',
      run: () => vscode.commands.executeCommand(COMMANDS.openLocalStore),
    },
  );
  choices.push(...workspaceChoice(state, workspaces));
  if (state.status !== 'none') {
    choices.push({
      label: '$(pulse) Test Connection',
      run: () => vscode.commands.executeCommand(COMMANDS.testConnection),
    });
  }
  if (state.status === 'ready' && state.target.kind !== 'sqlite' && state.target.kind !== 'file') {
    choices.push({
      label: '$(key) Sign In…',
      detail: 'Credentials for this server, kept in secret storage',
      run: () => vscode.commands.executeCommand(COMMANDS.signIn),
    });
  }
  if (list.length > 0) {
    choices.push(
      {
        label: '$(edit) Rename a Saved Connection…',
        run: () => vscode.commands.executeCommand(COMMANDS.renameConnection),
      },
      {
        label: '$(trash) Remove a Saved Connection…',
        run: () => vscode.commands.executeCommand(COMMANDS.removeConnection),
      },
    );
  }
  const env = process.env.MLFLOW_TRACKING_URI?.trim();
  if (trackingUriSetting() !== '') {
    choices.push({
      label: '$(discard) Stop Using the mlflow.trackingUri Setting',
      detail: env
        ? `Fall back to MLFLOW_TRACKING_URI (${redactUri(env)})`
        : 'Fall back to the workspace .env or a store found in the workspace, if any',
      run: () => saveTrackingUri(undefined),
    });
  }
  choices.push(
    {
      label: '$(info) Show Connection Details',
      run: () => vscode.commands.executeCommand(COMMANDS.showConnectionDetails),
    },
    { label: '$(output) Show MLflow Logs', run: () => vscode.commands.executeCommand(COMMANDS.showLogs) },
  );
  const picked = await vscode.window.showQuickPick(choices, {
    title: `MLflow: ${connectionLabel(state)}`,
    placeHolder: 'Switch connection, or choose where MLflow data comes from',
  });
  await picked?.run?.();
}
