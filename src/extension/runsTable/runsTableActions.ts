import * as vscode from 'vscode';
import { runsToCsv } from '../../core/runsTable/runsCsv';
import type { Column, FiguresLookup } from '../../core/runsTable/columns';
import type { TableRow } from '../../core/runsTable/tableRow';
import type { RunsTableActionName } from '../../protocol/runsTable';
import { COMPARE_COMMANDS } from '../shared/commandIds/compareCommandIds';

/**
 * What the table's selection does, through the extension's own commands (so Compare, Open Run
 * Details and Add to Comparison behave exactly as from the tree).
 */
export async function runAction(action: RunsTableActionName, runIds: readonly string[]): Promise<void> {
  if (runIds.length === 0) {
    return;
  }
  switch (action) {
    case 'compare':
      await vscode.commands.executeCommand(COMPARE_COMMANDS.compareRuns, undefined, [...runIds]);
      return;
    case 'openRun':
      await vscode.commands.executeCommand(COMPARE_COMMANDS.openRun, runIds[0]);
      return;
    case 'addToComparison':
      await vscode.commands.executeCommand(COMPARE_COMMANDS.addToComparison, undefined, [...runIds]);
      return;
    case 'copyIds':
      await vscode.env.clipboard.writeText(runIds.join('\n'));
      void vscode.window.showInformationMessage(`Copied ${String(runIds.length)} run id(s).`);
      return;
  }
}

/** The CSV of the rows shown, written where the user picks in a save dialog; its URI, or undefined. */
export async function exportCsv(
  rows: readonly TableRow[],
  columns: readonly Column[],
  figures: FiguresLookup,
  experimentName: string,
): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const safe = experimentName.replace(/[^\w.-]+/g, '_').slice(0, 80) || 'runs';
  const target = await vscode.window.showSaveDialog({
    filters: { CSV: ['csv'] },
    saveLabel: 'Export',
    title: 'Export the runs shown as CSV',
    defaultUri: folder === undefined ? undefined : vscode.Uri.joinPath(folder, `${safe}-runs.csv`),
  });
  if (target === undefined) {
    return undefined;
  }
  const csv = runsToCsv(rows, columns, figures, Date.now());
  await vscode.workspace.fs.writeFile(target, Buffer.from(csv, 'utf8'));
  void vscode.window.showInformationMessage(
    `Exported ${String(rows.length)} runs to ${vscode.workspace.asRelativePath(target)}.`,
  );
  return target;
}
