import * as vscode from 'vscode';
import { parseTrackingUri, redactUri } from '../../core/connection/trackingUri';
import { saveTrackingUri } from '../config';
import { baseDir } from '../connection/connectionManager';

const REMOTE_KINDS = new Set(['rest', 'databricks', 'azureml']);

/** Why `value` cannot be a tracking server address, or undefined when it can. */
export function serverUriProblem(value: string): string | undefined {
  const parsed = parseTrackingUri(value, baseDir());
  if (!parsed.ok) {
    return parsed.error;
  }
  if (!REMOTE_KINDS.has(parsed.target.kind)) {
    return 'That is a local store; use "MLflow: Open Local Store…" for mlflow.db or mlruns.';
  }
  if (/^[a-z][\w+.-]*:\/\/[^/@]*:[^/@]*@/i.test(value.trim())) {
    return 'Leave the password out of the URL: MLflow reads it from MLFLOW_TRACKING_PASSWORD or ~/.mlflow/credentials.';
  }
  return undefined;
}

/**
 * "MLflow: Connect to Tracking Server…": ask for the server's address (or take it as an argument),
 * check it, and make it the active connection by saving it as `mlflow.trackingUri`.
 * Credentials never go into the setting.
 */
export async function connectServer(log: vscode.LogOutputChannel, uriArg?: unknown): Promise<boolean> {
  let uri = typeof uriArg === 'string' ? uriArg.trim() : undefined;
  if (uri === undefined) {
    uri = (
      await vscode.window.showInputBox({
        title: 'Connect to an MLflow Tracking Server',
        prompt: 'The address you would give MLFLOW_TRACKING_URI: http(s)://host[:port][/prefix], databricks[://profile] or azureml://…',
        placeHolder: 'http://127.0.0.1:5000',
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() === '' ? undefined : serverUriProblem(v)),
      })
    )?.trim();
  }
  if (!uri) {
    return false;
  }
  const problem = serverUriProblem(uri);
  if (problem) {
    void vscode.window.showErrorMessage(`Cannot connect to "${redactUri(uri)}": ${problem}`);
    return false;
  }
  await saveTrackingUri(uri);
  log.info(`Connection set to ${redactUri(uri)} by the user.`);
  return true;
}
