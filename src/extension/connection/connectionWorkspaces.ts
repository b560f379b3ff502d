import * as vscode from 'vscode';
import { redactUri } from '../../core/connection/trackingUri';
import { isWorkspaceName } from '../../core/tracking/rest/workspaces';

const KEY = 'mlflow.connectionWorkspaces';

/**
 * The MLflow workspace (3.10+ servers started with `--enable-workspaces`) chosen for each
 * connection, in the extension's global state beside the saved connections. Keyed by the
 * connection's URI (without any password) rather than by a saved connection's name, so a URI from
 * the setting or MLFLOW_TRACKING_URI keeps its choice too, and a rename loses nothing.
 */
export class ConnectionWorkspaces implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the connection URI whose workspace changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  /** The workspace chosen for a connection, if any (none: the server's `default`). */
  get(uri: string): string | undefined {
    const value = this.all()[key(uri)];
    return typeof value === 'string' && isWorkspaceName(value) ? value : undefined;
  }

  /** Choose a workspace for a connection (undefined forgets the choice). */
  async set(uri: string, workspace: string | undefined): Promise<void> {
    if (workspace !== undefined && !isWorkspaceName(workspace)) {
      throw new Error(`"${workspace}" is not an MLflow workspace name.`);
    }
    if (this.get(uri) === workspace) {
      return;
    }
    const others = Object.entries(this.all()).filter(([k]) => k !== key(uri));
    const next = Object.fromEntries(workspace === undefined ? others : [...others, [key(uri), workspace]]);
    await this.state.update(KEY, next);
    this.changed.fire(uri);
  }

  private all(): Record<string, unknown> {
    const raw = this.state.get<unknown>(KEY);
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw)
      ? (raw as Record<string, unknown>)
      : {};
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function key(uri: string): string {
  return redactUri(uri.trim()).replace(/\/+$/, '');
}
