import * as vscode from 'vscode';
import type { TryItContentType } from '../../protocol/tryIt';

/** A Try it request as the user last edited it. */
export interface TryItRequest {
  readonly body: string;
  readonly contentType: TryItContentType;
}

/**
 * Write a Try it request to `target`, or to a file the user picks (default: the first workspace
 * folder, named after the server, `.csv` or `.json` by content type). Resolves to the file
 * written, or undefined when the dialog was dismissed.
 */
export async function saveRequestFile(
  request: TryItRequest,
  serverLabel: string,
  target?: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  const csv = request.contentType === 'text/csv';
  let where = target;
  if (!where) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `request-${serverLabel.replace(/[^\w.-]+/g, '-')}.${csv ? 'csv' : 'json'}`;
    where = await vscode.window.showSaveDialog({
      title: 'Save the Request',
      saveLabel: 'Save Request',
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: csv ? { CSV: ['csv'] } : { JSON: ['json'] },
    });
  }
  if (!where) {
    return undefined;
  }
  await vscode.workspace.fs.writeFile(where, new TextEncoder().encode(request.body));
  void vscode.window.showInformationMessage(
    `Saved the request to ${vscode.workspace.asRelativePath(where)}.`,
  );
  return where;
}
