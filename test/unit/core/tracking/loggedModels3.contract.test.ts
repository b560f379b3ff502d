import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { optArray, optString, type JsonObject } from '../../../../src/core/common/jsonFields';
import { StoreError } from '../../../../src/core/common/storeError';
import { parseLoggedModel } from '../../../../src/core/tracking/entities/loggedModel';
import { parseRun } from '../../../../src/core/tracking/entities/run';
import { FileTrackingStore } from '../../../../src/core/tracking/file/fileTrackingStore';
import { RestClient } from '../../../../src/core/tracking/rest/restClient';
import { RestTrackingStore } from '../../../../src/core/tracking/rest/restTrackingStore';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../../src/core/tracking/sqlite/sqliteTrackingStore';
import type { TrackingStore } from '../../../../src/core/tracking/trackingStore';
import { assertSameRequest } from '../../../support/mlflow/assertRequest';
import { normaliseOrder } from '../../../support/mlflow/normaliseEntities';
import { FIXTURES_3, loadExchange, type RecordedExchange } from '../../../support/mlflow/recordedExchange';
import { startScriptedServer, type ScriptedServer } from '../../../support/mlflow/scriptedServer';

const modelsPage = (b: JsonObject): unknown => ({
  items: optArray(b, 'models', parseLoggedModel),
  nextPageToken: optString(b, 'next_page_token'),
});
const exchange = (folder: string, file: string): RecordedExchange => loadExchange(folder, file, FIXTURES_3);
const json = (ex: RecordedExchange): JsonObject => ex.response.json as JsonObject;

/** A recorded MLflow 3.11.1 answer and the store call that should give the same entities. */
interface Case {
  readonly folder: 'rest' | 'rest-added';
  readonly file: string;
  readonly call: (s: TrackingStore) => Promise<unknown>;
  readonly expected: (b: JsonObject) => unknown;
  /** The REST store sends `/api/` where the recording used the UI's `/ajax-api/` twin. */
  readonly viaApi?: boolean;
}

const CHURN_RUN = '48d47e33076f4ad286dc14a3f5a84d53';
const AGENT_RUN = '88c0cc42b56842799e6799d5a7de1724';
const SQLITE_CASES: Case[] = [
  {
    folder: 'rest',
    file: '109',
    call: (s) => s.searchLoggedModels({ experimentIds: ['1'] }),
    expected: modelsPage,
  },
  {
    folder: 'rest',
    file: '110',
    call: (s) => s.searchLoggedModels({ experimentIds: ['1', '2'], maxResults: 2 }),
    expected: modelsPage,
  },
  {
    folder: 'rest',
    file: '111',
    call: (s) =>
      s.searchLoggedModels({
        experimentIds: ['1', '2'],
        maxResults: 2,
        pageToken:
          'eyJleHBlcmltZW50X2lkcyI6IFsiMSIsICIyIl0sICJmaWx0ZXJfc3RyaW5nIjogbnVsbCwgIm9yZGVyX2J5IjogbnVsbCwgIm9mZnNldCI6IDJ9',
      }),
    expected: modelsPage,
  },
  {
    folder: 'rest',
    file: '117',
    call: (s) => s.searchLoggedModels({ experimentIds: ['2'] }),
    expected: modelsPage,
    viaApi: true,
  },
  {
    folder: 'rest-added',
    file: '001',
    call: (s) => s.searchLoggedModels({ experimentIds: ['2'], sourceRunId: CHURN_RUN }),
    expected: modelsPage,
  },
  {
    folder: 'rest-added',
    file: '002',
    call: (s) => s.searchLoggedModels({ experimentIds: ['1'], sourceRunId: AGENT_RUN }),
    expected: modelsPage,
  },
  {
    folder: 'rest-added',
    file: '003',
    call: (s) => s.searchLoggedModels({ experimentIds: ['1'], sourceRunId: CHURN_RUN }),
    expected: modelsPage,
  },
  {
    folder: 'rest',
    file: '118',
    call: (s) => s.getLoggedModel('m-92f7cb2d35cf41a6b8527ddd10132494'),
    expected: (b) => parseLoggedModel(b.model),
  },
  {
    folder: 'rest',
    file: '120',
    call: (s) => s.getLoggedModel('m-10317a6c204a452585318b754301f716'),
    expected: (b) => parseLoggedModel(b.model),
  },
  { folder: 'rest', file: '100', call: (s) => s.getRun(CHURN_RUN), expected: (b) => parseRun(b.run) },
  {
    folder: 'rest',
    file: '099',
    call: (s) =>
      s.searchRuns({ experimentIds: ['2'], maxResults: 5, orderBy: ['attributes.start_time DESC'] }),
    expected: (b) => ({
      items: optArray(b, 'runs', parseRun),
      nextPageToken: optString(b, 'next_page_token'),
    }),
  },
];

