import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SqliteRegistryStore } from '../../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { startMlflowTestServer, type MlflowTestServer } from '../../../support/mlflow/mlflowTestServer';
import { FIXTURES, loadExchange } from '../../../support/mlflow/recordedExchange';

/** Recordings of routes the test double does not serve, or answers it deliberately does not imitate. */
const NOT_SERVED: Readonly<Record<string, string>> = {
  '047': 'UI-only get-history-bulk route',
  '054': 'mlflow-artifacts proxy',
  '055': 'mlflow-artifacts proxy',
  '056': 'raw artifact download',
  '057': 'raw artifact download',
  '058': 'raw artifact download',
  '059': 'raw artifact download',
  '075': 'get-download-uri',
  '078': 'get-latest-versions',
  '079': 'get-latest-versions',
  '080': 'get-latest-versions',
  '092': 'a malformed JSON body answered 200 {} by Flask',
  '103': 'write routes',
  '104': 'get-latest-versions',
  '105': '/health',
  '106': '/version',
  '107': '/graphql',
};

describe('MLflow REST test double answers recorded requests as the real 2.17.2 server did', () => {
  let server: MlflowTestServer;
  let db: SqliteDatabase;
  before(async () => {
    db = await SqliteDatabase.open(path.join(FIXTURES, 'sqlite', 'mlflow.db'));
    server = await startMlflowTestServer(
      new SqliteTrackingStore(db, { artifactsDestination: path.join(FIXTURES, 'sqlite', 'mlartifacts') }),
      new SqliteRegistryStore(db),
    );
  });
  after(async () => {
    await server.close();
    db.close();
  });

  const files = fs
    .readdirSync(path.join(FIXTURES, 'rest'))
    .filter((f) => /^\d{3}-.*\.json$/.test(f) && NOT_SERVED[f.slice(0, 3)] === undefined);

  it('serves most of the recorded requests', () => {
    assert.equal(files.length, 107 - Object.keys(NOT_SERVED).length);
  });

  for (const file of files) {
    it(file, async () => {
      const ex = loadExchange('rest', file);
      const query = new URLSearchParams(
        ex.request.query.map(([k, v]): [string, string] => [k, String(v)]),
      ).toString();
      const res = await fetch(`${server.baseUrl}${ex.request.path}${query === '' ? '' : `?${query}`}`, {
        method: ex.request.method,
        ...(ex.request.body === null
          ? {}
          : { body: JSON.stringify(ex.request.body), headers: { 'Content-Type': 'application/json' } }),
      });
      const text = await res.text();
      assert.equal(res.status, ex.response.status);
      if (ex.response.json === undefined) {
        assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
        return;
      }
      const body = JSON.parse(text) as Record<string, unknown>;
      if (ex.response.status === 200) {
        assert.deepEqual(body, ex.response.json);
      } else {
        assert.equal(body.error_code, (ex.response.json as { error_code: string }).error_code);
      }
    });
  }
});
