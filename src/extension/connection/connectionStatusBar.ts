import * as vscode from 'vscode';
import { redactUri } from '../../core/connection/trackingUri';
import { COMMANDS } from '../shared/commandIds/commandIds';
import type { ConnectionManager } from './connectionManager';
import type { ConnectionWorkspaces } from './connectionWorkspaces';
import { connectionLabel, isReadOnly, type ConnectionState } from './connectionState';

const SOURCE_TEXT = {
  setting: 'the mlflow.trackingUri setting',
  environment: 'MLFLOW_TRACKING_URI',
  dotenv: 'MLFLOW_TRACKING_URI in the workspace .env file',
  workspace: 'a store found in this workspace',
} as const;

/**
 * "MLflow: <connection>" in the status bar, with the chosen MLflow workspace after it; clicking it
 * opens the connection menu (switch connection or workspace, test, sign in…).
 */
export class ConnectionStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly connections: ConnectionManager,
    private readonly workspaces?: ConnectionWorkspaces,
  ) {
    this.item = vscode.window.createStatusBarItem('mlflow.connection', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'MLflow Connection';
    this.item.command = COMMANDS.pickConnection;
    this.render(connections.state);
    this.item.show();
    this.subscription = vscode.Disposable.from(
      connections.onDidChange((s) => {
        this.render(s);
      }),
      workspaces?.onDidChange(() => {
        this.render(this.connections.state);
      }) ?? { dispose: () => undefined },
    );
  }

  private render(state: ConnectionState): void {
    const workspace = state.status === 'ready' ? this.workspaces?.get(state.uri) : undefined;
    const scoped = workspace === undefined ? '' : ` $(layers) ${workspace}`;
    this.item.text = `$(beaker) MLflow: ${connectionLabel(state)}${scoped}`;
    const tip = new vscode.MarkdownString(undefined, true);
    tip.isTrusted = false;
    tip.supportHtml = false;
    if (state.status === 'none') {
      tip.appendText('No MLflow tracking server or local store is configured. Click to connect.');
      this.item.backgroundColor = undefined;
    } else if (state.status === 'invalid') {
      tip.appendText(`The tracking URI from ${SOURCE_TEXT[state.source]} cannot be used: ${state.problem}`);
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    } else {
      tip.appendText(`${state.target.display}\n\nFrom ${SOURCE_TEXT[state.source]}`);
      if (isReadOnly(state)) {
        tip.appendText(' · read-only local store');
      }
      if (workspace !== undefined) {
        tip.appendText(`\n\nWorkspace: ${workspace}`);
      }
      tip.appendText(`\n\n${redactUri(state.uri)}\n\nClick to switch connection or workspace.`);
      this.item.backgroundColor = undefined;
    }
    this.item.tooltip = tip;
    this.item.accessibilityInformation = {
      label: `MLflow connection: ${connectionLabel(state)}${workspace === undefined ? '' : `, workspace ${workspace}`}`,
    };
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
