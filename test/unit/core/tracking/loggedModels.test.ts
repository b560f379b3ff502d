import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import initSqlJs from 'sql.js';
import { FileTrackingStore } from '../../../../src/core/tracking/file/fileTrackingStore';
import { RestClient } from '../../../../src/core/tracking/rest/restClient';
import { RestTrackingStore } from '../../../../src/core/tracking/rest/restTrackingStore';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { FIXTURES, loadExchange } from '../../../support/mlflow/recordedExchange';
import { startScriptedServer, type ScriptedServer } from '../../../support/mlflow/scriptedServer';

// The 3.x answer below is built by hand in the shape of service.proto's SearchLoggedModels response
// to add a field no server sends; the real 3.11.1 answers are replayed in loggedModels3.contract.test.ts.
// The 2.17.2 side uses the real recorded 404 page.
const MLFLOW3_ANSWER = {
  models: [
    {
      info: {
        model_id: 'm-abc',
        experiment_id: '1',
        name: 'clf',
        creation_timestamp_ms: 1700000000000,
        last_updated_timestamp_ms: 1700000000500,
        artifact_uri: 'mlflow-artifacts:/1/models/m-abc/artifacts',
        status: 'LOGGED_MODEL_READY',
        model_type: 'sklearn',
        source_run_id: 'r1',
        tags: [{ key: 'k', value: 'v' }],
        some_future_field: true,
      },
      data: {
        params: [{ key: 'C', value: '1.0' }],
        metrics: [{ key: 'acc', value: 0.9, timestamp: 1, step: 0 }],
      },
    },
  ],
  next_page_token: 'tok',
};

describe('MLflow 3 logged models', () => {
  let server: ScriptedServer;
  before(async () => {
    server = await startScriptedServer();
  });
  after(() => server.close());

  it('REST: POSTs logged-models/search and parses the models, ignoring unknown fields', async () => {
    server.script({ status: 200, body: JSON.stringify(MLFLOW3_ANSWER) });
    const page = await new RestTrackingStore(new RestClient({ baseUrl: server.baseUrl })).searchLoggedModels({
      experimentIds: ['1'],
      maxResults: 50,
    });
    const request = server.received[0];
    assert.ok(request, 'the store sent no request');
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/api/2.0/mlflow/logged-models/search');
    assert.deepEqual(JSON.parse(request.body), { experiment_ids: ['1'], max_results: 50 });
    assert.equal(page.nextPageToken, 'tok');
    assert.deepEqual(page.items[0], {
      modelId: 'm-abc',
      experimentId: '1',
      name: 'clf',
      artifactUri: 'mlflow-artifacts:/1/models/m-abc/artifacts',
      creationTimestampMs: 1700000000000,
      lastUpdatedTimestampMs: 1700000000500,
      modelType: 'sklearn',
      sourceRunId: 'r1',
      status: 'LOGGED_MODEL_READY',
      tags: [{ key: 'k', value: 'v' }],
      params: [{ key: 'C', value: '1.0' }],
      metrics: [{ key: 'acc', value: 0.9, timestamp: 1, step: 0 }],
    });
  });

  it('REST: a 2.x server (Flask HTML 404, as recorded) has none: an empty page, not an error', async () => {
    const notFound = loadExchange('rest', '102');
    server.script({ status: 404, contentType: notFound.response.contentType, body: notFound.response.text });
    const page = await new RestTrackingStore(new RestClient({ baseUrl: server.baseUrl })).searchLoggedModels({
      experimentIds: ['1'],
    });
    assert.deepEqual(page, { items: [], nextPageToken: undefined });
  });

  it('SQLite: none in the 2.17.2 database; read from a 3.x-shaped schema when present', async () => {
    const old = new SqliteTrackingStore(
      await SqliteDatabase.open(path.join(FIXTURES, 'sqlite', 'mlflow.db')),
    );
    assert.deepEqual(await old.searchLoggedModels({ experimentIds: ['1'] }), {
      items: [],
      nextPageToken: undefined,
    });
    old.dispose();

    const SQL = await initSqlJs({ locateFile: () => require.resolve('sql.js/dist/sql-wasm.wasm') });
    const raw = new SQL.Database();
    raw.run(`
      CREATE TABLE experiments (experiment_id INTEGER, name TEXT, lifecycle_stage TEXT);
      CREATE TABLE runs (run_uuid TEXT, experiment_id INTEGER);
      CREATE TABLE logged_models (model_id TEXT, experiment_id INTEGER, name TEXT, artifact_location TEXT, creation_timestamp_ms INTEGER,
        last_updated_timestamp_ms INTEGER, status INTEGER, lifecycle_stage TEXT, model_type TEXT, source_run_id TEXT, status_message TEXT);
      CREATE TABLE logged_model_tags (model_id TEXT, experiment_id INTEGER, tag_key TEXT, tag_value TEXT);
      CREATE TABLE logged_model_params (model_id TEXT, experiment_id INTEGER, param_key TEXT, param_value TEXT);
      CREATE TABLE logged_model_metrics (model_id TEXT, metric_name TEXT, metric_timestamp_ms INTEGER, metric_step INTEGER, metric_value REAL, experiment_id INTEGER, run_id TEXT);
      INSERT INTO logged_models VALUES ('m-old', 1, 'first', '/a', 10, 10, 2, 'active', NULL, 'r1', NULL), ('m-new', 1, 'second', '/b', 20, 20, 1, 'active', 'xgb', NULL, NULL),
        ('m-gone', 1, 'deleted', '/c', 30, 30, 2, 'deleted', NULL, NULL, NULL), ('m-other', 2, 'elsewhere', '/d', 40, 40, 2, 'active', NULL, NULL, NULL);
      INSERT INTO logged_model_tags VALUES ('m-old', 1, 'stage', 'dev');
      INSERT INTO logged_model_metrics VALUES ('m-old', 'acc', 5, 0, 0.75, 1, 'r1');
    `);
    const store = new SqliteTrackingStore(await SqliteDatabase.fromBytes(raw.export()));
    raw.close();
    const page = await store.searchLoggedModels({ experimentIds: ['1'] });
    assert.deepEqual(
      page.items.map((m) => [m.modelId, m.status]),
      [
        ['m-new', 'LOGGED_MODEL_PENDING'],
        ['m-old', 'LOGGED_MODEL_READY'],
      ],
    );
    const older = page.items[1];
    assert.ok(older);
    assert.deepEqual(older.tags, [{ key: 'stage', value: 'dev' }]);
    assert.deepEqual(older.metrics, [{ key: 'acc', value: 0.75, timestamp: 5, step: 0, runId: 'r1' }]);
    store.dispose();
  });

  it('file store: none (MLflow 2 file stores have no logged models)', async () => {
    const store = new FileTrackingStore(path.join(FIXTURES, 'mlruns'));
    const experimentIds = (await store.searchExperiments({ viewType: 'ALL' })).items.map(
      (e) => e.experimentId,
    );
    assert.ok(experimentIds.length > 0);
    const page = await store.searchLoggedModels({ experimentIds });
    assert.deepEqual(page, { items: [], nextPageToken: undefined });
  });
});
