import * as vscode from 'vscode';
import { pickWorkspaceStore } from '../../core/connection/resolveConnection';
import { localStoreUri } from '../../core/connection/localStoreUri';

/**
 * Look for an `mlflow.db` or an `mlruns/<experiment>/meta.yaml` in the workspace and return the
 * tracking URI of the best one. Bounded (a few results, node_modules skipped) because it runs
 * after every activation, and cancellable because a newer search supersedes it.
 */
export async function discoverWorkspaceStore(token?: vscode.CancellationToken): Promise<string | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    return undefined;
  }
  const exclude = '{**/node_modules/**,**/.git/**,**/.venv/**}';
  const [dbs, metas] = await Promise.all([
    vscode.workspace.findFiles('**/mlflow.db', exclude, 5, token),
    vscode.workspace.findFiles('**/mlruns/*/meta.yaml', exclude, 5, token),
  ]);
  const found = [...dbs, ...metas].filter((u) => u.scheme === 'file').map((u) => u.fsPath);
  const best = pickWorkspaceStore(found);
  return best ? localStoreUri(best.kind, best.path) : undefined;
}
