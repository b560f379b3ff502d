import * as path from 'node:path';
import * as vscode from 'vscode';
import { displayCommand } from '../../core/cli/cliInvocation';
import { buildProjectRunCommand } from '../../core/cli/projectRunCommand';
import { ProjectRunOutputScanner, type ProjectRunEvent } from '../../core/cli/projectRunOutput';
import type { EnvManager } from '../../core/cli/serveCommand';
import { declaredParameters, type EntryPoint } from '../../core/mlproject/entryPoints';
import { refuseUntrusted } from '../../core/serving/trustGuard';
import { COMPARE_COMMANDS } from '../shared/commandIds/compareCommandIds';
import type { ConnectionManager } from '../connection';
import type { SecretCredentials } from '../connection';
import { EXPLORER_COMMANDS } from '../shared/commandIds/explorerCommandIds';
import type { Explorer } from '../explorer';
import { childConnectionEnv } from '../connection';
import { findMlflow } from '../shared/python/findMlflow';
import { ProcessTerminal } from './processTerminal';

/** One `mlflow run` to start: the project, the entry point as read just now, and the answers. */
export interface ProjectRunRequest {
  /** The folder holding the MLproject. */
  readonly projectDir: string;
  readonly projectName: string;
  readonly entryPoint: EntryPoint;
  readonly values: Readonly<Record<string, string>>;
  /** Blank: MLflow's default experiment (or MLFLOW_EXPERIMENT_NAME). */
  readonly experimentName: string;
  readonly envManager: EnvManager;
}

/** How a run ended, as the command resolves it for callers and tests. */
export interface ProjectRunOutcome {
  readonly status: 'succeeded' | 'failed' | 'stopped';
  /** The MLflow run id, when MLflow printed it. */
  readonly runId: string | undefined;
  readonly exitCode: number | null;
  /** Whether the run was selected in the Experiments view. */
  readonly revealed: boolean;
  readonly message: string;
}

/** A run that has started: its terminal and the promise of how it ends. */
export interface StartedProjectRun {
  readonly terminal: vscode.Terminal;
  readonly done: Promise<ProjectRunOutcome>;
}

export interface ProjectRunnerDeps {
  readonly connections: ConnectionManager;
  readonly secrets: SecretCredentials;
  readonly explorer: Explorer;
  readonly log: vscode.LogOutputChannel;
}

/**
 * Runs MLproject entry points with `python -m mlflow run`, each in its own terminal. The child
 * gets the active connection's tracking URI and credentials in its environment only. MLflow's own
 * output says which run it created; that run is shown in the Experiments view while it runs and
 * selected when it ends, with a notification of the outcome.
 */
export class ProjectRunner implements vscode.Disposable {
  private readonly terminals = new Set<ProcessTerminal>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly deps: ProjectRunnerDeps) {
    this.subscription = vscode.window.onDidCloseTerminal((closed) => {
      for (const t of this.terminals) {
        if (t.terminal === closed) {
          this.terminals.delete(t);
          t.dispose();
        }
      }
    });
  }

  /**
   * Check everything, then start the run. Throws (before anything is spawned) in an untrusted
   * workspace, when no Python with MLflow is found, or when a value does not fit its parameter.
   */
  async start(request: ProjectRunRequest): Promise<StartedProjectRun> {
    refuseUntrusted(vscode.workspace.isTrusted, 'Running an MLflow project', "the project's code");
    const mlflow = await findMlflow(this.deps.log);
    const env = await childConnectionEnv(this.deps.connections, this.deps.secrets);
    const inv = buildProjectRunCommand({
      python: mlflow.python,
      projectDir: request.projectDir,
      entryPoint: request.entryPoint.name,
      declared: declaredParameters(request.entryPoint),
      values: request.values,
      experimentName: request.experimentName === '' ? undefined : request.experimentName,
      envManager: request.envManager,
      trackingUri: env.trackingUri,
      credentialEnv: env.credentialEnv,
    });
    const shown = displayCommand(inv);
    this.deps.log.info(`Running ${shown}`);
    const scanner = new ProjectRunOutputScanner();
    let runId: string | undefined;
    let ended: ProjectRunEvent['kind'] | undefined;
    const onEvents = (events: readonly ProjectRunEvent[]): void => {
      for (const e of events) {
        if (e.kind === 'started' && runId === undefined) {
          runId = e.runId;
          // The run exists on the server now: show it while it runs.
          void vscode.commands.executeCommand(EXPLORER_COMMANDS.refreshExperiments);
        } else if (e.kind !== 'started') {
          runId ??= e.runId;
          ended = e.kind;
        }
      }
    };
    const label = `${request.projectName} · ${request.entryPoint.name}`;
    const terminal = new ProcessTerminal(`MLflow Run: ${label}`, inv, {
      cwd: request.projectDir,
      banner: `$ ${shown}`,
      onOutput: (text) => {
        onEvents(scanner.push(text));
      },
    });
    this.terminals.add(terminal);
    terminal.terminal.show(true);
    const done = new Promise<number | null>((resolve) => {
      terminal.onDidExit(resolve);
    }).then(async (code) => {
      onEvents(scanner.end());
      const status = terminal.stopped ? 'stopped' : code === 0 && ended !== 'failed' ? 'succeeded' : 'failed';
      return this.finish(label, { status, runId, exitCode: code, spawnError: terminal.spawnError });
    });
    return { terminal: terminal.terminal, done };
  }

  private async finish(
    label: string,
    r: {
      status: ProjectRunOutcome['status'];
      runId: string | undefined;
      exitCode: number | null;
      spawnError: string | undefined;
    },
  ): Promise<ProjectRunOutcome> {
    let revealed = false;
    if (r.runId !== undefined) {
      await vscode.commands.executeCommand(EXPLORER_COMMANDS.refreshExperiments);
      revealed = await this.deps.explorer.revealRun(r.runId);
    }
    const what =
      r.status === 'succeeded'
        ? 'succeeded'
        : r.status === 'stopped'
          ? 'was stopped'
          : r.spawnError !== undefined
            ? `could not start (${r.spawnError})`
            : `failed (exit code ${String(r.exitCode)})`;
    const message = `MLflow run ${label} ${what}${r.runId === undefined ? '' : ` — run ${r.runId}`}.`;
    this.deps.log.info(message);
    const actions = r.runId === undefined ? [] : ['Open Run'];
    const show =
      r.status === 'succeeded' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    void show(message, ...actions).then((choice) => {
      if (choice === 'Open Run') {
        void vscode.commands.executeCommand(COMPARE_COMMANDS.openRunById, r.runId);
      }
    });
    return { status: r.status, runId: r.runId, exitCode: r.exitCode, revealed, message };
  }

  dispose(): void {
    this.subscription.dispose();
    for (const t of this.terminals) {
      t.dispose();
    }
    this.terminals.clear();
  }
}

/** The folder of an MLproject file (the directory `mlflow run` takes). */
export function projectDirOf(mlproject: vscode.Uri): string {
  return path.dirname(mlproject.fsPath);
}
