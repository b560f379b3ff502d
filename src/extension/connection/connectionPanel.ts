import * as vscode from 'vscode';
import type { ConnectionSnapshot, ConnectionWebviewMessage } from '../../protocol/connectionPanel';
import { COMMANDS } from '../shared/commandIds/commandIds';
import type { ConnectionManager } from './connectionManager';
import { isReadOnly, type ConnectionState } from './connectionState';
import { redactUri } from '../../core/connection/trackingUri';
import type { HostedPanel } from '../shared/webviews/hostedPanel';
import { PanelHost } from '../shared/webviews/panelHost';

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
    connections: ConnectionManager,
    log: vscode.LogOutputChannel,
  ): ConnectionPanel {
    return connectionPanels.show('connection', 'MLflow Connection', { extensionUri, log }, (hosted) => {
      return new ConnectionPanel(hosted, connections);
    });
  }

  /** Bring the panel back after a reload (it shows the connection of now: no view state). */
  static registerSerializer(
    extensionUri: vscode.Uri,
    connections: ConnectionManager,
    log: vscode.LogOutputChannel,
  ): vscode.Disposable {
    return connectionPanels.registerSerializer((panel) => {
      connectionPanels.revive('connection', panel, { extensionUri, log }, (hosted) => {
        return new ConnectionPanel(hosted, connections);
      });
    });
  }

  static disposeCurrent(): void {
    connectionPanels.disposeAll();
  }

  private constructor(
    private readonly hosted: HostedPanel<'connection'>,
    private readonly connections: ConnectionManager,
  ) {
    hosted.own(
      connections.onDidChange(() => {
        this.post();
      }),
    );
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
      case 'connection/showLogs':
        void vscode.commands.executeCommand(COMMANDS.showLogs);
        return;
    }
  }

  private post(): void {
    if (!this.ready) {
      return;
    }
    this.hosted.post({ type: 'connection/snapshot', snapshot: toSnapshot(this.connections.state) });
  }

  dispose(): void {
    this.hosted.dispose();
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
