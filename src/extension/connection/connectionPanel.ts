import * as vscode from 'vscode';
import type { ConnectionSnapshot, ConnectionWebviewMessage } from '../../protocol/connectionPanel';
import { COMMANDS } from '../shared/commandIds/commandIds';
import type { ConnectionManager } from './connectionManager';
import type { ConnectionWorkspaces } from './connectionWorkspaces';
import { isReadOnly, type ConnectionState } from './connectionState';
import { redactUri } from '../../core/connection/trackingUri';
import type { HostedPanel } from '../shared/webviews/hostedPanel';
import { PanelHost } from '../shared/webviews/panelHost';

/** What the panel shows: the active connection and the workspace chosen for it. */
export interface ConnectionPanelDeps {
  readonly connections: ConnectionManager;
  readonly workspaces?: ConnectionWorkspaces;
}

/** The one connection panel, under the one key. */
const connectionPanels = new PanelHost<'connection', 'connection', ConnectionPanel>({
  kind: 'connection',
  what: 'the connection panel',
});

/**
 * The "MLflow Connection" panel: where data comes from, in which mode, and what is wrong when it
 * cannot be used. One instance; the host owns the data and sends a full snapshot after the
 * webview's `ready` and on every change.
 */
export class ConnectionPanel implements vscode.Disposable {
  private ready = false;

  static show(
    extensionUri: vscode.Uri,
    deps: ConnectionPanelDeps,
    log: vscode.LogOutputChannel,
  ): ConnectionPanel {
    return connectionPanels.show('connection', 'MLflow Connection', { extensionUri, log }, (hosted) => {
      return new ConnectionPanel(hosted, deps);
    });
  }

  /** Bring the panel back after a reload (it shows the connection of now: no view state). */
  static registerSerializer(
    extensionUri: vscode.Uri,
    deps: ConnectionPanelDeps,
    log: vscode.LogOutputChannel,
  ): vscode.Disposable {
    return connectionPanels.registerSerializer((panel) => {
      connectionPanels.revive('connection', panel, { extensionUri, log }, (hosted) => {
        return new ConnectionPanel(hosted, deps);
      });
    });
  }

  static disposeCurrent(): void {
    connectionPanels.disposeAll();
  }

  private constructor(
    private readonly hosted: HostedPanel<'connection'>,
    private readonly deps: ConnectionPanelDeps,
  ) {
    hosted.own(
      deps.connections.onDidChange(() => {
        this.post();
      }),
    );
    if (deps.workspaces !== undefined) {
      hosted.own(
        deps.workspaces.onDidChange(() => {
          this.post();
        }),
      );
    }
  }

  /** The VS Code panel it is shown in. */
  get panel(): vscode.WebviewPanel {
    return this.hosted.panel;
  }

  /** A message the guard accepted. */
  onMessage(message: ConnectionWebviewMessage): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.post();
        return;
      case 'connection/switch':
        void vscode.commands.executeCommand(COMMANDS.pickConnection);
        return;
      case 'connection/switchWorkspace':
        void vscode.commands.executeCommand(COMMANDS.switchWorkspace);
        return;
      case 'connection/showLogs':
        void vscode.commands.executeCommand(COMMANDS.showLogs);
        return;
    }
  }

  private post(): void {
    if (!this.ready) {
      return;
    }
    const state = this.deps.connections.state;
    const workspace = state.status === 'ready' ? this.deps.workspaces?.get(state.uri) : undefined;
    this.hosted.post({ type: 'connection/snapshot', snapshot: toSnapshot(state, workspace) });
  }

  dispose(): void {
    this.hosted.dispose();
  }
}

export function toSnapshot(state: ConnectionState, workspace?: string): ConnectionSnapshot {
  switch (state.status) {
    case 'none':
      return {
        connected: false,
        kind: undefined,
        display: undefined,
        source: undefined,
        readOnly: false,
        problem: undefined,
        workspace: undefined,
        canSwitchWorkspace: false,
      };
    case 'invalid':
      return {
        connected: false,
        kind: undefined,
        display: redactUri(state.uri),
        source: state.source,
        readOnly: false,
        problem: state.problem,
        workspace: undefined,
        canSwitchWorkspace: false,
      };
    case 'ready':
      return {
        connected: true,
        kind: state.target.kind,
        display: state.target.display,
        source: state.source,
        readOnly: isReadOnly(state),
        problem: undefined,
        workspace,
        canSwitchWorkspace: state.target.kind !== 'file',
      };
  }
}
