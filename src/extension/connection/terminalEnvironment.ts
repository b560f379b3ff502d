import * as vscode from 'vscode';
import { localStoreUri } from '../../core/connection/localStoreUri';
import type { TrackingTarget } from '../../core/connection/trackingUri';
import { SETTINGS, mlflowConfig } from '../shared/config';
import type { ConnectionManager } from './connectionManager';
import type { ConnectionState } from './connectionState';

/**
 * The URI a terminal's `MLFLOW_TRACKING_URI` gets: absolute for local stores (the terminal's cwd
 * may differ from the workspace root), and never with credentials (a server's user-info is dropped).
 */
export function terminalTrackingUri(target: TrackingTarget): string {
  switch (target.kind) {
    case 'rest':
      return target.baseUrl;
    case 'sqlite':
    case 'file':
      return localStoreUri(target.kind, target.path);
    case 'databricks':
    case 'azureml':
      return target.uri;
  }
}

/**
 * Keeps `MLFLOW_TRACKING_URI` of new integrated terminals on the active connection, so
 * `python train.py` logs where the user is looking. Off with `mlflow.terminal.injectTrackingUri`.
 */
export class TerminalEnvironment implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly collection: vscode.GlobalEnvironmentVariableCollection,
    private readonly connections: ConnectionManager,
  ) {
    collection.description = 'MLFLOW_TRACKING_URI of the active MLflow connection';
    this.subscriptions = [
      connections.onDidChange((s) => {
        this.apply(s);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`mlflow.${SETTINGS.injectTerminalEnv}`)) {
          this.apply(this.connections.state);
        }
      }),
    ];
    this.apply(connections.state);
  }

  private apply(state: ConnectionState): void {
    const enabled = mlflowConfig().get<boolean>(SETTINGS.injectTerminalEnv, true);
    if (enabled && state.status === 'ready') {
      this.collection.replace('MLFLOW_TRACKING_URI', terminalTrackingUri(state.target));
    } else {
      this.collection.delete('MLFLOW_TRACKING_URI');
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) {
      s.dispose();
    }
  }
}
