import * as vscode from 'vscode';
import { withInterpreterOnPath } from '../../core/cli/interpreterPath';
import { refuseUntrusted } from '../../core/serving/trustGuard';
import { neutralFolder } from '../shared/process/neutralFolder';
import { findMlflow } from '../shared/python/findMlflow';
import { freePort } from '../shared/freePort';
import type { ConnectionManager } from './connectionManager';
import { isReadOnly } from './connectionState';

/**
 * "MLflow: Start a Tracking Server on the Local Store": `python -m mlflow server` on the active
 * `mlflow.db` / `mlruns`, bound to 127.0.0.1, in a terminal, then an offer to connect to it (the
 * way to make changes to a local store, which the extension itself only reads).
 *
 * It runs Python, so it refuses in Restricted Mode like serving does, and it starts in a folder
 * of our own, not the workspace, so an `mlflow/` folder there cannot stand in for MLflow.
 * Resolves to the server's URL, or undefined when there is no local store.
 */
export async function startLocalServer(
  connections: ConnectionManager,
  log: vscode.LogOutputChannel,
): Promise<string | undefined> {
  refuseUntrusted(vscode.workspace.isTrusted, 'Starting a tracking server', 'Python and MLflow');
  const state = connections.state;
  if (state.status !== 'ready' || !isReadOnly(state)) {
    void vscode.window.showInformationMessage(
      'The active connection is not a local mlflow.db or mlruns store.',
    );
    return undefined;
  }
  const { python } = await findMlflow(log);
  const port = await freePort();
  const storeUri = state.uri;
  const backend = /^[a-z]+:/i.test(storeUri) ? storeUri : vscode.Uri.file(storeUri).toString();
  const env = withInterpreterOnPath(python, process.env, process.platform);
  const pathKey = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  // argv only; the store URI is one argument whatever it contains.
  const terminal = vscode.window.createTerminal({
    name: 'MLflow tracking server',
    shellPath: python,
    shellArgs: [
      '-m',
      'mlflow',
      'server',
      '--backend-store-uri',
      backend,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
    ],
    cwd: neutralFolder(),
    env: { [pathKey]: env[pathKey] ?? null },
  });
  terminal.show(true);
  const url = `http://127.0.0.1:${String(port)}`;
  log.info(`Starting an MLflow tracking server on ${url} for ${storeUri}.`);
  const connect = 'Connect';
  void vscode.window
    .showInformationMessage(`Starting an MLflow server on ${url}. Connect to it once it is up?`, connect)
    .then((choice) => {
      if (choice === connect) {
        void vscode.commands.executeCommand('mlflow.connection.connectServer', url);
      }
    });
  return url;
}
