import * as os from 'node:os';
import type { ConnectionManager } from './connectionManager';
import type { SecretCredentials } from './storeSession';
import { credentialsToEnv } from '../../core/cli/credentialEnv';
import { resolveCredentials } from '../../core/tracking/rest/hostCredentials';
import { loadCredentialsFile } from '../../core/tracking/rest/loadCredentialsFile';
import { terminalTrackingUri } from './terminalEnvironment';

/** What a child `mlflow` process needs to reach the active connection. */
export interface ChildConnectionEnv {
  readonly trackingUri: string | undefined;
  /** Credential env vars, and `MLFLOW_WORKSPACE` when one applies; never put on a command line or logged. */
  readonly credentialEnv: Readonly<Record<string, string>>;
}

/**
 * The active connection's tracking URI and, for a tracking server, its credentials — found the
 * way StoreSession finds them for the extension's own requests (SecretStorage when wired, then
 * the MLflow env vars and ~/.mlflow/credentials) — so `runs:/` and `models:/` URIs resolve in
 * the child exactly as they do in the views.
 */
export async function childConnectionEnv(
  connections: ConnectionManager,
  secrets?: SecretCredentials,
): Promise<ChildConnectionEnv> {
  const state = connections.state;
  if (state.status !== 'ready') {
    return { trackingUri: undefined, credentialEnv: {} };
  }
  const trackingUri = terminalTrackingUri(state.target);
  if (state.target.kind !== 'rest') {
    return { trackingUri, credentialEnv: {} };
  }
  const creds =
    (await secrets?.(state.target)) ??
    resolveCredentials(process.env, await loadCredentialsFile(os.homedir()));
  // MLflow's client sends X-MLFLOW-WORKSPACE from MLFLOW_WORKSPACE: a registered model or run of a
  // workspace resolves in the child as it does in the views.
  return { trackingUri, credentialEnv: { ...credentialsToEnv(creds), ...(await connections.childEnv()) } };
}
