// Process groups for the real-MLflow tier and the bench: each process it starts leads a group of
// its own (MLflow's servers fork gunicorn/uvicorn workers), so stopping one stops them all, and
// a last synchronous sweep on exit or Ctrl+C kills whatever is still running.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';

/** One process group started by this tier, its output in a log file. */
export class Group {
  private static readonly live = new Set<Group>();
  readonly exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly logFile: string,
  ) {
    Group.live.add(this);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code) => {
        resolve(code);
      });
      child.once('error', () => {
        resolve(null);
      });
    });
  }

  static start(
    command: string,
    args: readonly string[],
    env: NodeJS.ProcessEnv,
    logFile: string,
    cwd?: string,
  ): Group {
    const out = fs.openSync(logFile, 'a');
    try {
      const child = spawn(command, [...args], { env, cwd, detached: true, stdio: ['ignore', out, out] });
      return new Group(child, logFile);
    } finally {
      fs.closeSync(out);
    }
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  log(): string {
    return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8') : '';
  }

  /** TERM the whole group, KILL it after a grace period; resolves once the leader has exited. */
  async stop(graceMs = 5000): Promise<void> {
    Group.live.delete(this);
    const pid = this.child.pid;
    if (pid === undefined) {
      return;
    }
    signalGroup(pid, 'SIGTERM');
    const timer = setTimeout(() => {
      signalGroup(pid, 'SIGKILL');
    }, graceMs);
    await this.exited;
    clearTimeout(timer);
    // workers that outlived their leader
    signalGroup(pid, 'SIGKILL');
  }

  /** Synchronous last resort (process exit, Ctrl+C): KILL every group still running. */
  static killAll(): void {
    for (const g of Group.live) {
      if (g.child.pid !== undefined) {
        signalGroup(g.child.pid, 'SIGKILL');
      }
    }
    Group.live.clear();
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** GET a URL once; the status, or undefined when nothing answered. */
export function getStatus(url: string, timeoutMs: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs, headers: { Connection: 'close' } }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => {
      req.destroy();
    });
    req.on('error', () => {
      resolve(undefined);
    });
  });
}

/** Wait for `ready` (polled), failing early when the group exits and after `timeoutMs`. */
export async function waitFor(
  what: string,
  group: Group,
  ready: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await ready()) {
      return;
    }
    if (!group.running) {
      throw new Error(
        `${what}: the process exited (${String(group.child.exitCode ?? group.child.signalCode)}); last lines of ${group.logFile}:\n${tail(group.log())}`,
      );
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${what}: not within ${String(timeoutMs / 1000)} s; last lines of ${group.logFile}:\n${tail(group.log())}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

export function tail(text: string, lines = 15): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
