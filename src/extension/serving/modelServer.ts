import type * as vscode from 'vscode';
import type { LongRunningProcess } from '../process/processRunner';

export type ModelServerStatus = 'starting' | 'running' | 'stopped' | 'failed';

/** One `mlflow models serve` process started by the user, as the Serving view shows it. */
export interface ModelServer {
  readonly id: string;
  readonly label: string;
  readonly modelUri: string;
  readonly port: number;
  readonly url: string;
  readonly commandLine: string;
  readonly startedAt: Date;
  readonly process: LongRunningProcess;
  readonly output: vscode.OutputChannel;
  status: ModelServerStatus;
}

/** What other extensions and our in-host tests may read about a server. */
export interface ModelServerInfo {
  readonly id: string;
  readonly modelUri: string;
  readonly port: number;
  readonly url: string;
  readonly status: ModelServerStatus;
  readonly pid: number | undefined;
}

export function serverInfo(s: ModelServer): ModelServerInfo {
  return { id: s.id, modelUri: s.modelUri, port: s.port, url: s.url, status: s.status, pid: s.process.pid };
}
