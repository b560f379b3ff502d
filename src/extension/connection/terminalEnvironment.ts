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
 * `python train.py` logs where the user is looking, and `MLFLOW_WORKSPACE` on the workspace
 * chosen for it (MLflow 3.10+ servers with workspaces; MLflow's client sends it as
 * X-MLFLOW-WORKSPACE). Off with `mlflow.terminal.injectTrackingUri`.
 */
export class TerminalEnvironment implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];
  /** Bumped by each apply, so a slower workspace lookup never overwrites a newer one. */
  private generation = 0;

  constructor(
    private readonly collection: vscode.GlobalEnvironmentVariableCollection,
    private readonly connections: ConnectionManager,
  ) {
    collection.description = 'MLFLOW_TRACKING_URI (and MLFLOW_WORKSPACE) of the active MLflow connection';
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

  /**
   * Look again at the workspace (the stores were reopened, e.g. after Switch Workspace). Which one
   * applies only the store session knows (the server said it has workspaces), through the
   * connection manager's child environment, the same one `mlflow` child processes get.
   */
  refresh(): void {
    this.apply(this.connections.state);
  }

  private apply(state: ConnectionState): void {
    const generation = ++this.generation;
    const enabled = mlflowConfig().get<boolean>(SETTINGS.injectTerminalEnv, true);
    if (!enabled || state.status !== 'ready') {
      this.collection.delete('MLFLOW_TRACKING_URI');
      this.collection.delete('MLFLOW_WORKSPACE');
      return;
    }
    this.collection.replace('MLFLOW_TRACKING_URI', terminalTrackingUri(state.target));
    if (state.target.kind !== 'rest') {
      this.collection.delete('MLFLOW_WORKSPACE');
      return;
    }
    void this.connections.childEnv().then(
      (env) => {
        if (generation !== this.generation) {
          return;
        }
        const workspace = env.MLFLOW_WORKSPACE;
        if (workspace === undefined) {
          this.collection.delete('MLFLOW_WORKSPACE');
        } else {
          this.collection.replace('MLFLOW_WORKSPACE', workspace);
        }
      },
      () => {
        // The server could not be asked: a terminal without the header reaches `default`, which
        // every server answers; one with a stale header could get 500 from a server without workspaces.
        if (generation === this.generation) {
          this.collection.delete('MLFLOW_WORKSPACE');
        }
      },
    );
  }

  dispose(): void {
    for (const s of this.subscriptions) {
      s.dispose();
    }
  }
}
