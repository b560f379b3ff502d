import type * as vscode from 'vscode';
import type { ServeManager } from '../serving/serveManager';
import { TryItPanel } from '../webviews/tryItPanel';
import { pickServer } from './stopServer';

/** "MLflow: Try the Endpoint…": the request panel for a running model server. */
export async function tryServer(manager: ServeManager, extensionUri: vscode.Uri, log: vscode.LogOutputChannel, arg?: unknown): Promise<boolean> {
  const server = await pickServer(manager, arg, 'Try a Model Server');
  if (!server) {
    return false;
  }
  if (server.status !== 'running') {
    throw new Error(`The server for ${server.label} is ${server.status}, not running.`);
  }
  TryItPanel.show(extensionUri, server, log);
  return true;
}
