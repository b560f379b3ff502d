import * as vscode from 'vscode';
import { DEFAULT_WORKSPACE, type Workspace } from '../../core/tracking/rest/workspaces';
import type { ConnectionManager } from './connectionManager';
import { connectionLabel } from './connectionState';
import type { ConnectionWorkspaces } from './connectionWorkspaces';
import type { StoreSession } from './storeSession';

/** What "Switch Workspace" needs. */
export interface SwitchWorkspaceDeps {
  readonly connections: ConnectionManager;
  readonly stores: StoreSession;
  readonly workspaces: ConnectionWorkspaces;
  readonly log: vscode.LogOutputChannel;
}

interface WorkspaceItem extends vscode.QuickPickItem {
  readonly workspace: string;
}

/**
 * "MLflow: Switch Workspace…": list the active connection's workspaces (an MLflow 3.10+ server
 * started with `--enable-workspaces`, or a local mlflow.db of one), the current one checked, and
 * remember the choice for this connection; the views reload in it. `name` (tests, other commands)
 * picks one without asking, if the server lists it. Returns the workspace now in use, or undefined
 * when nothing changed or there are no workspaces.
 */
export async function switchWorkspace(
  deps: SwitchWorkspaceDeps,
  name?: unknown,
): Promise<string | undefined> {
  const state = deps.connections.state;
  if (state.status !== 'ready') {
    void vscode.window.showInformationMessage('Connect to an MLflow tracking server first.');
    return undefined;
  }
  const list = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'MLflow: listing workspaces' },
    () => deps.stores.availableWorkspaces(),
  );
  const current = deps.workspaces.get(state.uri) ?? DEFAULT_WORKSPACE;
  if (list === undefined || list.length === 0) {
    if (deps.workspaces.get(state.uri) !== undefined) {
      // A choice saved when the server had workspaces: it is not sent any more, so forget it.
      await deps.workspaces.set(state.uri, undefined);
    }
    void vscode.window.showInformationMessage(
      state.target.kind === 'file' || state.target.kind === 'sqlite'
        ? 'This local store has no MLflow workspaces.'
        : 'This server has no MLflow workspaces: they exist on MLflow 3.10+ servers started with --enable-workspaces.',
    );
    return undefined;
  }
  const chosen = typeof name === 'string' ? pickNamed(list, name) : await pickFromList(list, current);
  if (chosen === undefined || chosen === current) {
    return chosen === current ? current : undefined;
  }
  await deps.workspaces.set(state.uri, chosen);
  deps.log.info(`Workspace of ${connectionLabel(state)}: ${chosen}`);
  return chosen;
}

function pickNamed(list: readonly Workspace[], name: string): string {
  if (!list.some((w) => w.name === name)) {
    throw new Error(`This server has no workspace "${name}" (it has ${list.map((w) => w.name).join(', ')}).`);
  }
  return name;
}

async function pickFromList(list: readonly Workspace[], current: string): Promise<string | undefined> {
  const items = list.map((w): WorkspaceItem => ({
    label: `${w.name === current ? '$(check)' : '$(blank)'} ${w.name}`,
    description: w.description,
    detail: w.name === current ? 'Current workspace' : undefined,
    workspace: w.name,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'MLflow: Switch Workspace',
    placeHolder: 'The workspace whose experiments, runs, models and traces the views show',
  });
  return picked?.workspace;
}
