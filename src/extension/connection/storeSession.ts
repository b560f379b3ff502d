import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TrackingTarget } from '../../core/connection/trackingUri';
import type { CredentialsProvider, HostCredentials } from '../../core/tracking/rest/hostCredentials';
import { resolveCredentials } from '../../core/tracking/rest/hostCredentials';
import { loadCredentialsFile } from '../../core/tracking/rest/loadCredentialsFile';
import {
  openRestClient,
  openStores,
  type OpenStoresOptions,
  type Stores,
} from '../../core/stores/openStores';
import { openTraceStore } from '../../core/stores/openTraceStore';
import type { TraceStore } from '../../core/traces/traceStore';
import type { RestClient, RestClientOptions } from '../../core/tracking/rest/restClient';
import { tlsOptionsFromEnv } from '../../core/tracking/rest/tlsOptionsFromEnv';
import { httpSettings } from '../shared/config';
import type { ConnectionManager } from './connectionManager';
import type { ConnectionState } from './connectionState';
import type { ConnectionWorkspaces } from './connectionWorkspaces';
import {
  detectServerInfo,
  listWorkspaces,
  type ServerInfo,
  type Workspace,
} from '../../core/tracking/rest/workspaces';
import { SqliteDatabase } from '../../core/tracking/sqlite/sqliteDatabase';
import { sqliteWorkspaces } from '../../core/tracking/sqlite/sqliteWorkspaces';

type RemoteTarget = Extract<TrackingTarget, { kind: 'rest' | 'azureml' | 'databricks' }>;

/** Where a REST connection's credentials come from, beyond the MLflow env vars and ~/.mlflow/credentials. */
export type SecretCredentials = (target: TrackingTarget) => Promise<HostCredentials | undefined>;

/**
 * The stores of the active connection, opened on first use and shared by every view and panel.
 * When the connection changes the old stores are disposed and `onDidChange` fires, so each
 * consumer reloads; a consumer holding a `Stores` from before checks `generation` to drop stale
 * answers. Opening is lazy so that activation never reads a database or touches the network.
 */
