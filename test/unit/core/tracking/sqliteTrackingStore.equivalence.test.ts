import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { JsonObject } from '../../../../src/core/common/jsonFields';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { SQLITE_TRACKING_CASES } from '../../../support/mlflow/equivalenceCases';
import { FIXTURES, loadExchange } from '../../../support/mlflow/recordedExchange';

describe('SqliteTrackingStore over the recorded mlflow.db gives what the server answered', () => {
  let store: SqliteTrackingStore;
  before(async () => {
    const db = await SqliteDatabase.open(path.join(FIXTURES, 'sqlite', 'mlflow.db'));
    store = new SqliteTrackingStore(db, {
      artifactsDestination: path.join(FIXTURES, 'sqlite', 'mlartifacts'),
    });
  });
  after(() => {
    store.dispose();
  });

  for (const c of SQLITE_TRACKING_CASES) {
    it(loadExchange('rest', c.file).file, async () => {
      const ex = loadExchange('rest', c.file);
      assert.deepEqual(await c.call(store), c.expected(ex.response.json as JsonObject));
    });
  }
});
