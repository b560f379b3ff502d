import * as vscode from 'vscode';
import { connectionNameProblem, suggestConnectionName } from '../../core/connection/namedConnections';
import { parseTrackingUri, redactUri, type TrackingTarget } from '../../core/connection/trackingUri';
import type { HostCredentials } from '../../core/tracking/rest/hostCredentials';
import { loadDatabricksConnection } from '../../core/connection/databricksConfig';
import { saveTrackingUri } from '../config';
import { baseDir } from '../connection/connectionManager';
import type { ConnectionSecrets } from '../connection/connectionSecrets';
import type { MicrosoftToken } from '../connection/microsoftToken';
import type { SavedConnections } from '../connection/savedConnections';
import { askCredentials, credentialsArg } from './askCredentials';
import * as os from 'node:os';

const REMOTE_KINDS = new Set(['rest', 'databricks', 'azureml']);

/** What connecting needs: where connections and credentials are kept. */
export interface ConnectDeps {
  readonly log: vscode.LogOutputChannel;
  readonly saved: SavedConnections;
  readonly secrets: ConnectionSecrets;
  readonly microsoft: MicrosoftToken;
}

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
    return 'Leave the password out of the URL: sign in after connecting, or set MLFLOW_TRACKING_PASSWORD or ~/.mlflow/credentials.';
  }
  return undefined;
}

/**
 * "MLflow: Connect to Tracking Server…": ask for the server's address (or take it as an argument),
 * check it, optionally ask for credentials (kept in SecretStorage only), save it as a named
 * connection and make it the active one through the `mlflow.trackingUri` setting.
 * `options` (`{ name?, credentials?: { username, password } | { token } }`) lets callers skip the prompts.
 */
export async function connectServer(deps: ConnectDeps, uriArg?: unknown, options?: unknown): Promise<boolean> {
  const given = typeof uriArg === 'string' ? uriArg.trim() : undefined;
  const interactive = given === undefined;
  let uri = given;
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
  const parsed = parseTrackingUri(uri, baseDir());
  if (problem !== undefined || !parsed.ok) {
    void vscode.window.showErrorMessage(`Cannot connect to "${redactUri(uri)}": ${problem ?? 'invalid address'}`);
    return false;
  }
  const opts = typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {};
  const creds = credentialsArg(opts.credentials) ?? (interactive ? await credentialsForNew(deps, parsed.target) : undefined);
  let name = typeof opts.name === 'string' ? opts.name : suggestConnectionName(uri);
  if (interactive) {
    const existing = deps.saved.list();
    const typed = await vscode.window.showInputBox({
      title: 'Name this connection',
      prompt: 'Shown in the status bar’s connection list',
      value: existing.find((c) => c.uri === uri)?.name ?? name,
      ignoreFocusOut: true,
      validateInput: (v) => connectionNameProblem(v) ?? (existing.some((c) => c.uri !== uri && c.name.toLowerCase() === v.trim().toLowerCase()) ? 'That name is taken.' : undefined),
    });
    if (typed === undefined) {
      return false;
    }
    name = typed;
  }
  const added = await deps.saved.add({ name, uri });
  if (!added.ok) {
    void vscode.window.showErrorMessage(added.error);
    return false;
  }
  if (creds !== undefined) {
    await deps.secrets.store(parsed.target, creds);
  }
  await saveTrackingUri(uri);
  deps.log.info(`Connection "${added.saved.name}" set to ${redactUri(uri)} by the user${creds === undefined ? '' : ', with credentials in secret storage'}.`);
  return true;
}

/**
 * Credentials for a new connection, asked only where they are likely needed: not for a Databricks
 * profile that already has a token, nor for Azure ML when VS Code has a Microsoft session.
 */
async function credentialsForNew(deps: ConnectDeps, target: TrackingTarget): Promise<HostCredentials | undefined> {
  if (target.kind === 'databricks') {
    const resolved = await loadDatabricksConnection(target.profile, process.env, os.homedir());
    if (resolved.ok && resolved.connection.token !== undefined) {
      return undefined;
    }
  }
  if (target.kind === 'azureml' && (await deps.microsoft.get()) !== undefined) {
    return undefined;
  }
  return askCredentials(target, deps.microsoft, true);
}
