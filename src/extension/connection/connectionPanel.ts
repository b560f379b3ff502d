import * as vscode from 'vscode';
import {
  isConnectionWebviewMessage,
  type ConnectionHostMessage,
  type ConnectionSnapshot,
} from '../../protocol/connectionPanel';
import { COMMANDS } from '../shared/commandIds/commandIds';
import type { ConnectionManager } from './connectionManager';
import { isReadOnly, type ConnectionState } from './connectionState';
import { redactUri } from '../../core/connection/trackingUri';
import { PANEL_KINDS } from '../../protocol/panelKinds';
import { createPanel, showPanelPage } from '../shared/webviews/webviewHtml';

export const CONNECTION_PANEL_VIEW_TYPE = PANEL_KINDS.connection.viewType;

/**
 * The "MLflow Connection" panel: where data comes from, in which mode, and what is wrong when it
 * cannot be used. One instance; the host owns the data and sends a full snapshot after the
 * webview's `ready` and on every change.
 */
export class ConnectionPanel implements vscode.Disposable {
  private static current: ConnectionPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;

  static show(
    extensionUri: vscode.Uri,
    connections: ConnectionManager,
    log: vscode.LogOutputChannel,
  ): ConnectionPanel {
    if (ConnectionPanel.current) {
      ConnectionPanel.current.panel.reveal();
      return ConnectionPanel.current;
    }
    const panel = createPanel('connection', 'MLflow Connection', extensionUri);
    return new ConnectionPanel(panel, extensionUri, connections, log);
  }

  /** Re-attach to a panel VS Code restored after a reload. */
  static revive(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    connections: ConnectionManager,
    log: vscode.LogOutputChannel,
  ): void {
    ConnectionPanel.current?.dispose();
    new ConnectionPanel(panel, extensionUri, connections, log);
  }

  static disposeCurrent(): void {
    ConnectionPanel.current?.dispose();
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly connections: ConnectionManager,
    private readonly log: vscode.LogOutputChannel,
  ) {
    ConnectionPanel.current = this;
    showPanelPage('connection', panel, extensionUri);
    this.disposables.push(
      panel.onDidDispose(() => {
        this.dispose();
      }),
      panel.webview.onDidReceiveMessage((m: unknown) => {
        this.onMessage(m);
      }),
      connections.onDidChange(() => {
        this.post();
      }),
    );
  }

  private onMessage(message: unknown): void {
    if (!isConnectionWebviewMessage(message)) {
      this.log.warn('Ignored an unexpected message from the connection panel.');
      return;
    }
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.post();
        return;
      case 'connection/switch':
        void vscode.commands.executeCommand(COMMANDS.pickConnection);
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
    const msg: ConnectionHostMessage = {
      type: 'connection/snapshot',
      snapshot: toSnapshot(this.connections.state),
    };
    void this.panel.webview.postMessage(msg);
  }

  dispose(): void {
    if (ConnectionPanel.current === this) {
      ConnectionPanel.current = undefined;
    }
    for (const d of this.disposables.splice(0)) {
      d.dispose();
    }
    this.panel.dispose();
  }
}

export function toSnapshot(state: ConnectionState): ConnectionSnapshot {
  switch (state.status) {
    case 'none':
      return {
        connected: false,
        kind: undefined,
        display: undefined,
        source: undefined,
        readOnly: false,
        problem: undefined,
      };
    case 'invalid':
      return {
        connected: false,
        kind: undefined,
        display: redactUri(state.uri),
        source: state.source,
        readOnly: false,
        problem: state.problem,
      };
    case 'ready':
      return {
        connected: true,
        kind: state.target.kind,
        display: state.target.display,
        source: state.source,
        readOnly: isReadOnly(state),
        problem: undefined,
      };
  }
}
