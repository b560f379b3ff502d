// The nodes that stand for a failure or an empty list in the Experiments and Models views, and how
// they look: both views build them the same way, so a retry, sign-in or filter hint reads alike.
import * as vscode from 'vscode';
import type { StoreError } from '../../core/common/storeError';
import { describeStoreError } from '../../core/explorer/describeStoreError';
import { displayText } from '../../core/explorer/displayText';
import { COMMANDS } from '../shared/commandIds/commandIds';
import type { NodeOf } from './explorerNode';
import { plainTooltip } from './treeText';

/** A failure as one node: the summary as label, the detail as tooltip, click to retry (or to sign in, on a 401). */
export function errorNode(scope: string, err: unknown, parentId: string | undefined): NodeOf<'message'> {
  const { summary, detail, signIn } = describeStoreError(err);
  return {
    kind: 'message',
    id: `${scope}/error`,
    text: summary,
    detail,
    severity: 'error',
    retry: true,
    parentId,
    ...(signIn === true ? { signIn } : {}),
  };
}

/**
 * The server refused the filter (400 INVALID_PARAMETER_VALUE): say so with the server's words, and
 * open the filter box, still holding the refused filter, on click: retrying the same filter cannot help.
 */
export function rejectedFilterNode(
  parentId: string,
  filter: string,
  err: StoreError,
  editFilterCommand?: NodeOf<'message'>['editFilterCommand'],
): NodeOf<'message'> {
  const { detail } = describeStoreError(err);
  return {
    kind: 'message',
    id: `${parentId}/error`,
    text: `The server rejected the filter: ${displayText(err.message, 100)}`,
    detail: `Filter: ${displayText(filter, 500)}\n${detail}`,
    severity: 'error',
    retry: false,
    editFilter: true,
    parentId,
    ...(editFilterCommand === undefined ? {} : { editFilterCommand }),
  };
}

export function messageItem(node: NodeOf<'message'>): vscode.TreeItem {
  const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon(
    node.severity === 'error' ? 'error' : 'info',
    node.severity === 'error' ? new vscode.ThemeColor('list.errorForeground') : undefined,
  );
  if (node.detail !== '') {
    const hint =
      node.signIn === true
        ? ['Click to sign in.']
        : node.editFilter === true
          ? ['Click to edit the filter.']
          : node.retry
            ? ['Click to retry.']
            : [];
    item.tooltip = plainTooltip([...node.detail.split('\n'), ...hint]);
  }
  if (node.editFilter === true) {
    const edit = node.editFilterCommand;
    item.command =
      edit === undefined
        ? { command: 'mlflow.runs.filter', title: 'Edit Filter…' }
        : { command: edit.command, title: 'Edit Filter…', arguments: [...edit.arguments] };
    item.contextValue = 'mlflow.error.filter';
  } else if (node.signIn === true) {
    // Retrying without credentials cannot help; signing in stores them and reloads the views.
    item.command = { command: COMMANDS.signIn, title: 'Sign In…' };
    item.contextValue = 'mlflow.error.signIn';
  } else if (node.retry) {
    item.command = { command: 'mlflow.experiments.refresh', title: 'Retry', arguments: [node] };
    item.contextValue = 'mlflow.error';
  }
  return item;
}
