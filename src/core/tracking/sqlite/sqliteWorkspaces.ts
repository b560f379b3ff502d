import type { Workspace } from '../rest/workspaces';
import { DEFAULT_WORKSPACE } from '../rest/workspaces';
import { text, type SqlRow, type SqliteDatabase } from './sqliteDatabase';

/**
 * Whether a row of an `mlflow.db` belongs to the workspace: MLflow 3.10+ gives experiments and
 * registry rows a `workspace` column (`default` unless the server ran with `--enable-workspaces`);
 * rows of older schemas, which have none, belong to every workspace.
 */
export function inWorkspace(row: SqlRow, workspace: string | undefined): boolean {
  const w = row.workspace;
  return w === undefined || w === null || String(w) === (workspace ?? DEFAULT_WORKSPACE);
}

/**
 * The workspaces an `mlflow.db` holds (its `workspaces` table, by name, as the server lists them);
 * a store without the table has only the default one.
 */
export function sqliteWorkspaces(db: SqliteDatabase): Workspace[] {
  if (!db.hasTable('workspaces')) {
    return [{ name: DEFAULT_WORKSPACE, description: undefined }];
  }
  return db
    .all('SELECT name, description FROM workspaces ORDER BY name')
    .map((row) => ({ name: String(row.name), description: text(row.description) }));
}
