import * as vscode from 'vscode';
import { aliasNameProblem, deleteAliasPrompt, setAliasPrompt } from '../../core/explorer/aliasPrompt';
import { registryModelUri } from '../../core/explorer/loggedModelHistory';
import type { StoreSession } from '../connection';
import { nodeOf } from './explorerNode';
import type { ModelsTreeProvider } from './modelsTreeProvider';
import { reportFailure } from '../shared/errors/reportFailure';
import { writers } from './writeAccess';

/**
 * Copy a model's URI: `models:/<name>/<version>` (or `@alias`, when the user picks one of the
 * version's aliases) for a registry version; for a model a run logged, `runs:/<run id>/<path>`
 * (2.x) or `models:/m-<id>` (an MLflow 3 logged model).
 */
export async function copyModelUri(arg: unknown, aliasArg?: string): Promise<string | undefined> {
  const logged = nodeOf(arg, 'loggedModel');
  const node = nodeOf(arg, 'modelVersion');
  if (node === undefined) {
    const uri = logged?.model.modelUri;
    if (uri !== undefined) {
      await vscode.env.clipboard.writeText(uri);
      vscode.window.setStatusBarMessage(`Copied ${uri}`, 3000);
    }
    return uri;
  }
  const options = [
    registryModelUri(node.name, { version: node.version }),
    ...node.modelVersion.aliases.map((alias) => registryModelUri(node.name, { alias })),
  ];
  // A caller naming one of the version's aliases gets `models:/<name>@<alias>` without a prompt.
  const named =
    aliasArg !== undefined && node.modelVersion.aliases.includes(aliasArg)
      ? registryModelUri(node.name, { alias: aliasArg })
      : undefined;
  const uri =
    named ??
    (options.length === 1
      ? options[0]
      : await vscode.window.showQuickPick(options, { title: 'Copy Model URI' }));
  if (uri !== undefined) {
    await vscode.env.clipboard.writeText(uri);
    vscode.window.setStatusBarMessage(`Copied ${uri}`, 3000);
  }
  return uri;
}

/**
 * Point an alias at a version (REST only). The confirmation names the version that holds the
 * alias now, because moving `@champion` changes what production loads.
 */
export async function setAlias(
  session: StoreSession,
  models: ModelsTreeProvider,
  log: vscode.LogOutputChannel,
  arg: unknown,
  aliasArg?: string,
  confirmed = false,
): Promise<boolean> {
  const node = nodeOf(arg, 'modelVersion');
  if (node === undefined) {
    return false;
  }
  const w = await writers(session, log, 'set an alias');
  if (w === undefined) {
    return false;
  }
  const alias =
    aliasArg ??
    (await vscode.window.showInputBox({
      title: `Set an alias on ${node.name} version ${node.version}`,
      placeHolder: 'champion',
      validateInput: aliasNameProblem,
    }));
  if (alias === undefined) {
    return false;
  }
  try {
    const model = await w.registry.getRegisteredModel(node.name);
    const holder = model.aliases.find((a) => a.alias === alias)?.version;
    if (holder === node.version) {
      void vscode.window.showInformationMessage(`@${alias} already points to version ${node.version}.`);
      return false;
    }
    if (!confirmed) {
      const prompt = setAliasPrompt(node.name, alias, node.version, holder);
      if (
        (await vscode.window.showWarningMessage(
          prompt.message,
          { modal: true, detail: prompt.detail },
          'Set Alias',
        )) !== 'Set Alias'
      ) {
        return false;
      }
    }
    await w.registry.setAlias(node.name, alias, node.version);
    models.refresh();
    return true;
  } catch (err) {
    reportFailure('Setting the alias', err, log);
    return false;
  }
}

/** Remove one of a version's aliases (REST only), after a confirmation. */
export async function deleteAlias(
  session: StoreSession,
  models: ModelsTreeProvider,
  log: vscode.LogOutputChannel,
  arg: unknown,
  aliasArg?: string,
  confirmed = false,
): Promise<boolean> {
  const node = nodeOf(arg, 'modelVersion');
  if (node === undefined || node.modelVersion.aliases.length === 0) {
    return false;
  }
  const w = await writers(session, log, 'delete an alias');
  if (w === undefined) {
    return false;
  }
  const aliases = node.modelVersion.aliases;
  const alias =
    aliasArg ??
    (aliases.length === 1
      ? aliases[0]
      : await vscode.window.showQuickPick([...aliases], { title: 'Delete which alias?' }));
  if (alias === undefined) {
    return false;
  }
  try {
    if (!confirmed) {
      // Ask the server who holds the alias now: the view may be older than the last move.
      const holder = (await w.registry.getRegisteredModel(node.name)).aliases.find(
        (a) => a.alias === alias,
      )?.version;
      const prompt = deleteAliasPrompt(node.name, alias, holder);
      if (
        (await vscode.window.showWarningMessage(
          prompt.message,
          { modal: true, detail: prompt.detail },
          'Delete Alias',
        )) !== 'Delete Alias'
      ) {
        return false;
      }
    }
    await w.registry.deleteAlias(node.name, alias);
    models.refresh();
    return true;
  } catch (err) {
    reportFailure('Deleting the alias', err, log);
    return false;
  }
}
