import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkModelUri } from '../../core/cli/modelUri';
import type { ModelServerInfo } from '../serving/modelServer';
import type { ServeManager } from '../serving/serveManager';
import { COMMANDS } from './commandIds';
import { localModelFromUri } from './modelTarget';

interface Target {
  readonly modelUri: string;
  readonly label: string;
}

async function askForTarget(): Promise<Target | undefined> {
  const files = await vscode.workspace.findFiles('**/MLmodel', '{**/node_modules/**,**/.git/**}', 50);
  const items: (vscode.QuickPickItem & { target?: Target })[] = files.map((f) => ({
    label: `$(file) ${path.basename(path.dirname(f.fsPath))}`,
    description: vscode.workspace.asRelativePath(f),
    target: { modelUri: path.dirname(f.fsPath), label: path.basename(path.dirname(f.fsPath)) },
  }));
  items.push({ label: '$(edit) Enter a Model URI…', description: 'runs:/…, models:/name@alias, models:/name/1' });
  const picked = await vscode.window.showQuickPick(items, { title: 'Serve a Model Locally', placeHolder: 'Choose a model to serve' });
  if (!picked) {
    return undefined;
  }
  if (picked.target) {
    return picked.target;
  }
  const uri = await vscode.window.showInputBox({
    title: 'Serve a Model Locally',
    prompt: 'A model URI as `mlflow models serve -m` takes it',
    placeHolder: 'models:/iris-classifier@champion',
    validateInput: (v) => {
      const r = checkModelUri(v.trim());
      return r.ok ? undefined : r.error;
    },
  });
  return uri ? { modelUri: uri.trim(), label: uri.trim() } : undefined;
}

/**
 * "MLflow: Serve Model Locally…": from an MLmodel file or folder (explorer, editor), a model URI
 * string, or a pick. Resolves to the running server, or undefined when the user backed out.
 */
export async function serveModel(manager: ServeManager, arg?: unknown): Promise<ModelServerInfo | undefined> {
  let target: Target | undefined;
  if (arg instanceof vscode.Uri) {
    const model = await localModelFromUri(arg);
    target = { modelUri: model.folder, label: model.label };
  } else if (typeof arg === 'string') {
    const r = checkModelUri(arg);
    if (!r.ok) {
      throw new Error(r.error);
    }
    target = { modelUri: arg, label: arg };
  } else {
    target = await askForTarget();
  }
  if (!target) {
    return undefined;
  }
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const info = await manager.start(target.modelUri, target.label, cwd);
  void vscode.window
    .showInformationMessage(`Serving ${target.label} at ${info.url}`, 'Try It', 'Show Logs', 'Copy URL')
    .then((choice) => {
      if (choice === 'Try It') {
        void vscode.commands.executeCommand(COMMANDS.serveTryIt, info.id);
      } else if (choice === 'Show Logs') {
        manager.get(info.id)?.output.show(true);
      } else if (choice === 'Copy URL') {
        void vscode.env.clipboard.writeText(info.url);
      }
    });
  return info;
}
