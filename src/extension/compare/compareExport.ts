import * as vscode from 'vscode';
import { onlyDifferences, type CompareTable } from '../../core/compare/compareTable';
import { tableToCsv } from '../../core/compare/tableCsv';
import { runLabel } from '../../core/explorer/runSummary';
import type { Run } from '../../core/tracking/entities/run';

/**
 * The compare panel's two exports, kept apart from its loading: the table as CSV (columns in the
 * order the user sees them) and a chart as PNG, each written where the user picks in a save dialog.
 */
export async function exportTableCsv(
  shown: CompareTable,
  runs: readonly Run[],
  diffOnly: boolean,
  order: readonly string[],
): Promise<void> {
  let table = diffOnly ? onlyDifferences(shown) : shown;
  // The columns in the order the user sees them (they may have sorted by a row).
  const rank = new Map(order.map((id, i) => [id, i]));
  const idx = table.runIds
    .map((id, i) => ({ id, i }))
    .sort((a, b) => (rank.get(a.id) ?? 1e9) - (rank.get(b.id) ?? 1e9));
  table = {
    runIds: idx.map((x) => x.id),
    rows: table.rows.map((r) => ({ ...r, cells: idx.map((x) => r.cells[x.i]) })),
  };
  const names = table.runIds.map((id) => {
    const run = runs.find((r) => r.info.runId === id);
    return run === undefined ? id : runLabel(run);
  });
  const target = await vscode.window.showSaveDialog({
    filters: { CSV: ['csv'] },
    saveLabel: 'Export',
    title: 'Export the comparison table as CSV',
    defaultUri: defaultUri('mlflow-comparison.csv'),
  });
  if (target === undefined) {
    return;
  }
  await vscode.workspace.fs.writeFile(target, Buffer.from(tableToCsv(table, names), 'utf8'));
  void vscode.window.showInformationMessage(
    `Exported ${String(table.rows.length)} rows to ${vscode.workspace.asRelativePath(target)}.`,
  );
}

/** Save a chart the webview rendered; `dataUrl` must hold a PNG (checked by its signature). */
export async function exportChartPng(name: string, dataUrl: string): Promise<void> {
  const safe = name.replace(/[^\w.-]+/g, '_').slice(0, 80) || 'chart';
  const target = await vscode.window.showSaveDialog({
    filters: { PNG: ['png'] },
    saveLabel: 'Export',
    title: 'Export the chart as PNG',
    defaultUri: defaultUri(`${safe}.png`),
  });
  if (target === undefined) {
    return;
  }
  const bytes = Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64');
  // A PNG starts with its 8-byte signature; anything else is not what the webview should send.
  if (bytes.length < 8 || bytes.readUInt32BE(0) !== 0x89504e47) {
    throw new Error('The chart image is not a PNG.');
  }
  await vscode.workspace.fs.writeFile(target, bytes);
  void vscode.window.showInformationMessage(`Saved the chart to ${vscode.workspace.asRelativePath(target)}.`);
}

function defaultUri(file: string): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder === undefined ? undefined : vscode.Uri.joinPath(folder, file);
}
