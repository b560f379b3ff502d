import type * as vscode from 'vscode';
import type { EnvManager } from '../../core/cli/serveCommand';
import type { LongRunningProcess } from '../shared/process/processRunner';
import type { LogTail } from './logTail';

export type ModelServerStatus = 'starting' | 'running' | 'stopped' | 'failed';

/** One `mlflow models serve` process started by the user, as the Serving view shows it. */
export interface ModelServer {
  readonly id: string;
  readonly label: string;
  readonly modelUri: string;
  readonly port: number;
  readonly url: string;
  readonly envManager: EnvManager;
  /** Where it was started from, so Restart starts it the same way. */
  readonly cwd: string | undefined;
  readonly commandLine: string;
  readonly startedAt: Date;
  readonly process: LongRunningProcess;
  readonly output: vscode.OutputChannel;
  status: ModelServerStatus;
  /** Aborts the wait for `/ping` while the server is starting (Stop on a starting server). */
  readonly startAbort: AbortController;
  /** The last lines it printed, to say in a failure message why it ended. */
  readonly tail: LogTail;
}

/** What other extensions and our in-host tests may read about a server. */
export interface ModelServerInfo {
  readonly id: string;
  readonly modelUri: string;
  readonly port: number;
  readonly url: string;
  readonly envManager: EnvManager;
  readonly status: ModelServerStatus;
  readonly pid: number | undefined;
  /** The line of its log that says most (see LogTail): why a failed server ended. */
  readonly lastLogLine: string | undefined;
}

export function serverInfo(s: ModelServer): ModelServerInfo {
  return {
    id: s.id,
    modelUri: s.modelUri,
    port: s.port,
    url: s.url,
    envManager: s.envManager,
    status: s.status,
    pid: s.process.pid,
    lastLogLine: s.tail.lastLine(),
  };
}
