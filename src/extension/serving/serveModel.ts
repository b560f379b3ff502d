import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkModelUri } from '../../core/cli/modelUri';
import type { ModelServerInfo } from './modelServer';
import { ServeCancelled, type ServeManager } from './serveManager';
import { askServeOptions, isServeAnswers, type ServeAnswers } from './serveOptions';
import { treeModelTargets, type ModelUriTarget } from './treeModelTarget';
import { COMMANDS } from '../shared/commandIds/commandIds';
import { localModelFromUri, requireTrust } from './modelTarget';

/** Ask for a model: one of the workspace's MLmodel folders, or a typed model URI. */
export async function askForModelTarget(title: string): Promise<ModelUriTarget | undefined> {
  const files = await vscode.workspace.findFiles('**/MLmodel', '{**/node_modules/**,**/.git/**}', 50);
  const items: (vscode.QuickPickItem & { target?: ModelUriTarget })[] = files.map((f) => ({
    label: `$(file) ${path.basename(path.dirname(f.fsPath))}`,
    description: vscode.workspace.asRelativePath(f),
    target: { modelUri: path.dirname(f.fsPath), label: path.basename(path.dirname(f.fsPath)) },
  }));
  items.push({
    label: '$(edit) Enter a Model URI…',
    description: 'runs:/…, models:/name@alias, models:/name/1',
  });
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Choose a model' });
  if (!picked) {
    return undefined;
  }
  if (picked.target) {
    return picked.target;
  }
  const uri = await vscode.window.showInputBox({
    title,
    prompt:
      'A model URI: a local folder, runs:/<run id>/<path>, models:/<name>/<version> or models:/<name>@<alias>',
    placeHolder: 'models:/iris-classifier@champion',
    validateInput: (v) => {
      const r = checkModelUri(v.trim());
      return r.ok ? undefined : r.error;
    },
  });
  return uri ? { modelUri: uri.trim(), label: uri.trim() } : undefined;
}

/** A version node with aliases: serve the version itself, or follow one of its aliases. */
async function chooseTreeTarget(
  targets: readonly ModelUriTarget[],
  answers: ServeAnswers | undefined,
): Promise<ModelUriTarget | undefined> {
  const [first] = targets;
  if (targets.length === 1 || !first) {
    return first;
  }
  if (answers) {
    const wanted = answers.alias;
    const found =
      wanted === undefined || wanted === 'version'
        ? first
        : targets.find((t) => t.modelUri.endsWith(`@${wanted}`));
    if (!found) {
      throw new Error(`The version has no alias "${wanted ?? ''}".`);
    }
    return found;
  }
  const picked = await vscode.window.showQuickPick(
    targets.map((t) => ({ label: t.label, description: t.modelUri, target: t })),
    { title: 'Serve a Model Locally', placeHolder: 'Serve this version, or follow an alias' },
  );
  return picked?.target;
}

async function resolveTarget(
  arg: unknown,
  answers: ServeAnswers | undefined,
): Promise<ModelUriTarget | undefined> {
  if (arg instanceof vscode.Uri) {
    const model = await localModelFromUri(arg);
    return { modelUri: model.folder, label: model.label };
  }
  if (typeof arg === 'string') {
    const r = checkModelUri(arg);
    if (!r.ok) {
      throw new Error(r.error);
    }
    return { modelUri: arg, label: arg };
  }
  const fromTree = treeModelTargets(arg);
  return fromTree ? chooseTreeTarget(fromTree, answers) : askForModelTarget('Serve a Model Locally');
}

/**
 * "MLflow: Serve Model Locally…": from an MLmodel file or folder (explorer, editor, CodeLens), a
 * run's logged model or a registered version/alias (Experiments and Models views), a model URI
 * string, or a pick; then the environment manager and port. `answersArg` (see ServeAnswers)
 * replaces the prompts. Resolves to the running server, or undefined when the user backed out.
 */
export async function serveModel(
  manager: ServeManager,
  state: vscode.Memento,
  arg?: unknown,
  answersArg?: unknown,
): Promise<ModelServerInfo | undefined> {
  // before any prompt: the manager refuses too, but the user should not answer questions first
  requireTrust('Serving a model');
  // Explorer and editor menus pass the selected resources as the second argument: not answers.
  const given = Array.isArray(answersArg) ? undefined : answersArg;
  if (given !== undefined && !isServeAnswers(given)) {
    throw new Error('Serve options are { envManager?, port?, alias? }.');
  }
  const answers = given;
  const target = await resolveTarget(arg, answers);
  if (!target) {
    return undefined;
  }
  // no questions about serving before we know it can be served
  await manager.checkMlflow();
  const options = await askServeOptions(state, `Serve ${target.label}`, answers);
  if (!options) {
    return undefined;
  }
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  let info: ModelServerInfo;
  try {
    info = await manager.start(target.modelUri, target.label, cwd, options);
  } catch (e) {
    if (ServeCancelled.is(e)) {
      return undefined;
    }
    throw e;
  }
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
