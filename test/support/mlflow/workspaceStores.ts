// Test support: the stores of the recorded --enable-workspaces server's mlflow.db
// (test/fixtures/mlflow-3.11.1/sqlite-workspaces), one pair per workspace, for the test server's
// `workspaces` option. Not product code.
import * as path from 'node:path';
import { SqliteRegistryStore } from '../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase, type SqlJsLoadOptions } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { sqliteWorkspaces } from '../../../src/core/tracking/sqlite/sqliteWorkspaces';
import { FIXTURES_3 } from './recordedExchange';
import type { TestWorkspace } from './workspaceRouting';

/** The recorded store of the server started with --enable-workspaces. */
export const WORKSPACES_DB = path.join(FIXTURES_3, 'sqlite-workspaces', 'mlflow.db');

/** Its workspaces (`default`, `team-a`, `team-b`), each reading only its own experiments and models. */
export async function openWorkspaceStores(
  dbPath: string = WORKSPACES_DB,
  sqlJs?: SqlJsLoadOptions,
): Promise<{ readonly workspaces: TestWorkspace[]; close(): void }> {
  const db = await SqliteDatabase.open(dbPath, sqlJs);
  const workspaces = sqliteWorkspaces(db).map((w): TestWorkspace => ({
    name: w.name,
    description: w.description,
    tracking: new SqliteTrackingStore(db, { workspace: w.name }),
    registry: new SqliteRegistryStore(db, w.name),
  }));
  return {
    workspaces,
    close: () => {
      db.close();
    },
  };
}
