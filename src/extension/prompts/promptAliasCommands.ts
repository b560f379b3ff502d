import * as vscode from 'vscode';
import {
  aliasNameProblem,
  deleteAliasPrompt,
  setAliasPrompt,
  type AliasPrompt,
} from '../../core/explorer/aliasPrompt';
import { getPrompt } from '../../core/prompts/promptReader';
import { promptUri } from '../../core/prompts/promptUri';
import type { StoreSession } from '../connection';
import { writers } from '../explorer';
import { reportFailure } from '../shared/errors/reportFailure';
import { promptNodeOf } from './promptNode';

/**
 * How a command confirms: `false` asks with a modal dialog, `true` has been confirmed already (a
 * caller that asked), and a function answers in place of the dialog (in-host tests read the
 * wording through it).
 */
export type Confirm = boolean | ((prompt: AliasPrompt) => boolean | Promise<boolean>);

const aliasUri = (name: string, alias: string): string => promptUri(name, { alias });

async function confirmed(confirm: Confirm, prompt: AliasPrompt, action: string): Promise<boolean> {
  if (typeof confirm === 'function') {
    return confirm(prompt);
  }
  return (
    confirm ||
    (await vscode.window.showWarningMessage(
      prompt.message,
      { modal: true, detail: prompt.detail },
      action,
    )) === action
  );
}

/** What the alias commands need: the connection, where the view reloads, and the log. */
export interface AliasContext {
  readonly session: StoreSession;
  readonly refresh: () => void;
  readonly log: vscode.LogOutputChannel;
}

/**
 * Point an alias of a prompt at a version (REST only), with the confirmation the model aliases
 * have: it names the version that holds the alias now, read from the server just before asking,
 * because moving `@production` changes what `load_prompt` returns.
 */
export async function setPromptAlias(
  c: AliasContext,
  arg: unknown,
  aliasArg?: string,
  confirm: Confirm = false,
): Promise<boolean> {
  const node = promptNodeOf(arg, 'promptVersion');
  if (node === undefined) {
    return false;
  }
  const w = await writers(c.session, c.log, 'set an alias');
  if (w === undefined) {
    return false;
  }
  const { name, version } = node.version;
  const alias =
    aliasArg ??
    (await vscode.window.showInputBox({
      title: `Set an alias on ${name} version ${version}`,
      placeHolder: 'production',
      validateInput: aliasNameProblem,
    }));
  if (alias === undefined) {
    return false;
  }
  try {
    const holder = (await getPrompt(w.registry, name)).aliases.find((a) => a.alias === alias)?.version;
    if (holder === version) {
      void vscode.window.showInformationMessage(`@${alias} already points to version ${version}.`);
      return false;
    }
    if (!(await confirmed(confirm, setAliasPrompt(name, alias, version, holder, aliasUri), 'Set Alias'))) {
      return false;
    }
    await w.registry.setAlias(name, alias, version);
    c.refresh();
    return true;
  } catch (err) {
    reportFailure('Setting the alias', err, c.log);
    return false;
  }
}

/** Remove one of a version's aliases (REST only), after the confirmation the model aliases have. */
export async function deletePromptAlias(
  c: AliasContext,
  arg: unknown,
  aliasArg?: string,
  confirm: Confirm = false,
): Promise<boolean> {
  const node = promptNodeOf(arg, 'promptVersion');
  if (node === undefined || node.version.aliases.length === 0) {
    return false;
  }
  const w = await writers(c.session, c.log, 'delete an alias');
  if (w === undefined) {
    return false;
  }
  const aliases = node.version.aliases;
  const alias =
    aliasArg ??
    (aliases.length === 1
      ? aliases[0]
      : await vscode.window.showQuickPick([...aliases], { title: 'Delete which alias?' }));
  if (alias === undefined) {
    return false;
  }
  const name = node.version.name;
  try {
    // Ask the server who holds the alias now: the view may be older than the last move.
    const holder = (await getPrompt(w.registry, name)).aliases.find((a) => a.alias === alias)?.version;
    if (!(await confirmed(confirm, deleteAliasPrompt(name, alias, holder, aliasUri), 'Delete Alias'))) {
      return false;
    }
    await w.registry.deleteAlias(name, alias);
    c.refresh();
    return true;
  } catch (err) {
    reportFailure('Deleting the alias', err, c.log);
    return false;
  }
}
