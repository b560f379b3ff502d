import * as path from 'node:path';
import * as vscode from 'vscode';
import { classifyLocalStore, localStoreUri } from '../../core/connection/localStoreUri';
import { suggestConnectionName } from '../../core/connection/namedConnections';
import { saveTrackingUri } from '../shared/config';
import type { SavedConnections } from './savedConnections';

/**
 * "MLflow: Open Local Store…": pick an `mlflow.db` file or an `mlruns` folder (or pass its Uri),
 * check that it looks like an MLflow store, save it as a named connection and make it the active
 * read-only connection.
 */
export async function openLocalStore(
  log: vscode.LogOutputChannel,
  uriArg?: unknown,
  saved?: SavedConnections,
): Promise<boolean> {
  let picked = uriArg instanceof vscode.Uri ? uriArg : undefined;
  if (!picked) {
    const chosen = await vscode.window.showOpenDialog({
      title: 'Open a Local MLflow Store',
      openLabel: 'Open Store',
      canSelectFiles: true,
      canSelectFolders: true,
      canSelectMany: false,
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      filters: { 'MLflow stores': ['db', 'sqlite', 'sqlite3'], 'All files': ['*'] },
    });
    picked = chosen?.[0];
  }
  if (!picked) {
    return false;
  }
  if (picked.scheme !== 'file') {
    void vscode.window.showErrorMessage('Local MLflow stores must be on this machine’s file system.');
    return false;
  }
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(picked);
  } catch {
    void vscode.window.showErrorMessage(`${picked.fsPath} does not exist.`);
    return false;
  }
  const isDir = (stat.type & vscode.FileType.Directory) !== 0;
  const children = isDir ? (await vscode.workspace.fs.readDirectory(picked)).map(([name]) => name) : [];
  const store = classifyLocalStore(picked.fsPath, isDir, children);
  if (!store.ok) {
    void vscode.window.showErrorMessage(store.error);
    return false;
  }
  const uri = localStoreUri(store.kind, path.resolve(store.path));
  // Kept in the saved connections too, under a short name, so the status bar can switch back to it.
  // (both at once: the connection applies as its setting's write starts.)
  await Promise.all([saved?.add({ name: suggestConnectionName(uri), uri }), saveTrackingUri(uri)]);
  log.info(`Connection set to the local ${store.kind} store ${store.path}.`);
  return true;
}
