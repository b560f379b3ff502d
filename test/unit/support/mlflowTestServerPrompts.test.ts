// The REST test double the Prompts in-host test browses must answer the prompt registry's
// requests (rest/127-144: search, get, versions, aliases and their errors) as the real 3.11.1
// server did over the same mlflow.db.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { SqliteRegistryStore } from '../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { startMlflowTestServer, type MlflowTestServer } from '../../support/mlflow/mlflowTestServer';
import { loadExchange } from '../../support/mlflow/recordedExchange';
import { SHARED_3 } from '../../support/mlflow/traceFixtures';

/** Tags in a stable order: the server lists them in its own insertion order. */
function sortedTags(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortedTags);
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === 'tags' && Array.isArray(v)
        ? [...(v as Array<{ key: string }>)].sort((a, b) => a.key.localeCompare(b.key))
        : sortedTags(v),
    ]),
  );
}

const FILES = [
  '127',
  '128',
  '129',
  '130',
  '131',
  '132',
  '133',
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '140',
  '141',
  '142',
  '143',
  '144',
];

describe('MLflow REST test double answers the recorded 3.11.1 prompt registry requests', () => {
  let server: MlflowTestServer;
  let db: SqliteDatabase;
  before(async () => {
    db = await SqliteDatabase.open(path.join(SHARED_3, 'sqlite', 'mlflow.db'));
    server = await startMlflowTestServer(new SqliteTrackingStore(db), new SqliteRegistryStore(db));
  });
  after(async () => {
    await server.close();
    db.close();
  });

  for (const file of FILES) {
    it(loadExchange('rest', file, SHARED_3).file, async () => {
      const ex = loadExchange('rest', file, SHARED_3);
      const query = new URLSearchParams(
        ex.request.query.map(([k, v]): [string, string] => [k, String(v)]),
      ).toString();
      const res = await fetch(`${server.baseUrl}${ex.request.path}${query === '' ? '' : `?${query}`}`);
      assert.equal(res.status, ex.response.status);
      const body = (await res.json()) as Record<string, unknown>;
      if (ex.response.status === 200) {
        assert.deepEqual(sortedTags(body), sortedTags(ex.response.json));
      } else {
        assert.deepEqual(body, ex.response.json);
      }
    });
  }
});
