import * as vscode from 'vscode';
import type { NamedConnection } from '../../core/connection/namedConnections';
import { credentialKey } from '../../core/connection/storedCredentials';
import { parseTrackingUri } from '../../core/connection/trackingUri';
import { saveTrackingUri, trackingUriSetting } from '../shared/config';
import { baseDir } from './connectionManager';
import type { ConnectionSecrets } from './connectionSecrets';
import type { SavedConnections } from './savedConnections';

/** What the saved-connection commands need. */
export interface SavedConnectionDeps {
  readonly saved: SavedConnections;
  readonly secrets: ConnectionSecrets;
  readonly log: vscode.LogOutputChannel;
}

/** Pick a saved connection by name (the argument) or from a list. */
async function chooseSaved(
  saved: SavedConnections,
  arg: unknown,
  placeHolder: string,
): Promise<NamedConnection | undefined> {
  if (typeof arg === 'string') {
    const found = saved.find(arg);
    if (found === undefined) {
      void vscode.window.showErrorMessage(`There is no saved MLflow connection named "${arg}".`);
    }
    return found;
  }
  const list = saved.list();
  if (list.length === 0) {
    void vscode.window.showInformationMessage(
      'No MLflow connections are saved yet: connect to a server or open a local store first.',
    );
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    list.map((c) => ({ label: c.name, detail: c.uri, connection: c })),
    { placeHolder },
  );
  return picked?.connection;
}

/**
 * Make a saved connection the active one. It is written to the `mlflow.trackingUri` setting,
 * the first step of the resolution order, so the choice is explicit and survives a reload;
 * the connection manager then re-resolves and every view refreshes.
 */
export async function switchConnection(deps: SavedConnectionDeps, arg?: unknown): Promise<boolean> {
  const chosen = await chooseSaved(deps.saved, arg, 'Switch to…');
  if (chosen === undefined) {
    return false;
  }
  await saveTrackingUri(chosen.uri);
  deps.log.info(`Switched to the saved connection "${chosen.name}".`);
  return true;
}

/** Rename a saved connection (`name`, `newName` as arguments, or asked for). */
export async function renameConnection(
  deps: SavedConnectionDeps,
  arg?: unknown,
  newNameArg?: unknown,
): Promise<boolean> {
  const chosen = await chooseSaved(deps.saved, arg, 'Rename which connection?');
  if (chosen === undefined) {
    return false;
  }
  const to =
    typeof newNameArg === 'string'
      ? newNameArg
      : await vscode.window.showInputBox({
          title: `Rename "${chosen.name}"`,
          value: chosen.name,
          ignoreFocusOut: true,
        });
  if (to === undefined) {
    return false;
  }
  const result = await deps.saved.rename(chosen.name, to);
  if (!result.ok) {
    void vscode.window.showErrorMessage(result.error);
    return false;
  }
  return true;
}

/**
 * Remove a saved connection, with its stored credentials when no other saved connection uses the
 * same server. When it is the active one through the setting, the setting is cleared so the
 * resolution order (environment, .env, workspace store) applies again.
 */
export async function removeConnection(deps: SavedConnectionDeps, arg?: unknown): Promise<boolean> {
  const chosen = await chooseSaved(deps.saved, arg, 'Remove which connection?');
  if (chosen === undefined) {
    return false;
  }
  if (typeof arg !== 'string') {
    const ok = await vscode.window.showWarningMessage(
      `Remove the MLflow connection "${chosen.name}" (${chosen.uri}) and its stored credentials?`,
      { modal: true },
      'Remove',
    );
    if (ok !== 'Remove') {
      return false;
    }
  }
  const result = await deps.saved.remove(chosen.name);
  if (!result.ok) {
    return false;
  }
  const parsed = parseTrackingUri(chosen.uri, baseDir());
  if (parsed.ok && !result.list.some((c) => sameServer(c.uri, chosen.uri))) {
    await deps.secrets.delete(parsed.target);
  }
  if (trackingUriSetting() === chosen.uri) {
    await saveTrackingUri(undefined);
  }
  deps.log.info(`Removed the saved connection "${chosen.name}".`);
  return true;
}

function sameServer(a: string, b: string): boolean {
  const pa = parseTrackingUri(a, baseDir());
  const pb = parseTrackingUri(b, baseDir());
  return pa.ok && pb.ok && credentialKey(pa.target) === credentialKey(pb.target);
}
