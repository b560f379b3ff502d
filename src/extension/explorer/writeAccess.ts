import * as vscode from 'vscode';
import type { Stores } from '../../core/tracking/openStores';
import type { StoreSession } from '../connection/storeSession';
import { findMlflow } from '../serving/findMlflow';
import { freePort } from '../serving/freePort';

type Writers = NonNullable<Stores['rest']>;

/**
 * The REST writers of the active connection, or undefined after telling the user why not. Local
 * stores are read-only here (a second writer beside MLflow could corrupt them), so the message
 * offers to start `mlflow server` on the store, bound to 127.0.0.1, and connect to it.
 */
export async function writers(session: StoreSession, log: vscode.LogOutputChannel, action: string): Promise<Writers | undefined> {
  const stores = await session.stores();
  if (stores.rest !== undefined) {
    return stores.rest;
  }
  const state = session.state;
  const start = 'Start Local Server';
  const choice = await vscode.window.showWarningMessage(
    `Cannot ${action}: the local store is opened read-only. Start an MLflow tracking server on it (127.0.0.1 only) to make changes.`,
    start,
  );
  if (choice === start && state.status === 'ready') {
    await startLocalServer(state.uri, log);
  }
  return undefined;
}

/** Run `mlflow server` on a local store in a terminal and offer to connect to it. */
async function startLocalServer(storeUri: string, log: vscode.LogOutputChannel): Promise<void> {
  let python: string;
  try {
    python = (await findMlflow(log)).python;
  } catch (err) {
    void vscode.window.showErrorMessage(err instanceof Error ? err.message : String(err));
    return;
  }
  const port = await freePort();
  const backend = /^[a-z]+:/i.test(storeUri) ? storeUri : vscode.Uri.file(storeUri).toString();
  // argv only; the store URI is one argument whatever it contains.
  const terminal = vscode.window.createTerminal({
    name: 'MLflow tracking server',
    shellPath: python,
    shellArgs: ['-m', 'mlflow', 'server', '--backend-store-uri', backend, '--host', '127.0.0.1', '--port', String(port)],
  });
  terminal.show(true);
  const url = `http://127.0.0.1:${port}`;
  const connect = 'Connect';
  if ((await vscode.window.showInformationMessage(`Starting an MLflow server on ${url}. Connect to it once it is up?`, connect)) === connect) {
    await vscode.commands.executeCommand('mlflow.connection.connectServer', url);
  }
}
