import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StoreError } from '../../../../src/core/common/storeError';
import { listRunModels, runModelCount } from '../../../../src/core/explorer/runModels';
import { runOverview } from '../../../../src/core/runDetail/runOverview';
import type { Run } from '../../../../src/core/tracking/entities/run';
import { FileTrackingStore } from '../../../../src/core/tracking/file/fileTrackingStore';
import { RestClient } from '../../../../src/core/tracking/rest/restClient';
import { RestTrackingStore } from '../../../../src/core/tracking/rest/restTrackingStore';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { FIXTURES, FIXTURES_3, loadExchange } from '../../../support/mlflow/recordedExchange';
import { startScriptedServer, type ScriptedServer } from '../../../support/mlflow/scriptedServer';

interface LoggedModelIds {
  logged_models: Record<string, { model_id: string; model_uri?: string; run_id?: string }>;
}

const ids3 = (): LoggedModelIds =>
  JSON.parse(fs.readFileSync(path.join(FIXTURES_3, 'ids', 'sqlite-v3.11.1.json'), 'utf8')) as LoggedModelIds;

const M1 = 'm-10317a6c204a452585318b754301f716';
const M2 = 'm-5605a047aa4e4da28439c8ed4ae7cc92';

/** A 3.x-shaped run with the given outputs and (optionally) a 2.x history tag. */
function run(outputs: string[], history?: unknown[]): Run {
  return {
    info: {
      runId: '48d47e33076f4ad286dc14a3f5a84d53',
      runName: 'r',
      experimentId: '2',
      userId: undefined,
      status: 'FINISHED',
      startTime: 1,
      endTime: 2,
      artifactUri: undefined,
      lifecycleStage: 'active',
    },
    data: {
      metrics: [],
      params: [],
      tags:
        history === undefined ? [] : [{ key: 'mlflow.log-model.history', value: JSON.stringify(history) }],
    },
    inputs: { datasetInputs: [], modelInputs: [] },
    outputs: { modelOutputs: outputs.map((modelId) => ({ modelId, step: 0 })) },
  };
}

