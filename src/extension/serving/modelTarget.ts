import * as path from 'node:path';
import * as vscode from 'vscode';
import { refuseUntrusted } from '../../core/serving/trustGuard';

/** A local model a command acts on: its folder (MLflow's local model URI) and a short label. */
export interface LocalModel {
  readonly folder: string;
  readonly label: string;
}

/** An MLmodel file or a model folder, as the folder MLflow takes as the model URI. */
export async function localModelFromUri(uri: vscode.Uri): Promise<LocalModel> {
  if (uri.scheme !== 'file') {
    throw new Error('Only models on this machine’s file system can be used here.');
  }
  const stat = await vscode.workspace.fs.stat(uri);
  const folder = (stat.type & vscode.FileType.Directory) !== 0 ? uri.fsPath : path.dirname(uri.fsPath);
  return { folder, label: path.basename(folder) };
}

/** Ask for one of the workspace's MLmodel files. */
export async function pickLocalModel(title: string): Promise<LocalModel | undefined> {
  const files = await vscode.workspace.findFiles('**/MLmodel', '{**/node_modules/**,**/.git/**}', 50);
  if (files.length === 0) {
    void vscode.window.showInformationMessage('No MLmodel files in this workspace.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    files.map((f) => ({
      label: path.basename(path.dirname(f.fsPath)),
      description: vscode.workspace.asRelativePath(f),
      uri: f,
    })),
    { title, placeHolder: 'Choose a model' },
  );
  return picked ? localModelFromUri(picked.uri) : undefined;
}

/** The model a command was run on (explorer, editor, CodeLens) or one the user picks. */
export async function resolveLocalModel(arg: unknown, title: string): Promise<LocalModel | undefined> {
  return arg instanceof vscode.Uri ? localModelFromUri(arg) : pickLocalModel(title);
}

/** Commands that run model code refuse in Restricted Mode, whatever called them. */
export function requireTrust(what: string): void {
  refuseUntrusted(vscode.workspace.isTrusted, what);
}