describe('MLflow 3.11.1 logged models and run model links: the three stores agree with the recorded server', () => {
  let server: ScriptedServer;
  let rest: RestTrackingStore;
  let sqlite: SqliteTrackingStore;
  const file = new FileTrackingStore(path.join(FIXTURES_3, 'mlruns'), {
    artifactsDestination: path.join(FIXTURES_3, 'mlruns-served-artifacts'),
  });

  before(async () => {
    server = await startScriptedServer();
    rest = new RestTrackingStore(new RestClient({ baseUrl: server.baseUrl }));
    sqlite = new SqliteTrackingStore(
      await SqliteDatabase.open(path.join(FIXTURES_3, 'sqlite', 'mlflow.db')),
      { artifactsDestination: path.join(FIXTURES_3, 'sqlite', 'mlartifacts') },
    );
  });
  after(async () => {
    sqlite.dispose();
    await server.close();
  });

  for (const c of SQLITE_CASES) {
    const ex = exchange(c.folder, c.file);
    it(`${c.folder}/${ex.file}: REST sends the recorded request; REST and SQLite give the same entities`, async () => {
      server.received.length = 0;
      server.script({
        status: ex.response.status,
        contentType: ex.response.contentType,
        body: ex.response.text,
      });
      const viaRest = await c.call(rest);
      assertSameRequest(
        server.received[0],
        c.viaApi === true
          ? { ...ex.request, path: ex.request.path.replace('/ajax-api/', '/api/') }
          : ex.request,
      );
      const want = c.expected(json(ex));
      assert.deepEqual(viaRest, want);
      assert.deepEqual(await c.call(sqlite), want);
    });
  }

  it("the run entities carry model_inputs / model_outputs as recorded (get has inputs, the SQL server's search leaves them out)", async () => {
    const run = await sqlite.getRun(CHURN_RUN);
    assert.deepEqual(run.inputs.modelInputs, [{ modelId: 'm-10317a6c204a452585318b754301f716' }]);
    assert.deepEqual(run.outputs.modelOutputs, [{ modelId: 'm-10317a6c204a452585318b754301f716', step: 0 }]);
    const searched = (await sqlite.searchRuns({ experimentIds: ['2'] })).items.find(
      (r) => r.info.runId === CHURN_RUN,
    );
    assert.ok(searched);
    assert.deepEqual(searched.inputs.modelInputs, []);
    assert.deepEqual(searched.outputs.modelOutputs, run.outputs.modelOutputs);
  });

  it("rest-filestore/016 and 019: the file store over the recorded mlruns gives the file-store server's logged models and runs", async () => {
    const models = exchange('rest-filestore', '016');
    const experimentIds = (models.request.body as { experiment_ids: string[] }).experiment_ids;
    assert.deepEqual(
      normaliseOrder(await file.searchLoggedModels({ experimentIds })),
      normaliseOrder(modelsPage(json(models))),
    );
    const runs = exchange('rest-filestore', '019');
    const got = await file.searchRuns({
      experimentIds: (runs.request.body as { experiment_ids: string[] }).experiment_ids,
    });
    // The server lists runs in directory order; compare the model links run by run.
    const links = (list: ReadonlyArray<ReturnType<typeof parseRun>>): unknown =>
      Object.fromEntries(list.map((r) => [r.info.runId, [r.inputs.modelInputs, r.outputs.modelOutputs]]));
    assert.deepEqual(links(got.items), links(optArray(json(runs), 'runs', parseRun)));
    assert.ok(
      got.items.some((r) => r.outputs.modelOutputs.length > 0),
      'some recorded run produced a model',
    );
  });

  it("file store: a run's models by source run, one by id, and RESOURCE_DOES_NOT_EXIST like the server (rest/125)", async () => {
    const byRun = await file.searchLoggedModels({
      experimentIds: ['373555521029276387'],
      sourceRunId: 'e0950f992fab47c3a1d9f3159da3912b',
    });
    assert.deepEqual(
      byRun.items.map((m) => m.modelId),
      ['m-a352c9ccd80c4c718aa6471ce146e393'],
    );
    assert.equal(
      (await file.getLoggedModel('m-26e91fd410cd44fab678b4f561d1dc2f')).sourceRunId,
      'c70d5b37a94d4abc9125a39250f92317',
    );
    const missing = exchange('rest', '125');
    const id = missing.request.path.split('/').pop() ?? '';
    const message = String(json(missing).message);
    for (const store of [file, sqlite] as TrackingStore[]) {
      await assert.rejects(
        store.getLoggedModel(id),
        (err: unknown) => StoreError.isNotFound(err) && (err as StoreError).message === message,
      );
    }
  });

  it("reads a logged model's MLmodel from its own artifact location: REST through the proxy as recorded, SQLite and file store from disk", async () => {
    const viaProxy = exchange('rest-added', '005');
    const model = exchange('rest', '120');
    server.received.length = 0;
    server.script(
      { status: 200, body: model.response.text },
      { status: 200, contentType: viaProxy.response.contentType, body: viaProxy.response.text },
    );
    const text = (b: Uint8Array): string => new TextDecoder().decode(b);
    assert.equal(
      text(
        await rest.readLoggedModelArtifact({
          modelId: 'm-10317a6c204a452585318b754301f716',
          path: 'MLmodel',
        }),
      ),
      viaProxy.response.text,
    );
    assert.equal(server.received[1]?.path, viaProxy.request.path);
    assert.equal(
      text(
        await sqlite.readLoggedModelArtifact({
          modelId: 'm-10317a6c204a452585318b754301f716',
          path: 'MLmodel',
        }),
      ),
      viaProxy.response.text,
    );
    // The file store's pyfunc model: the same bytes the server stored under its served artifacts.
    assert.match(
      text(
        await file.readLoggedModelArtifact({
          modelId: 'm-a352c9ccd80c4c718aa6471ce146e393',
          path: 'MLmodel',
        }),
      ),
      /^model_id: m-a352c9ccd80c4c718aa6471ce146e393$/m,
    );
    await assert.rejects(
      sqlite.readLoggedModelArtifact({
        modelId: 'm-10317a6c204a452585318b754301f716',
        path: '../../../1/MLmodel',
      }),
    );
  });

  it("REST: a logged model whose artifacts are not proxied is read through the server's logged-model file route (as recorded in rest-added/004)", async () => {
    const route = exchange('rest-added', '004');
    const model = json(exchange('rest', '120')) as { model: { info: Record<string, unknown> } };
    const s3 = {
      model: {
        ...model.model,
        info: {
          ...model.model.info,
          artifact_uri: 's3://bucket/2/models/m-10317a6c204a452585318b754301f716/artifacts',
        },
      },
    };
    server.received.length = 0;
    server.script(
      { status: 200, body: JSON.stringify(s3) },
      { status: 200, contentType: route.response.contentType, body: route.response.text },
    );
    const bytes = await rest.readLoggedModelArtifact({
      modelId: 'm-10317a6c204a452585318b754301f716',
      path: 'MLmodel',
    });
    assert.equal(new TextDecoder().decode(bytes), route.response.text);
    assertSameRequest(server.received[1], route.request);
  });

  it("lists a logged model's artifacts: REST sends rest/121 and 122 as recorded; SQLite and the file store list the same folder from disk", async () => {
    const root = exchange('rest', '121');
    const sub = exchange('rest', '122');
    server.received.length = 0;
    server.script({ status: 200, body: root.response.text }, { status: 200, body: sub.response.text });
    const modelId = 'm-92f7cb2d35cf41a6b8527ddd10132494';
    const viaRest = await rest.listLoggedModelArtifacts({ modelId });
    assertSameRequest(server.received[0], root.request);
    const recorded = json(root) as { root_uri: string; files: Array<{ path: string; file_size: number }> };
    assert.equal(viaRest.rootUri, recorded.root_uri);
    assert.deepEqual(
      viaRest.items.map((f) => [f.path, f.isDir, f.fileSize]),
      recorded.files.map((f) => [f.path, false, f.file_size]),
    );
    // A file's path lists nothing, as recorded.
    assert.deepEqual((await rest.listLoggedModelArtifacts({ modelId, path: 'python_model.pkl' })).items, []);
    assertSameRequest(server.received[1], sub.request);
    // The fixture's copy of mlartifacts/ leaves the pickle out; everything else is the same.
    const local = await sqlite.listLoggedModelArtifacts({ modelId });
    assert.equal(local.rootUri, recorded.root_uri);
    assert.deepEqual(
      local.items.map((f) => [f.path, f.isDir, f.fileSize]),
      viaRest.items.filter((f) => f.path !== 'python_model.pkl').map((f) => [f.path, f.isDir, f.fileSize]),
    );
    const fromFiles = await file.listLoggedModelArtifacts({ modelId: 'm-a352c9ccd80c4c718aa6471ce146e393' });
    assert.deepEqual(
      fromFiles.items.map((f) => f.path),
      [
        'MLmodel',
        'conda.yaml',
        'input_example.json',
        'python_env.yaml',
        'requirements.txt',
        'serving_input_example.json',
      ],
    );
    await assert.rejects(
      sqlite.listLoggedModelArtifacts({ modelId, path: '../../m-f2d53f1e31ea4bed85e61306913dc87f' }),
    );
  });

  it('REST refuses ids that would change the filter or the URL before sending anything', async () => {
    server.received.length = 0;
    await assert.rejects(
      rest.searchLoggedModels({ experimentIds: ['1'], sourceRunId: "x' OR name = 'y" }),
      (err: unknown) => StoreError.is(err) && err.errorCode === 'INVALID_PARAMETER_VALUE',
    );
    await assert.rejects(
      rest.getLoggedModel('../runs/get'),
      (err: unknown) => StoreError.is(err) && err.errorCode === 'INVALID_PARAMETER_VALUE',
    );
    assert.equal(server.received.length, 0);
  });
});
