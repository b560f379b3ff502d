import type * as vscode from 'vscode';
import { DEFAULT_COLUMNS, type Column } from '../../core/runsTable/columns';
import { isColumn, MAX_COLUMNS } from '../../protocol/runsTable';

/**
 * The columns chosen per experiment of a connection, in workspaceState: what was chosen comes
 * back when the table opens again. What is read back is checked like a webview message (the
 * state file is on disk and could hold anything).
 */
export class ColumnMemory {
  constructor(private readonly state: vscode.Memento) {}

  get(connection: string, experimentId: string): readonly Column[] {
    const saved: unknown = this.state.get(key(connection, experimentId));
    return Array.isArray(saved) && saved.length <= MAX_COLUMNS && saved.every(isColumn) && saved.length > 0
      ? saved
      : DEFAULT_COLUMNS;
  }

  async set(connection: string, experimentId: string, columns: readonly Column[]): Promise<void> {
    await this.state.update(key(connection, experimentId), columns.slice(0, MAX_COLUMNS));
  }
}

function key(connection: string, experimentId: string): string {
  return `mlflow.runsTable.columns\u0000${connection}\u0000${experimentId}`;
}
