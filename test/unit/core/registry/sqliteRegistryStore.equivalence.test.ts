import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { JsonObject } from '../../../../src/core/common/jsonFields';
import { StoreError } from '../../../../src/core/common/storeError';
import { SqliteRegistryStore } from '../../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { SQLITE_REGISTRY_CASES } from '../../../support/mlflow/equivalenceCases';
import { FIXTURES, loadExchange } from '../../../support/mlflow/recordedExchange';

describe('SqliteRegistryStore over the recorded mlflow.db gives what the server answered', () => {
  let db: SqliteDatabase;
  let store: SqliteRegistryStore;
  before(async () => {
    db = await SqliteDatabase.open(path.join(FIXTURES, 'sqlite', 'mlflow.db'));
    store = new SqliteRegistryStore(db);
  });
  after(() => {
    db.close();
  });

  for (const c of SQLITE_REGISTRY_CASES) {
    it(loadExchange('rest', c.file).file, async () => {
      const ex = loadExchange('rest', c.file);
      assert.deepEqual(await c.call(store), c.expected(ex.response.json as JsonObject));
    });
  }

  it('answers missing models, versions and aliases with the errors the server gives (097-099)', async () => {
    await assert.rejects(
      store.getRegisteredModel('no-such-model'),
      (e: unknown) => StoreError.is(e) && e.errorCode === 'RESOURCE_DOES_NOT_EXIST',
    );
    await assert.rejects(
      store.getModelVersion('iris-classifier', '99'),
      (e: unknown) => StoreError.is(e) && e.errorCode === 'RESOURCE_DOES_NOT_EXIST',
    );
    await assert.rejects(
      store.getModelVersionByAlias('iris-classifier', 'nope'),
      (e: unknown) => StoreError.is(e) && e.errorCode === 'INVALID_PARAMETER_VALUE',
    );
  });
});
