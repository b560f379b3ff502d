// The REST test double the Logged Models in-host test browses must answer MLflow 3's logged-model
// requests (rest/109-126: search, paging, get, artifact folders and files, errors) as the real
// 3.11.1 server did over the same mlflow.db and served artifacts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SqliteRegistryStore } from '../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { FileRegistryStore } from '../../../src/core/registry/fileRegistryStore';
import { FileTrackingStore } from '../../../src/core/tracking/file/fileTrackingStore';
import { RestClient } from '../../../src/core/tracking/rest/restClient';
import { RestTrackingStore } from '../../../src/core/tracking/rest/restTrackingStore';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { startMlflowTestServer, type MlflowTestServer } from '../../support/mlflow/mlflowTestServer';
import { normaliseOrder } from '../../support/mlflow/normaliseEntities';
import { FIXTURES_3, loadExchange, type RecordedExchange } from '../../support/mlflow/recordedExchange';
import { SHARED_3 } from '../../support/mlflow/traceFixtures';

/** Recorded requests whose filter or ordering the double refuses (400) instead of evaluating. */
const REFUSED: Readonly<Record<string, string>> = {
  '112': 'a metric filter',
  '114': 'a tag filter',
  '115': 'order_by creation_time',
  '116': 'order_by a metric',
};

/**
 * What the double cannot reproduce, taken out of both sides: `python_model.pkl`, which the shared
 * fixture copy of `sqlite/mlartifacts/` leaves out (binary, holding a machine path). The run that
 * logged each metric is compared: the entity keeps it (an evaluate run logs into another run's model).
 */
function comparable(body: unknown): unknown {
  return normaliseOrder(
    JSON.parse(JSON.stringify(body), (key, value: unknown): unknown => {
      if (key === 'files' && Array.isArray(value)) {
        return (value as Array<{ path?: string }>).filter((f) => f.path !== 'python_model.pkl');
      }
      return value;
    }),
  );
}

const SERVED = ['109', '110', '111', '113', '117', '118', '119', '120', '121', '122', '123', '125', '126'];

async function send(server: MlflowTestServer, ex: RecordedExchange): Promise<Response> {
  const query = new URLSearchParams(
    ex.request.query.map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
  return fetch(`${server.baseUrl}${ex.request.path}${query === '' ? '' : `?${query}`}`, {
    method: ex.request.method,
    ...(ex.request.body === null
      ? {}
      : { body: JSON.stringify(ex.request.body), headers: { 'Content-Type': 'application/json' } }),
  });
}

describe('MLflow REST test double answers the recorded 3.11.1 logged-model requests', () => {
  let server: MlflowTestServer;
  let db: SqliteDatabase;
  before(async () => {
    db = await SqliteDatabase.open(path.join(SHARED_3, 'sqlite', 'mlflow.db'));
    server = await startMlflowTestServer(
      new SqliteTrackingStore(db, { artifactsDestination: path.join(SHARED_3, 'sqlite', 'mlartifacts') }),
      new SqliteRegistryStore(db),
    );
  });
  after(async () => {
    await server.close();
    db.close();
  });

  for (const file of SERVED) {
    it(loadExchange('rest', file, SHARED_3).file, async () => {
      const ex = loadExchange('rest', file, SHARED_3);
      const res = await send(server, ex);
      const text = await res.text();
      assert.equal(res.status, ex.response.status, text);
      if (ex.response.json === undefined) {
        assert.equal(text, ex.response.text);
      } else if (ex.response.status === 200) {
        assert.deepEqual(comparable(JSON.parse(text)), comparable(ex.response.json));
      } else {
        assert.equal(
          (JSON.parse(text) as { error_code: string }).error_code,
          (ex.response.json as { error_code: string }).error_code,
        );
      }
    });
  }

  for (const [file, what] of Object.entries(REFUSED)) {
    it(`${loadExchange('rest', file, SHARED_3).file}: refuses ${what} rather than ignore it`, async () => {
      const res = await send(server, loadExchange('rest', file, SHARED_3));
      assert.equal(res.status, 400);
      assert.match(((await res.json()) as { message: string }).message, /test double/);
    });
  }

  it('reads a logged model file byte for byte', async () => {
    const res = await fetch(
      `${server.baseUrl}/ajax-api/2.0/mlflow/logged-models/m-92f7cb2d35cf41a6b8527ddd10132494/artifacts/files?artifact_file_path=serving_input_example.json`,
    );
    assert.equal(res.status, 200);
    assert.deepEqual(
      Buffer.from(await res.arrayBuffer()),
      fs.readFileSync(
        path.join(
          SHARED_3,
          'sqlite/mlartifacts/1/models/m-92f7cb2d35cf41a6b8527ddd10132494/artifacts/serving_input_example.json',
        ),
      ),
    );
  });

  it("serves a logged model's file through the mlflow-artifacts proxy as recorded (rest-added/005)", async () => {
    const ex = loadExchange('rest-added', '005', FIXTURES_3);
    const res = await fetch(`${server.baseUrl}${ex.request.path}`);
    assert.equal(res.status, ex.response.status);
    assert.equal(await res.text(), ex.response.text);
  });

  it('answers the same id with 404 on the file route when the model does not exist', async () => {
    const res = await fetch(
      `${server.baseUrl}/ajax-api/2.0/mlflow/logged-models/m-00000000000000000000000000000000/artifacts/files?artifact_file_path=MLmodel`,
    );
    assert.equal(res.status, 404);
  });
});

describe("MLflow REST test double over the client-written mlruns-local: REST gives the file store's logged models", () => {
  const root = path.join(SHARED_3, 'mlruns-local');
  const local = new FileTrackingStore(root);
  let server: MlflowTestServer;
  let rest: RestTrackingStore;
  before(async () => {
    server = await startMlflowTestServer(local, new FileRegistryStore(root));
    rest = new RestTrackingStore(new RestClient({ baseUrl: server.baseUrl }));
  });
  after(() => server.close());

  it('search, get, the artifact folder and MLmodel are the same entities through REST as from disk', async () => {
    const experimentIds = ['353228378486884700'];
    const direct = await local.searchLoggedModels({ experimentIds });
    assert.deepEqual(direct.items.map((m) => m.modelId).sort(), [
      'm-4c99e1a8fd05407ebafb0bb660b1bb2e',
      'm-b6aac28ae330423c8fb25305994d856b',
    ]);
    assert.deepEqual(await rest.searchLoggedModels({ experimentIds }), direct);
    const id = 'm-b6aac28ae330423c8fb25305994d856b';
    assert.deepEqual(await rest.getLoggedModel(id), await local.getLoggedModel(id));
    const listed = await rest.listLoggedModelArtifacts({ modelId: id });
    assert.deepEqual(listed.items, (await local.listLoggedModelArtifacts({ modelId: id })).items);
    assert.ok(listed.items.some((f) => f.path === 'MLmodel'));
    // file:// artifacts are not proxied: REST reads them through the logged-model file route.
    assert.deepEqual(
      await rest.readLoggedModelArtifact({ modelId: id, path: 'MLmodel' }),
      await local.readLoggedModelArtifact({ modelId: id, path: 'MLmodel' }),
    );
  });
});
