import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SqliteRegistryStore } from '../../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { startMlflowTestServer, type MlflowTestServer } from '../../../support/mlflow/mlflowTestServer';
import { normaliseOrder } from '../../../support/mlflow/normaliseEntities';
import { FIXTURES_3, loadExchange, type RecordedExchange } from '../../../support/mlflow/recordedExchange';
import { openWorkspaceStores } from '../../../support/mlflow/workspaceStores';

/** Recordings of routes the test double does not serve. */
const NOT_SERVED: Readonly<Record<string, string>> = {
  '014': 'traces/search (3.0 trace routes are not in the test double)',
};

type Runs = { runs?: Array<{ info: { run_id: string } }> };

/** Answers compared on what they select, not byte for byte: the double writes 2.x run JSON (no `outputs: {}`). */
const SELECTED: Readonly<Record<string, (body: unknown) => unknown>> = {
  '015': (b) => (b as Runs).runs?.map((r) => r.info.run_id),
};

/** Send a recorded request, its X-MLFLOW-WORKSPACE header included, and check the answer. */
async function replay(server: MlflowTestServer, ex: RecordedExchange): Promise<void> {
  const query = new URLSearchParams(ex.request.query.map(([k, v]): [string, string] => [k, String(v)]));
  const headers: Record<string, string> = {};
  for (const h of ex.request.headers ?? []) {
    const at = h.indexOf(':');
    headers[h.slice(0, at)] = h.slice(at + 1).trim();
  }
  if (ex.request.body !== null) {
    headers['Content-Type'] = 'application/json';
  }
  const q = query.toString();
  const res = await fetch(`${server.baseUrl}${ex.request.path}${q === '' ? '' : `?${q}`}`, {
    method: ex.request.method,
    headers,
    ...(ex.request.body === null ? {} : { body: JSON.stringify(ex.request.body) }),
  });
  const text = await res.text();
  assert.equal(res.status, ex.response.status, text);
  if (ex.response.json === undefined) {
    assert.equal(res.headers.get('content-type'), ex.response.contentType);
    if (ex.response.status !== 404) {
      assert.equal(text, ex.response.text);
    }
    return;
  }
  const select = SELECTED[ex.file.slice(0, 3)] ?? normaliseOrder;
  assert.deepEqual(select(JSON.parse(text)), select(ex.response.json));
}

describe('MLflow REST test double: workspaces as the real 3.11.1 server answered', () => {
  describe('started with --enable-workspaces (rest-workspaces/)', () => {
    let server: MlflowTestServer;
    let opened: Awaited<ReturnType<typeof openWorkspaceStores>>;
    before(async () => {
      opened = await openWorkspaceStores();
      const fallback = opened.workspaces[0]!;
      server = await startMlflowTestServer(fallback.tracking, fallback.registry, {
        workspaces: opened.workspaces,
      });
    });
    after(async () => {
      await server.close();
      opened.close();
    });
    const files = fs
      .readdirSync(path.join(FIXTURES_3, 'rest-workspaces'))
      .filter((f) => /^\d{3}-.*\.json$/.test(f) && NOT_SERVED[f.slice(0, 3)] === undefined);
    it('serves the recorded requests', () => {
      assert.equal(files.length, 20 - Object.keys(NOT_SERVED).length);
    });
    for (const file of files) {
      it(file, () => replay(server, loadExchange('rest-workspaces', file, FIXTURES_3)));
    }
  });

  describe('started without it (rest/003-008)', () => {
    let server: MlflowTestServer;
    let db: SqliteDatabase;
    before(async () => {
      db = await SqliteDatabase.open(path.join(FIXTURES_3, 'sqlite', 'mlflow.db'));
      server = await startMlflowTestServer(new SqliteTrackingStore(db), new SqliteRegistryStore(db));
    });
    after(async () => {
      await server.close();
      db.close();
    });
    for (const file of ['003', '004', '005', '006', '007', '008']) {
      it(loadExchange('rest', file, FIXTURES_3).file, () =>
        replay(server, loadExchange('rest', file, FIXTURES_3)),
      );
    }
    it('records which requests carried the header', () => {
      const withHeader = server.received.filter((r) => r.workspace !== undefined).map((r) => r.path);
      assert.deepEqual(withHeader, ['/api/2.0/mlflow/experiments/search', '/api/3.0/mlflow/server-info']);
    });
  });
});
