import * as vscode from 'vscode';
import type { StoreSession } from '../connection';
import { PROMPT_COMMANDS } from '../shared/commandIds/promptCommandIds';
import { registerReported } from '../shared/errors/withErrorReport';
import { deletePromptAlias, setPromptAlias, type Confirm } from './promptAliasCommands';
import { compareVersions, copyPromptUri, openTemplate } from './promptCommands';
import { PROMPT_DOC_SCHEME, PromptDocuments } from './promptDocuments';
import type { PromptNode } from './promptNode';
import { PromptsTreeProvider } from './promptsTreeProvider';
import { showLinkedTraces, type TraceChooser } from './showLinkedTraces';

/** What the Prompts feature offers the API (in-host tests read the tree through it). */
export interface Prompts {
  readonly tree: PromptsTreeProvider;
  readonly view: vscode.TreeView<PromptNode>;
}

const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const asConfirm = (v: unknown): Confirm =>
  typeof v === 'function' ? (v as Exclude<Confirm, boolean>) : v === true;

/** The Prompts view, its template documents and its commands. */
export function registerPrompts(
  context: vscode.ExtensionContext,
  session: StoreSession,
  log: vscode.LogOutputChannel,
): Prompts {
  const tree = new PromptsTreeProvider(session);
  const view = vscode.window.createTreeView('mlflow.prompts', {
    treeDataProvider: tree,
    showCollapseAll: true,
  });
  const documents = new PromptDocuments(session);
  context.subscriptions.push(
    tree,
    view,
    documents,
    vscode.workspace.registerFileSystemProvider(PROMPT_DOC_SCHEME, documents, {
      isReadonly: true,
      isCaseSensitive: true,
    }),
  );
  const aliases = {
    session,
    log,
    refresh: () => {
      tree.refresh();
    },
  };
  registerReported(context, log, {
    [PROMPT_COMMANDS.refresh]: () => {
      tree.refresh();
    },
    [PROMPT_COMMANDS.openTemplate]: (node) => openTemplate(node),
    [PROMPT_COMMANDS.compareVersions]: (node, other) => compareVersions(session, node, asString(other)),
    [PROMPT_COMMANDS.copyUri]: (node, alias) => copyPromptUri(node, asString(alias)),
    [PROMPT_COMMANDS.setAlias]: (node, alias, confirm) =>
      setPromptAlias(aliases, node, asString(alias), asConfirm(confirm)),
    [PROMPT_COMMANDS.deleteAlias]: (node, alias, confirm) =>
      deletePromptAlias(aliases, node, asString(alias), asConfirm(confirm)),
    [PROMPT_COMMANDS.showTraces]: (node, choose) =>
      showLinkedTraces(session, node, typeof choose === 'function' ? (choose as TraceChooser) : undefined),
  });
  return { tree, view };
}
