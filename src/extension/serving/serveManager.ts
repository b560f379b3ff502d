import * as vscode from 'vscode';
import { displayCommand } from '../../core/cli/cliInvocation';
import { buildServeCommand, ENV_MANAGERS, type EnvManager } from '../../core/cli/serveCommand';
import { waitForPing } from '../../core/serving/waitForPing';
import { mlflowConfig } from '../config';
import type { ConnectionManager } from '../connection/connectionManager';
import { LongRunningProcess } from '../process/processRunner';
import { terminalTrackingUri } from '../terminal/terminalEnvironment';
import { findMlflow } from './findMlflow';
import { freePort } from './freePort';
import { serverInfo, type ModelServer, type ModelServerInfo } from './modelServer';

const READY_TIMEOUT_MS = 15 * 60_000;

/**
 * Starts, lists and stops local model servers. Each server is `python -m mlflow models serve`
 * bound to 127.0.0.1 on a free port, with the active connection's tracking URI in its
 * environment; its output streams to its own output channel. Every server is stopped when the
 * window closes (this manager is disposed with the extension).
 */
export class ServeManager implements vscode.Disposable {
  private readonly servers = new Map<string, ModelServer>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private nextId = 1;

  constructor(
    private readonly connections: ConnectionManager,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  list(): readonly ModelServer[] {
    return [...this.servers.values()];
  }

  get(id: string): ModelServer | undefined {
    return this.servers.get(id);
  }

  /** Start serving `modelUri`; resolves once `/ping` answers, or rejects with the reason. */
  async start(modelUri: string, label: string, cwd: string | undefined): Promise<ModelServerInfo> {
    if (!vscode.workspace.isTrusted) {
      throw new Error('Serving a model runs its code: trust this workspace first (Workspaces: Manage Workspace Trust).');
    }
    const mlflow = await findMlflow(this.log);
    const port = await freePort();
    const configured = mlflowConfig().get<string>('serve.envManager', 'local');
    const envManager: EnvManager = (ENV_MANAGERS as readonly string[]).includes(configured) ? (configured as EnvManager) : 'local';
    const state = this.connections.state;
    const inv = buildServeCommand({
      python: mlflow.python,
      modelUri,
      port,
      envManager,
      trackingUri: state.status === 'ready' ? terminalTrackingUri(state.target) : undefined,
    });
    const id = String(this.nextId++);
    const output = vscode.window.createOutputChannel(`MLflow Server: ${label} (:${String(port)})`);
    const commandLine = displayCommand(inv);
    output.appendLine(`$ ${commandLine}`);
    const proc = new LongRunningProcess(inv, { cwd, onOutput: (t) => { output.append(t); } });
    const server: ModelServer = {
      id, label, modelUri, port, url: `http://127.0.0.1:${String(port)}`, commandLine,
      startedAt: new Date(), process: proc, output, status: 'starting',
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
        const abort = new AbortController();
        token.onCancellationRequested(() => {
          abort.abort();
        });
        return waitForPing(server.url, { signal: abort.signal, timeoutMs: READY_TIMEOUT_MS, stillRunning: () => proc.running });
      },
    );
    if (outcome === 'ready') {
      server.status = 'running';
      this.changed.fire();
      return serverInfo(server);
    }
    await this.stop(id);
    server.status = 'failed';
    this.changed.fire();
    const why = outcome === 'cancelled' ? 'cancelled' : outcome === 'timeout' ? 'did not answer /ping in time' : 'exited before it was ready';
    throw new Error(`The model server for ${label} ${why}. See the "${output.name}" output for its log.`);
  }

  async stop(id: string): Promise<void> {
    const server = this.servers.get(id);
    if (!server) {
      return;
    }
    server.status = 'stopped';
    await server.process.stop();
    this.log.info(`Stopped model server ${id} (${server.modelUri}).`);
    this.servers.delete(id);
    server.output.dispose();
    this.changed.fire();
  }

  dispose(): void {
    for (const s of this.servers.values()) {
      s.status = 'stopped';
      s.process.dispose();
      s.output.dispose();
    }
    this.servers.clear();
    this.changed.dispose();
  }
}
