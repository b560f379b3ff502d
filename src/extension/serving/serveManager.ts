import * as vscode from 'vscode';
import { displayCommand } from '../../core/cli/cliInvocation';
import { buildServeCommand } from '../../core/cli/serveCommand';
import { refuseUntrusted } from '../../core/serving/trustGuard';
import { waitForPing } from '../../core/serving/waitForPing';
import { ActionableError } from '../shared/errors/actionableError';
import type { ConnectionManager } from '../connection';
import { LongRunningProcess } from '../shared/process/processRunner';
import { childConnectionEnv } from '../connection';
import { findMlflow } from '../shared/python/findMlflow';
import { LogTail } from './logTail';
import { serverInfo, type ModelServer, type ModelServerInfo } from './modelServer';
import type { ServeOptions } from './serveOptions';
import type { SecretCredentials } from '../connection';

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

  /**
   * Find the Python that has MLflow before asking the user anything about serving, with a
   * progress note while Python starts (it takes a second or more); the answer is cached, so
   * {@link start} does not pay for it again.
   */
  async checkMlflow(): Promise<void> {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'MLflow: looking for a Python with MLflow…' },
      () => findMlflow(this.log),
    );
  }

  /**
   * Start serving `modelUri`; resolves once `/ping` answers, or rejects with the reason. A
   * server that fails to start stays in the list as failed, with its log, so the user can read
   * why (Stop removes it, Restart tries again).
   */
  async start(
    modelUri: string,
    label: string,
    cwd: string | undefined,
    options: ServeOptions,
    reuseId?: string,
  ): Promise<ModelServerInfo> {
    refuseUntrusted(vscode.workspace.isTrusted, 'Serving a model');
    const { port } = options;
    const title = `Starting a model server for ${label} on port ${String(port)}…`;
    // everything slow, finding MLflow included, happens under the progress notification
    const started = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        const server = await this.launch(modelUri, label, cwd, options, reuseId);
        if (token.isCancellationRequested) {
          server.startAbort.abort();
        }
        progress.report({ message: 'waiting for the model to load' });
        const cancelled = token.onCancellationRequested(() => {
          server.startAbort.abort();
        });
        try {
          const outcome = await waitForPing(server.url, {
            signal: server.startAbort.signal,
            timeoutMs: READY_TIMEOUT_MS,
            stillRunning: () => server.process.running,
          });
          return { server, outcome };
        } finally {
          cancelled.dispose();
        }
      },
    );
    const { server, outcome } = started;
    if (outcome === 'ready') {
      server.status = 'running';
      this.changed.fire();
      return serverInfo(server);
    }
    if (outcome === 'cancelled') {
      await this.stop(server.id);
      throw new ServeCancelled(`Serving ${label} was cancelled.`);
    }
    return this.failed(server, outcome);
  }

  /** Spawn the server process and list it as starting. */
  private async launch(
    modelUri: string,
    label: string,
    cwd: string | undefined,
    options: ServeOptions,
    reuseId: string | undefined,
  ): Promise<ModelServer> {
    const mlflow = await findMlflow(this.log);
    const { port, envManager } = options;
    const env = await childConnectionEnv(this.connections, this.secrets);
    const inv = buildServeCommand({
      python: mlflow.python,
      modelUri,
      port,
      envManager,
      trackingUri: env.trackingUri,
      credentialEnv: env.credentialEnv,
    });
    const id = reuseId ?? String(this.nextId++);
    const output = vscode.window.createOutputChannel(`MLflow Server: ${label} (:${String(port)})`);
    const commandLine = displayCommand(inv);
    output.appendLine(`$ ${commandLine}`);
    const tail = new LogTail();
    const proc = new LongRunningProcess(inv, {
      cwd,
      onOutput: (t) => {
        // A stopped server's channel is disposed, and appending there throws in the host (it
        // failed Restart on MLflow 3.11.1, whose workers print after their parent has exited):
        // only the listed server writes, so late output of a stopped or replaced one is dropped.
        if (this.servers.get(id) !== server) {
          return;
        }
        output.append(t);
        tail.add(t);
      },
    });
    const server: ModelServer = {
      id,
      label,
      modelUri,
      port,
      url: `http://127.0.0.1:${String(port)}`,
      envManager,
      cwd,
      commandLine,
      startedAt: new Date(),
      process: proc,
      output,
      status: 'starting',
      startAbort: new AbortController(),
      tail,
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
    return server;
  }

  /** A start that did not reach ready: keep the row and its log, and say why with the log's last word. */
  private async failed(server: ModelServer, outcome: 'exited' | 'timeout'): Promise<never> {
    if (outcome === 'timeout') {
      server.status = 'failed';
      await server.process.stop();
    }
    server.status = 'failed';
    this.changed.fire();
    const why =
      outcome === 'timeout'
        ? 'did not answer /ping in time'
        : `exited before it was ready (exit code ${String(server.process.exitCode)})`;
    const last = server.tail.lastLine();
    this.log.warn(`Model server ${server.id} ${why}.`);
    throw new ActionableError(
      `The model server for ${server.label} ${why}.${last ? ` Its log ends: "${last}"` : ''}`,
      [
        {
          title: 'Show Logs',
          run: () => {
            server.output.show(true);
          },
        },
      ],
    );
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
