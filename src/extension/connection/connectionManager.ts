import * as os from 'node:os';
import * as vscode from 'vscode';
import { parseTrackingUri, redactUri } from '../../core/connection/trackingUri';
import { resolveConnection } from '../../core/connection/resolveConnection';
import { trackingUriSetting } from '../config';
import type { ConnectionState } from './connectionState';
import { discoverWorkspaceStore } from './discoverWorkspaceStores';

/**
 * Owns the active connection: resolves it (setting → MLFLOW_TRACKING_URI → a store found in the
 * workspace), publishes it through an event and the `mlflow.connected` / `mlflow.connectionKind`
 * context keys, and re-resolves when settings or workspace folders change. Activation stays fast
 * because the workspace search starts after `activate()` returns and is never awaited there.
 */
export class ConnectionManager implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ConnectionState>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: { dispose(): unknown }[] = [this.changed];
  private discovered: string | undefined;
  private discovery: vscode.CancellationTokenSource | undefined;
  private current: ConnectionState = { status: 'none' };

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
    );
    this.update();
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** Search the workspace for a local store; a newer search cancels the one it supersedes. */
  async rediscover(): Promise<void> {
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
      this.log.info(`Active connection (${state.source}): ${state.target.kind} ${redactUri(state.target.display)}`);
    }
  }

  dispose(): void {
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