describe("listRunModels: a run's models from the 2.x tag and MLflow 3 logged models", () => {
  let server: ScriptedServer;
  before(async () => {
    server = await startScriptedServer();
  });
  after(() => server.close());

  it('MLflow 3.11.1 (recorded mlflow.db and mlruns): every recorded logged model shows under its run as models:/m-<id>', async () => {
    const sqlite = new SqliteTrackingStore(
      await SqliteDatabase.open(path.join(FIXTURES_3, 'sqlite', 'mlflow.db')),
    );
    try {
      const withRuns = Object.values(ids3().logged_models).filter((m) => m.run_id !== undefined);
      assert.ok(withRuns.length >= 4);
      for (const m of withRuns) {
        const r = await sqlite.getRun(m.run_id ?? '');
        assert.equal(runModelCount(r), 1, m.model_id);
        const models = await listRunModels(sqlite, r);
        assert.deepEqual(
          models.map((x) => [x.modelId, x.modelUri]),
          [[m.model_id, m.model_uri]],
        );
        assert.ok(models[0]?.artifactUri?.includes(`/models/${m.model_id}/artifacts`));
      }
    } finally {
      sqlite.dispose();
    }
    const file = new FileTrackingStore(path.join(FIXTURES_3, 'mlruns'));
    const fileRun = await file.getRun('e0950f992fab47c3a1d9f3159da3912b');
    assert.equal(runModelCount(fileRun), 1);
    assert.deepEqual(
      (await listRunModels(file, fileRun)).map((x) => [x.label, x.modelUri]),
      [['support-agent', 'models:/m-a352c9ccd80c4c718aa6471ce146e393']],
    );
  });

  it("MLflow 2.17.2 (recorded mlflow.db): the tag's model as runs:/<id>/<path>, with its flavors", async () => {
    const sqlite = new SqliteTrackingStore(
      await SqliteDatabase.open(path.join(FIXTURES, 'sqlite', 'mlflow.db')),
    );
    try {
      const r = await sqlite.getRun('5479c2e952464803bc764edb72ee0164');
      assert.equal(runModelCount(r), 1);
      const models = await listRunModels(sqlite, r);
      assert.deepEqual(
        models.map((x) => [x.label, x.modelUri, x.modelId]),
        [['model', 'runs:/5479c2e952464803bc764edb72ee0164/model', undefined]],
      );
      assert.deepEqual(models[0]?.flavors, ['python_function', 'sklearn']);
    } finally {
      sqlite.dispose();
    }
  });

  it("REST: searches by source_run_id in the run's experiment, fetches an output the search missed, lists each model once", async () => {
    const found = loadExchange('rest-added', '001', FIXTURES_3);
    const other = loadExchange('rest', '117', FIXTURES_3).response.json as {
      models: Array<{ info: { model_id: string } }>;
    };
    const second = other.models.find((m) => m.info.model_id === M2);
    server.received.length = 0;
    server.script(
      { status: 200, body: found.response.text },
      { status: 200, body: JSON.stringify({ model: second }) },
    );
    // The tag repeats M1 (a client writing both): it must not show twice.
    const r = run(
      [M1, M2, M1],
      [
        { artifact_path: 'model', model_uuid: M1, flavors: { sklearn: {} } },
        { artifact_path: 'spark-model', flavors: { spark: {} } },
      ],
    );
    assert.equal(runModelCount(r), 3);
    const models = await listRunModels(new RestTrackingStore(new RestClient({ baseUrl: server.baseUrl })), r);
    assert.deepEqual(
      models.map((m) => m.modelUri),
      ['runs:/48d47e33076f4ad286dc14a3f5a84d53/spark-model', `models:/${M1}`, `models:/${M2}`],
    );
    assert.deepEqual(JSON.parse(server.received[0]?.body ?? ''), found.request.body);
    assert.equal(server.received[1]?.path, `/api/2.0/mlflow/logged-models/${M2}`);
    assert.equal(server.received.length, 2);
  });

  it('REST: an output whose model is gone (RESOURCE_DOES_NOT_EXIST, as recorded) is left out', async () => {
    const missing = loadExchange('rest', '125', FIXTURES_3);
    server.received.length = 0;
    server.script(
      { status: 200, body: '{}' },
      {
        status: missing.response.status,
        contentType: missing.response.contentType,
        body: missing.response.text,
      },
    );
    assert.deepEqual(
      await listRunModels(new RestTrackingStore(new RestClient({ baseUrl: server.baseUrl })), run([M1])),
      [],
    );
  });

  it("a failing search keeps the tag's models of a run with no outputs, and fails a run that has some", async () => {
    const store = new RestTrackingStore(new RestClient({ baseUrl: server.baseUrl, maxRetries: 0 }));
    server.script({
      status: 500,
      contentType: 'application/json',
      body: JSON.stringify({ error_code: 'INTERNAL_ERROR', message: 'boom' }),
    });
    assert.deepEqual(
      (await listRunModels(store, run([], [{ artifact_path: 'model' }]))).map((m) => m.label),
      ['model'],
    );
    await assert.rejects(listRunModels(store, run([M1])), (err: unknown) => StoreError.is(err));
  });

  it("Run Details lists a 3.x run's logged model instead of none", async () => {
    const sqlite = new SqliteTrackingStore(
      await SqliteDatabase.open(path.join(FIXTURES_3, 'sqlite', 'mlflow.db')),
    );
    try {
      const r = await sqlite.getRun('48d47e33076f4ad286dc14a3f5a84d53');
      const o = runOverview(r, Date.now(), { models: await listRunModels(sqlite, r) });
      assert.deepEqual(o.models, [{ label: 'churn-model', detail: `${M1} · ready`, uri: `models:/${M1}` }]);
    } finally {
      sqlite.dispose();
    }
  });
});

describe('listRunModels: the models an MLflow 3 run only used (inputs.model_inputs)', () => {
  const EVAL_RUN = 'e356c244f214446dba9d6f16aad460c4';
  let sqlite: SqliteTrackingStore;
  before(async () => {
    sqlite = new SqliteTrackingStore(await SqliteDatabase.open(path.join(FIXTURES_3, 'sqlite', 'mlflow.db')));
  });
  after(() => {
    sqlite.dispose();
  });

  it('an evaluation run lists the model it evaluated as used, only when asked (the tree asks; Run Details does not)', async () => {
    const run = await sqlite.getRun(EVAL_RUN);
    const inputs = run.inputs.modelInputs.map((i) => i.modelId);
    assert.ok(inputs.length > 0, 'the recorded evaluation run names its model in inputs.model_inputs');
    assert.deepEqual(await listRunModels(sqlite, run), []);
    assert.equal(runModelCount(run), inputs.length);
    const used = await listRunModels(sqlite, run, undefined, { includeUsed: true });
    assert.deepEqual(
      used.map((m) => [m.modelUri, m.used]),
      inputs.map((id) => [`models:/${id}`, true]),
    );
  });
});
