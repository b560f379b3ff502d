import { spawn, type ChildProcess } from 'node:child_process';
import * as vscode from 'vscode';
import type { CliInvocation } from '../../../core/cli/cliInvocation';
import { withInterpreterOnPath } from '../../../core/cli/interpreterPath';
import { neutralFolder, runsMlflowModule } from './neutralFolder';
import { watchProcessGroup, type OrphanWatchdog } from './orphanWatchdog';

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the process could not start at all (ENOENT, EACCES…). */
  readonly spawnError?: string;
}

/** Run a short command to completion (e.g. `--version`), with a timeout. Never through a shell. */
export function runToCompletion(
  inv: CliInvocation,
  opts: { readonly cwd?: string; readonly timeoutMs: number },
): Promise<RunResult> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let child: ChildProcess;
    try {
      child = spawn(inv.command, [...inv.args], {
        cwd: childCwd(inv, opts.cwd),
        env: childProcessEnv(inv),
        shell: false,
        windowsHide: true,
      });
    } catch (err) {
      resolve({ code: null, stdout, stderr, spawnError: err instanceof Error ? err.message : String(err) });
      return;
    }
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr, spawnError: err.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * A long-running child (a model server) in its own process group, so that stopping it ends the
 * whole tree it forks (gunicorn/uvicorn workers), not just the parent.
 */
export class LongRunningProcess implements vscode.Disposable {
  private readonly child: ChildProcess;
  private readonly exitEmitter = new vscode.EventEmitter<number | null>();
  readonly onDidExit = this.exitEmitter.event;
  private exitStatus: number | null | undefined;
  /** Ends the process group if the extension host dies without stopping it (see orphanWatchdog). */
  private readonly watchdog: OrphanWatchdog | undefined;
  spawnError: string | undefined;

  constructor(
    inv: CliInvocation,
    opts: { readonly cwd?: string; readonly onOutput: (text: string) => void },
  ) {
    this.child = spawn(inv.command, [...inv.args], {
      cwd: childCwd(inv, opts.cwd),
      env: childProcessEnv(inv),
      shell: false,
      detached: process.platform !== 'win32',
      windowsHide: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (d: Buffer) => {
      opts.onOutput(d.toString());
    });
    this.child.stderr?.on('data', (d: Buffer) => {
      opts.onOutput(d.toString());
    });
    this.child.on('error', (err) => {
      this.spawnError = err.message;
      opts.onOutput(`${err.message}\n`);
      this.markExited(null);
    });
    this.child.on('exit', (code) => {
      this.markExited(code);
    });
    // The watchdog stays after the leader exits: workers left in the group are still guarded,
    // and it exits by itself once the group is empty.
    this.watchdog = this.child.pid === undefined ? undefined : watchProcessGroup(this.child.pid);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The exit code once the process has ended (null when killed by a signal), else undefined. */
  get exitCode(): number | null | undefined {
    return this.exitStatus;
  }

  get running(): boolean {
    return this.exitStatus === undefined;
  }

  private markExited(code: number | null): void {
    if (this.exitStatus === undefined) {
      this.exitStatus = code;
      this.exitEmitter.fire(code);
    }
  }

  /** Stop the whole process tree: SIGTERM to the group, SIGKILL after a grace period. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.child.pid === undefined) {
      return;
    }
    const pid = this.child.pid;
    if (!this.running) {
      // the leader is gone, but workers it forked may still hold the port
      signalGroup(pid, 'SIGKILL');
      this.watchdog?.dispose();
      return;
    }
    const exited = new Promise<void>((resolve) => {
      this.onDidExit(() => {
        resolve();
      });
    });
    if (process.platform === 'win32') {
      spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true });
    } else {
      signalGroup(pid, 'SIGTERM');
    }
    const timer = setTimeout(() => {
      signalGroup(pid, 'SIGKILL');
    }, graceMs);
    await exited;
    clearTimeout(timer);
    // workers may outlive the parent by a moment: make sure the group is gone
    signalGroup(pid, 'SIGKILL');
    this.watchdog?.dispose();
  }

  dispose(): void {
    void this.stop(1000);
    this.exitEmitter.dispose();
  }
}

/**
 * Where a child starts: `python -m mlflow …` always in a folder of our own, never the
 * workspace, so no `mlflow/` folder there can stand in for MLflow (see neutralFolder). Every
 * path MLflow is given is absolute, and `mlflow run` moves into the project by itself.
 */
export function childCwd(inv: CliInvocation, asked: string | undefined): string | undefined {
  return runsMlflowModule(inv.args) ? neutralFolder() : asked;
}

/**
 * What a child gets: the host's environment, the invocation's additions, and the interpreter's
 * own folder first on PATH, because MLflow starts gunicorn, uvicorn, virtualenv, uv and conda
 * by name (see withInterpreterOnPath).
 */
export function childProcessEnv(inv: CliInvocation): NodeJS.ProcessEnv {
  return withInterpreterOnPath(inv.command, { ...process.env, ...inv.env }, process.platform);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, signal);
  } catch {
    // already gone
  }
}
