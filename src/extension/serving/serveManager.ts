import * as vscode from 'vscode';
import { displayCommand } from '../../core/cli/cliInvocation';
import { buildServeCommand } from '../../core/cli/serveCommand';
import { refuseUntrusted } from '../../core/serving/trustGuard';
import { waitForPing } from '../../core/serving/waitForPing';
import type { ConnectionManager } from '../connection/connectionManager';
import { LongRunningProcess } from '../process/processRunner';
import { childConnectionEnv } from './childEnvironment';
import { findMlflow } from './findMlflow';
import { serverInfo, type ModelServer, type ModelServerInfo } from './modelServer';
import type { ServeOptions } from './serveOptions';
import type { SecretCredentials } from '../connection/storeSession';

const READY_TIMEOUT_MS = 15 * 60_000;

/** Thrown when the user stopped a server before it was ready: not a failure to report. */
export class ServeCancelled extends Error {
  static is(e: unknown): e is ServeCancelled {
    return e instanceof ServeCancelled;
  }
}

/**
 * Starts, lists, restarts and stops local model servers. Each server is `python -m mlflow
 * models serve` bound to 127.0.0.1 on the chosen port, with the active connection's tracking URI
 * and credentials in its environment (never its command line); its output streams to its own
 * output channel. Every server is stopped when the window closes (see {@link stopAll}).
 */
export class ServeManager implements vscode.Disposable {
  private readonly servers = new Map<string, ModelServer>();
  /** Ids between Restart's stop and the new process's start, so the old exit reads as a restart. */
  private readonly restarting = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private nextId = 1;

  constructor(
    private readonly connections: ConnectionManager,
    private readonly log: vscode.LogOutputChannel,
    private readonly secrets?: SecretCredentials,
  ) {}

  list(): readonly ModelServer[] {
    return [...this.servers.values()];
  }

  get(id: string): ModelServer | undefined {
    return this.servers.get(id);
  }

  /** Start serving `modelUri`; resolves once `/ping` answers, or rejects with the reason. */
  async start(modelUri: string, label: string, cwd: string | undefined, options: ServeOptions, reuseId?: string): Promise<ModelServerInfo> {
    refuseUntrusted(vscode.workspace.isTrusted, 'Serving a model');
    const mlflow = await findMlflow(this.log);
    const { port, envManager } = options;
    const env = await childConnectionEnv(this.connections, this.secrets);
    const inv = buildServeCommand({ python: mlflow.python, modelUri, port, envManager, trackingUri: env.trackingUri, credentialEnv: env.credentialEnv });
    const id = reuseId ?? String(this.nextId++);
    const output = vscode.window.createOutputChannel(`MLflow Server: ${label} (:${String(port)})`);
    const commandLine = displayCommand(inv);
    output.appendLine(`$ ${commandLine}`);
    const proc = new LongRunningProcess(inv, { cwd, onOutput: (t) => { output.append(t); } });
    const server: ModelServer = {
      id, label, modelUri, port, url: `http://127.0.0.1:${String(port)}`, envManager, cwd, commandLine,
      startedAt: new Date(), process: proc, output, status: 'starting', startAbort: new AbortController(),
    };
    this.servers.set(id, server);
    proc.onDidExit((code) => {
      if (server.status !== 'stopped') {
        server.status = 'failed';
        output.appendLine(`\n[the server exited with code ${String(code)}]`);
      }
      this.changed.fire();
    });
    this.log.info(`Starting model server ${id}: ${commandLine}`);
    this.changed.fire();
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Starting a model server for ${label} on port ${String(port)}…`, cancellable: true },
      (_progress, token) => {
        const cancelled = token.onCancellationRequested(() => {
          server.startAbort.abort();
        });
        return waitForPing(server.url, { signal: server.startAbort.signal, timeoutMs: READY_TIMEOUT_MS, stillRunning: () => proc.running }).finally(() => {
          cancelled.dispose();
        });
      },
    );
    if (outcome === 'ready') {
      server.status = 'running';
      this.changed.fire();
      return serverInfo(server);
    }
    await this.stop(id);
    if (outcome === 'cancelled') {
      throw new ServeCancelled(`Serving ${label} was cancelled.`);
    }
    const why = outcome === 'timeout' ? 'did not answer /ping in time' : 'exited before it was ready';
    throw new Error(`The model server for ${label} ${why}. See the "${output.name}" output for its log.`);
  }

  /** Stop a server and start it again the same way: same model, port and environment manager. */
  async restart(id: string): Promise<ModelServerInfo> {
    const s = this.servers.get(id);
    if (!s) {
      throw new Error('That model server is no longer running.');
    }
    this.restarting.add(id);
    try {
      await this.stop(id);
      return await this.start(s.modelUri, s.label, s.cwd, { envManager: s.envManager, port: s.port }, id);
    } finally {
      this.restarting.delete(id);
      this.changed.fire();
    }
  }

  /** Whether `id` is being restarted: its old process may be gone while the new one starts. */
  isRestarting(id: string): boolean {
    return this.restarting.has(id);
  }

  /** Stop one server: its whole process tree, and a wait for `/ping` still in progress. */
  async stop(id: string): Promise<void> {
    const server = this.servers.get(id);
    if (!server) {
      return;
    }
    server.status = 'stopped';
    server.startAbort.abort();
    this.servers.delete(id);
    await server.process.stop();
    this.log.info(`Stopped model server ${id} (${server.modelUri}).`);
    server.output.dispose();
    this.changed.fire();
  }

  /** Stop every server and wait until each process tree is gone (window close, deactivate). */
  async stopAll(): Promise<void> {
    await Promise.all([...this.servers.keys()].map((id) => this.stop(id)));
  }

  dispose(): void {
    // Signals go out synchronously here, so even a host that exits at once ends the servers.
    for (const s of this.servers.values()) {
      s.status = 'stopped';
      s.startAbort.abort();
      s.process.dispose();
      s.output.dispose();
    }
    this.servers.clear();
    this.changed.dispose();
  }
}