export class StoreSession implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after the active connection changed; stores opened before are disposed. */
  readonly onDidChange = this.changed.event;
  private opening: Promise<Stores> | undefined;
  private tracesOpening: Promise<TraceStore> | undefined;
  private gen = 0;
  /** What the active server's server-info said, asked once per connection when a workspace is chosen. */
  private serverInfo: Promise<ServerInfo> | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly connections: ConnectionManager,
    private readonly extensionPath: string,
    private readonly secrets: SecretCredentials = () => Promise.resolve(undefined),
    private readonly workspaces?: ConnectionWorkspaces,
  ) {
    this.subscription = vscode.Disposable.from(
      connections.onDidChange(() => {
        this.reset();
      }),
      // Switching workspace reloads every view, as switching connection does.
      workspaces?.onDidChange(() => {
        this.reset();
      }) ?? { dispose: () => undefined },
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mlflow.http')) {
          this.reset();
        }
      }),
    );
  }

  /** Increases on every connection change. */
  get generation(): number {
    return this.gen;
  }

  get state(): ConnectionState {
    return this.connections.state;
  }

  /** The open stores, or a rejection explaining why there are none (no or an invalid connection). */
  stores(): Promise<Stores> {
    if (this.opening === undefined) {
      const state = this.connections.state;
      if (state.status !== 'ready') {
        return Promise.reject(
          new Error(state.status === 'none' ? 'No MLflow tracking server is configured.' : state.problem),
        );
      }
      const target = state.target;
      const opening = this.openOptions(target).then((options) => openStores(target, options));
      // A failed open (a corrupt mlflow.db) is retried on the next call rather than remembered.
      opening.catch(() => {
        if (this.opening === opening) {
          this.opening = undefined;
        }
      });
      this.opening = opening;
    }
    return this.opening;
  }

  /**
   * The trace store of the active connection, opened on first use beside `stores()` (its own
   * database handle for sqlite) and disposed with them on every connection change.
   */
  traces(): Promise<TraceStore> {
    if (this.tracesOpening === undefined) {
      const state = this.connections.state;
      if (state.status !== 'ready') {
        return Promise.reject(
          new Error(state.status === 'none' ? 'No MLflow tracking server is configured.' : state.problem),
        );
      }
      const target = state.target;
      const opening = this.openOptions(target).then((options) => openTraceStore(target, options));
      opening.catch(() => {
        if (this.tracesOpening === opening) {
          this.tracesOpening = undefined;
        }
      });
      this.tracesOpening = opening;
    }
    return this.tracesOpening;
  }

  /** Drop the open stores and tell everyone to reload (the Refresh command, a changed credential). */
  reset(): void {
    this.closeStores();
    this.gen++;
    this.changed.fire();
  }

  /** Dispose what is open (or opening) and forget it. */
  private closeStores(): void {
    const old = this.opening;
    const oldTraces = this.tracesOpening;
    this.opening = undefined;
    this.tracesOpening = undefined;
    this.serverInfo = undefined;
    for (const store of [old, oldTraces]) {
      store?.then(
        (s) => {
          s.dispose();
        },
        () => undefined,
      );
    }
  }

  /**
   * A REST client for a remote target with this session's credentials and TLS settings, for
   * one-off checks ("Test Connection") that must not share the open stores' retries.
   */
  async restClient(
    target: RemoteTarget,
    overrides: Pick<RestClientOptions, 'maxRetries' | 'timeoutMs'>,
    scope: 'workspace' | 'server' = 'workspace',
  ): Promise<RestClient> {
    const options = scope === 'workspace' ? await this.openOptions(target) : this.baseOptions(target);
    return openRestClient(target, { ...options, rest: { ...options.rest, ...overrides } });
  }

  /** The workspace chosen for the active connection, if any (none: the server's `default`). */
  chosenWorkspace(): string | undefined {
    const state = this.connections.state;
    return state.status === 'ready' ? this.workspaces?.get(state.uri) : undefined;
  }

  /**
   * The options stores open with: a chosen workspace scopes a local `mlflow.db`, and a server's
   * requests once its server-info says it has workspaces. A server without them never gets the
   * header (it answers 500 FEATURE_DISABLED to it), even when a choice is saved from before.
   */
  private async openOptions(target: TrackingTarget): Promise<OpenStoresOptions> {
    const base = this.baseOptions(target);
    const workspace = this.isActive(target) ? this.chosenWorkspace() : undefined;
    if (workspace === undefined || target.kind === 'file') {
      return base;
    }
    if (target.kind === 'sqlite') {
      return { ...base, workspace };
    }
    this.serverInfo ??= openRestClient(target, base).then((client) => detectServerInfo(client));
    const info = this.serverInfo;
    // A failed check (server down) is asked again on the next open rather than remembered.
    info.catch(() => {
      if (this.serverInfo === info) {
        this.serverInfo = undefined;
      }
    });
    return (await info).workspacesEnabled ? { ...base, rest: { ...base.rest, workspace } } : base;
  }

  /**
   * The workspaces the active connection offers: a server's list once its server-info says it has
   * workspaces, the `workspaces` table of a local mlflow.db; undefined where there are none (an
   * older or a workspace-less server, an mlruns folder). Asked fresh each time: a server may
   * have been restarted with or without `--enable-workspaces` since.
   */
  async availableWorkspaces(signal?: AbortSignal): Promise<Workspace[] | undefined> {
    const state = this.connections.state;
    if (state.status !== 'ready' || state.target.kind === 'file') {
      return undefined;
    }
    const target = state.target;
    if (target.kind === 'sqlite') {
      const db = await SqliteDatabase.open(target.path, this.baseOptions(target).sqlJs);
      try {
        return db.hasTable('workspaces') ? sqliteWorkspaces(db) : undefined;
      } finally {
        db.close();
      }
    }
    const client = await this.restClient(target, { maxRetries: 1 }, 'server');
    const info = await detectServerInfo(client, signal);
    return info.workspacesEnabled ? listWorkspaces(client, signal) : undefined;
  }

  /**
   * `MLFLOW_WORKSPACE` for a child `mlflow` process of the active server, under the same rule as
   * the header: only a chosen workspace, only on a server whose server-info says it has them.
   */
  async childWorkspaceEnv(): Promise<Readonly<Record<string, string>>> {
    const state = this.connections.state;
    if (state.status !== 'ready' || state.target.kind !== 'rest') {
      return {};
    }
    const workspace = (await this.openOptions(state.target)).rest?.workspace;
    return workspace === undefined ? {} : { MLFLOW_WORKSPACE: workspace };
  }

  /** Whether a target is the active connection's (another address being checked gets no workspace). */
  private isActive(target: TrackingTarget): boolean {
    const state = this.connections.state;
    return state.status === 'ready' && JSON.stringify(state.target) === JSON.stringify(target);
  }

  /** The `mlflow.http.*` settings and MLflow's TLS env vars are read here, so a reset picks up changes. */
  private baseOptions(target: TrackingTarget): OpenStoresOptions {
    const http = httpSettings();
    return {
      rest: {
        credentials: this.credentialsFor(target),
        timeoutMs: http.timeoutMs,
        maxRetries: http.maxRetries,
        tls: tlsOptionsFromEnv(process.env, (p) => fs.readFileSync(p)),
      },
      sqlJs: { locateFile: (file) => path.join(this.extensionPath, 'dist', file) },
      databricks: { env: process.env, homeDir: os.homedir() },
    };
  }

  private credentialsFor(target: TrackingTarget): CredentialsProvider {
    // Asked per request so that a token rotated in SecretStorage or the env is picked up at once.
    // A Databricks workspace takes its token from its profile, never from MLFLOW_TRACKING_*.
    return async () =>
      (await this.secrets(target)) ??
      (target.kind === 'databricks'
        ? undefined
        : resolveCredentials(process.env, await loadCredentialsFile(os.homedir())));
  }

  dispose(): void {
    this.subscription.dispose();
    this.closeStores();
    this.changed.dispose();
  }
}
