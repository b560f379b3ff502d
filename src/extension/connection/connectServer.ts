import * as vscode from 'vscode';
import { suggestConnectionName, type NamedConnection } from '../../core/connection/namedConnections';
import { parseTrackingUri, redactUri, type TrackingTarget } from '../../core/connection/trackingUri';
import type { HostCredentials } from '../../core/tracking/rest/hostCredentials';
import { StoreError } from '../../core/common/storeError';
import { ENDPOINTS } from '../../core/tracking/rest/endpoints';
import { saveTrackingUri } from '../shared/config';
import { baseDir } from './connectionManager';
import type { ConnectionSecrets } from './connectionSecrets';
import type { MicrosoftToken } from './microsoftToken';
import type { SavedConnections } from './savedConnections';
import type { StoreSession } from './storeSession';
import { askCredentials, credentialsArg } from './askCredentials';

const REMOTE_KINDS = new Set(['rest', 'databricks', 'azureml']);

/** What connecting needs: where connections and credentials are kept. */
export interface ConnectDeps {
  readonly log: vscode.LogOutputChannel;
  readonly saved: SavedConnections;
  readonly secrets: ConnectionSecrets;
  readonly microsoft: MicrosoftToken;
  /** Builds the one-off client that checks whether the server asks for credentials. */
  readonly stores: StoreSession;
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
 * check it, ask for credentials when the server answers 401 (kept in SecretStorage only), save it
 * as a named connection (named after its host; rename it from the status bar) and make it the
 * active one through the `mlflow.trackingUri` setting. `options`
 * (`{ name?, credentials?: { username, password } | { token } }`) lets callers skip the prompts.
 */
export async function connectServer(
  deps: ConnectDeps,
  uriArg?: unknown,
  options?: unknown,
): Promise<boolean> {
  const given = typeof uriArg === 'string' ? uriArg.trim() : undefined;
  const interactive = given === undefined;
  let uri = given;
  if (uri === undefined) {
    uri = (
      await vscode.window.showInputBox({
        title: 'Connect to an MLflow Tracking Server',
        prompt:
          'The address you would give MLFLOW_TRACKING_URI: http(s)://host[:port][/prefix], databricks[://profile] or azureml://…',
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
    void vscode.window.showErrorMessage(
      `Cannot connect to "${redactUri(uri)}": ${problem ?? 'invalid address'}`,
    );
    return false;
  }
  const opts = typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {};
  const asked =
    credentialsArg(opts.credentials) ??
    (interactive ? await credentialsIfAsked(deps, parsed.target) : undefined);
  // A Microsoft session needs nothing stored: its token is fetched per request.
  const creds = asked === 'session' ? undefined : asked;
  const name = typeof opts.name === 'string' ? opts.name : freeName(deps.saved.list(), uri);
  const added = await deps.saved.add({ name, uri });
  if (!added.ok) {
    void vscode.window.showErrorMessage(added.error);
    return false;
  }
  if (creds !== undefined) {
    await deps.secrets.store(parsed.target, creds);
  }
  await saveTrackingUri(uri);
  deps.log.info(
    `Connection "${added.saved.name}" set to ${redactUri(uri)} by the user${creds === undefined ? '' : ', with credentials in secret storage'}.`,
  );
  return true;
}

/** The suggested name for `uri`, numbered when another saved connection already has it. */
function freeName(list: readonly NamedConnection[], uri: string): string {
  const base = suggestConnectionName(uri);
  const taken = (n: string): boolean =>
    list.some((c) => c.uri !== uri && c.name.toLowerCase() === n.toLowerCase());
  let name = base;
  for (let i = 2; taken(name); i++) {
    name = `${base} (${i})`;
  }
  return name;
}

/**
 * Ask for credentials only when the server asks for them: one quick read (no retries, a short
 * timeout) with whatever is already configured; a 401 opens the prompt, anything else (including
 * an unreachable server) connects as is and the views say what is wrong.
 */
async function credentialsIfAsked(
  deps: ConnectDeps,
  target: TrackingTarget,
): Promise<HostCredentials | 'session' | undefined> {
  if (target.kind !== 'rest' && target.kind !== 'azureml' && target.kind !== 'databricks') {
    return undefined;
  }
  const remote = target;
  const status = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Checking ${target.display}…` },
    async () => {
      try {
        const client = await deps.stores.restClient(remote, { maxRetries: 0, timeoutMs: 5_000 });
        await client.call(ENDPOINTS.searchExperiments, { body: { max_results: 1 } });
        return undefined;
      } catch (err) {
        return StoreError.is(err) ? err.status : undefined;
      }
    },
  );
  return status === 401 ? askCredentials(target, deps.microsoft, true) : undefined;
}
