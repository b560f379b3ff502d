import * as vscode from 'vscode';
import {
  addNamedConnection,
  readNamedConnections,
  removeNamedConnection,
  renameNamedConnection,
  type ConnectionListResult,
  type NamedConnection,
} from '../../core/connection/namedConnections';

const KEY = 'mlflow.savedConnections';

/**
 * The user's named connections ({name, uri}, never credentials) in the extension's global state,
 * so they follow the user across workspaces. Which one is active is decided by the connection
 * manager's resolution order; choosing one here makes it the `mlflow.trackingUri` setting.
 */
export class SavedConnections implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<readonly NamedConnection[]>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  list(): NamedConnection[] {
    return readNamedConnections(this.state.get<unknown>(KEY));
  }

  find(name: string): NamedConnection | undefined {
    return this.list().find((c) => c.name === name);
  }

  /** Add a connection (a URI already saved keeps its name); the saved entry, or the reason it was refused. */
  async add(
    entry: NamedConnection,
  ): Promise<
    { readonly ok: true; readonly saved: NamedConnection } | { readonly ok: false; readonly error: string }
  > {
    const result = await this.apply(addNamedConnection(this.list(), entry));
    if (!result.ok) {
      return result;
    }
    const saved = result.list.find((c) => c.uri === entry.uri.trim());
    return saved === undefined ? { ok: false, error: 'The connection was not saved.' } : { ok: true, saved };
  }

  rename(from: string, to: string): Promise<ConnectionListResult> {
    return this.apply(renameNamedConnection(this.list(), from, to));
  }

  remove(name: string): Promise<ConnectionListResult> {
    return this.apply(removeNamedConnection(this.list(), name));
  }

  private async apply(result: ConnectionListResult): Promise<ConnectionListResult> {
    if (result.ok) {
      await this.state.update(KEY, result.list);
      this.changed.fire(result.list);
    }
    return result;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
