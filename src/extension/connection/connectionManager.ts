import * as os from 'node:os';
import * as vscode from 'vscode';
import { parseTrackingUri, redactUri } from '../../core/connection/trackingUri';
import { parseDotenv } from '../../core/connection/dotenv';
import { resolveConnection } from '../../core/connection/resolveConnection';
import { onTrackingUriWrite, trackingUriSetting } from '../shared/config';
import type { ConnectionState } from './connectionState';
import { discoverWorkspaceStore } from './discoverWorkspaceStores';

/** A `.env` larger than this is not a settings file; it is ignored rather than parsed. */
const MAX_DOTENV_BYTES = 1024 * 1024;

/**
 * Owns the active connection: resolves it (setting → MLFLOW_TRACKING_URI → the workspace `.env`
 * → a store found in the workspace), publishes it through an event and the `mlflow.connected` / `mlflow.connectionKind`
 * context keys, and re-resolves when settings or workspace folders change. Activation stays fast
 * because the workspace search starts after `activate()` returns and is never awaited there.
 */
export class ConnectionManager implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ConnectionState>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: { dispose(): unknown }[] = [this.changed];
  private discovered: string | undefined;
  private dotenv: string | undefined;
  private dotenvWatcher: vscode.FileSystemWatcher | undefined;
  private discovery: vscode.CancellationTokenSource | undefined;
  private current: ConnectionState = { status: 'none' };
  private childEnvExtras: () => Promise<Readonly<Record<string, string>>> = () => Promise.resolve({});

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mlflow.trackingUri')) {
          this.update();
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        void this.rediscover();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        void this.reloadDotenv();
      }),
      // A connection chosen in the UI applies at once, not when its setting has been written back.
      onTrackingUriWrite(() => {
        this.update();
      }),
    );
    this.update();
  }

  get state(): ConnectionState {
    return this.current;
  }

  /**
   * What a child `mlflow` process needs beyond the URI and credentials: `MLFLOW_WORKSPACE`, which
   * only the store session can tell (it asked the server). Set once by the composition root, which
   * creates the session after this manager.
   */
  provideChildEnv(provider: () => Promise<Readonly<Record<string, string>>>): void {
    this.childEnvExtras = provider;
  }

  /** See {@link provideChildEnv}. */
  childEnv(): Promise<Readonly<Record<string, string>>> {
    return this.childEnvExtras();
  }

  /**
   * Read the workspace `.env` (and watch it) and search the workspace for a local store; both
   * run after activation. A newer search cancels the one it supersedes.
   */
  async rediscover(): Promise<void> {
    this.watchDotenv();
    await Promise.all([this.reloadDotenv(), this.discoverStore()]);
  }

  /**
   * `MLFLOW_TRACKING_URI` from the first workspace folder's `.env`: parsed as data, never
   * executed or expanded, and only in a trusted workspace, because the URI decides where the
   * user's MLFLOW_TRACKING_* credentials are sent.
   */
  private async reloadDotenv(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    let value: string | undefined;
    if (folder !== undefined && vscode.workspace.isTrusted) {
      try {
        const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.env'));
        value =
          bytes.byteLength > MAX_DOTENV_BYTES
            ? undefined
            : parseDotenv(new TextDecoder().decode(bytes)).get('MLFLOW_TRACKING_URI');
      } catch {
        value = undefined;
      }
    }
    if (value !== this.dotenv) {
      this.dotenv = value;
      if (value !== undefined) {
        this.log.info(`The workspace .env sets MLFLOW_TRACKING_URI=${redactUri(value)}.`);
      }
      this.update();
    }
  }

  private watchDotenv(): void {
    this.dotenvWatcher?.dispose();
    this.dotenvWatcher = undefined;
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (folder === undefined) {
      return;
    }
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '.env'));
    const reload = (): void => {
      void this.reloadDotenv();
    };
    watcher.onDidCreate(reload);
    watcher.onDidChange(reload);
    watcher.onDidDelete(reload);
    this.dotenvWatcher = watcher;
  }

  private async discoverStore(): Promise<void> {
    this.discovery?.cancel();
    this.discovery?.dispose();
    const cts = new vscode.CancellationTokenSource();
    this.discovery = cts;
    try {
      const found = await discoverWorkspaceStore(cts.token);
      if (!cts.token.isCancellationRequested) {
        this.discovered = found;
        if (found) {
          this.log.info(`Found a local MLflow store in the workspace: ${found}`);
        }
        this.update();
      }
    } catch (err) {
      this.log.warn(`Searching the workspace for mlflow.db / mlruns failed: ${String(err)}`);
    }
  }

  private update(): void {
    const resolved = resolveConnection({
      setting: trackingUriSetting(),
      env: process.env.MLFLOW_TRACKING_URI,
      dotenv: this.dotenv,
      discovered: this.discovered,
    });
    let next: ConnectionState;
    if (!resolved) {
      next = { status: 'none' };
    } else {
      const parsed = parseTrackingUri(resolved.uri, baseDir());
      next = parsed.ok
        ? { status: 'ready', uri: resolved.uri, source: resolved.source, target: parsed.target }
        : { status: 'invalid', uri: resolved.uri, source: resolved.source, problem: parsed.error };
    }
    if (sameState(this.current, next)) {
      return;
    }
    this.current = next;
    this.logState(next);
    void vscode.commands.executeCommand('setContext', 'mlflow.connected', next.status === 'ready');
    void vscode.commands.executeCommand('setContext', 'mlflow.connectionStatus', next.status);
    void vscode.commands.executeCommand(
      'setContext',
      'mlflow.connectionKind',
      next.status === 'ready' ? next.target.kind : undefined,
    );
    this.changed.fire(next);
  }

  private logState(state: ConnectionState): void {
    if (state.status === 'none') {
      this.log.info('No tracking URI configured.');
    } else if (state.status === 'invalid') {
      this.log.warn(`Tracking URI from ${state.source} cannot be used: ${state.problem}`);
    } else {
      this.log.info(
        `Active connection (${state.source}): ${state.target.kind} ${redactUri(state.target.display)}`,
      );
    }
  }

  dispose(): void {
    this.dotenvWatcher?.dispose();
    this.discovery?.cancel();
    this.discovery?.dispose();
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}

/** Relative tracking paths resolve against the first workspace folder, as MLflow does against its cwd. */
export function baseDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.scheme === 'file' ? folder.uri.fsPath : os.homedir();
}

function sameState(a: ConnectionState, b: ConnectionState): boolean {
  if (a.status !== b.status) {
    return false;
  }
  if (a.status === 'none' || b.status === 'none') {
    return true;
  }
  return a.uri === b.uri && a.source === b.source;
}
