import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { JsonObject } from '../../../../src/core/common/jsonFields';
import { SqliteRegistryStore } from '../../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { SQLITE_REGISTRY_CASES, SQLITE_TRACKING_CASES } from '../../../support/mlflow/equivalenceCases';
import { mlflow28Bytes } from '../../../support/mlflow/mlflow28Database';
import { FIXTURES, loadExchange } from '../../../support/mlflow/recordedExchange';

describe('SQLite stores over an MLflow 2.8 schema (no trace tables, no storage_location) built from DDL', () => {
  let db: SqliteDatabase;
  let tracking: SqliteTrackingStore;
  let registry: SqliteRegistryStore;
  before(async () => {
    db = await SqliteDatabase.fromBytes(await mlflow28Bytes());
    tracking = new SqliteTrackingStore(db, {
      artifactsDestination: path.join(FIXTURES, 'sqlite', 'mlartifacts'),
    });
    registry = new SqliteRegistryStore(db);
  });
  after(() => {
    tracking.dispose();
  });

  it('is the older shape and holds the recorded rows', async () => {
    assert.equal(db.hasTable('trace_info'), false);
    assert.equal(db.hasTable('trace_tags'), false);
    assert.equal(db.hasColumn('model_versions', 'storage_location'), false);
    assert.equal(db.hasTable('registered_model_aliases'), true);
    assert.equal((await tracking.searchExperiments({ viewType: 'ALL' })).items.length, 6);
  });

  for (const c of SQLITE_TRACKING_CASES) {
    it(`tracking ${loadExchange('rest', c.file).file} reads as the server answered`, async () => {
      const ex = loadExchange('rest', c.file);
      assert.deepEqual(await c.call(tracking), c.expected(ex.response.json as JsonObject));
    });
  }

  for (const c of SQLITE_REGISTRY_CASES) {
    it(`registry ${loadExchange('rest', c.file).file} reads as the server answered`, async () => {
      const ex = loadExchange('rest', c.file);
      assert.deepEqual(await c.call(registry), c.expected(ex.response.json as JsonObject));
    });
  }
});
