import * as vscode from 'vscode';
import type { Stores } from '../../core/stores/openStores';
import type { StoreSession } from '../connection';

type Writers = NonNullable<Stores['rest']>;

/** The command that starts `mlflow server` on the local store (connection/startLocalServer.ts). */
const START_LOCAL_SERVER = 'mlflow.connection.startLocalServer';

/**
 * The REST writers of the active connection, or undefined after telling the user why not. Local
 * stores are read-only here (a second writer beside MLflow could corrupt them), so the message
 * offers to start `mlflow server` on the store, bound to 127.0.0.1 — only in a trusted
 * workspace, because that runs Python.
 */
export async function writers(
  session: StoreSession,
  _log: vscode.LogOutputChannel,
  action: string,
): Promise<Writers | undefined> {
  const stores = await session.stores();
  if (stores.rest !== undefined) {
    return stores.rest;
  }
  const readOnly = `Cannot ${action}: the local store is opened read-only.`;
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(
      `${readOnly} Trust this workspace to start an MLflow tracking server on it (127.0.0.1 only) and make changes there.`,
    );
    return undefined;
  }
  const start = 'Start Local Server';
  const choice = await vscode.window.showWarningMessage(
    `${readOnly} Start an MLflow tracking server on it (127.0.0.1 only) to make changes.`,
    start,
  );
  if (choice === start) {
    await vscode.commands.executeCommand(START_LOCAL_SERVER);
  }
  return undefined;
}
