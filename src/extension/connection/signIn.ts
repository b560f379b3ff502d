import * as vscode from 'vscode';
import type { ConnectionManager } from './connectionManager';
import type { ConnectionSecrets } from './connectionSecrets';
import type { MicrosoftToken } from './microsoftToken';
import type { StoreSession } from './storeSession';
import { askCredentials, credentialsArg } from './askCredentials';

/** What signing in and out need. */
export interface SignInDeps {
  readonly connections: ConnectionManager;
  readonly secrets: ConnectionSecrets;
  readonly stores: StoreSession;
  readonly microsoft: MicrosoftToken;
  readonly log: vscode.LogOutputChannel;
}

/**
 * "MLflow: Sign In to Tracking Server…": credentials for the active server (from the argument,
 * else asked for), kept in SecretStorage, then every view reloads with them. Offered by the 401
 * error node. Returns whether credentials were stored.
 */
export async function signIn(deps: SignInDeps, arg?: unknown): Promise<boolean> {
  const state = deps.connections.state;
  if (state.status !== 'ready' || state.target.kind === 'sqlite' || state.target.kind === 'file') {
    void vscode.window.showInformationMessage(
      'Signing in applies to tracking servers; the active connection is not one.',
    );
    return false;
  }
  const creds = credentialsArg(arg) ?? (await askCredentials(state.target, deps.microsoft, false));
  if (creds === undefined) {
    return false;
  }
  if (creds === 'session') {
    deps.log.info(`Signed in with Microsoft for ${state.target.display}.`);
    deps.stores.reset();
    return true;
  }
  await deps.secrets.store(state.target, creds);
  // Only the kind is logged: the secret itself never reaches a log.
  deps.log.info(
    `Stored ${creds.kind === 'basic' ? 'a username and password' : 'a token'} for ${state.target.display} in secret storage.`,
  );
  deps.stores.reset();
  return true;
}

/** "MLflow: Forget Tracking Server Credentials": remove what was stored for the active server. */
export async function signOut(deps: SignInDeps): Promise<boolean> {
  const state = deps.connections.state;
  if (state.status !== 'ready') {
    return false;
  }
  const removed = await deps.secrets.delete(state.target);
  if (removed) {
    deps.log.info(`Removed the stored credentials for ${state.target.display}.`);
    deps.stores.reset();
  }
  void vscode.window.showInformationMessage(
    removed
      ? `Forgot the credentials for ${state.target.display}.`
      : `No credentials were stored for ${state.target.display}.`,
  );
  return removed;
}
