import * as assert from 'node:assert/strict';
import { StoreError } from '../../../../src/core/common/storeError';
import type { ModelVersion } from '../../../../src/core/registry/entities/modelVersion';
import type { RegisteredModel } from '../../../../src/core/registry/entities/registeredModel';
import { RestRegistryStore } from '../../../../src/core/registry/restRegistryStore';
import { RestClient } from '../../../../src/core/tracking/rest/restClient';
import { assertSameRequest } from '../../../support/mlflow/assertRequest';
import { loadExchange, type RecordedExchange } from '../../../support/mlflow/recordedExchange';
import { startScriptedServer, type ScriptedServer } from '../../../support/mlflow/scriptedServer';

type Body = Record<string, unknown>;
const body = (ex: RecordedExchange): Body => ex.response.json as Body;
const names = (list: unknown): string[] =>
  ((list as Array<{ name: string; version?: string }> | undefined) ?? []).map((m) =>
    m.version === undefined ? m.name : `${m.name}@${m.version}`,
  );

interface Case {
  readonly file: string;
  readonly call: (s: RestRegistryStore) => Promise<unknown>;
  readonly check: (result: unknown, ex: RecordedExchange) => void;
}

const modelsPage = (r: unknown, ex: RecordedExchange): void => {
  const p = r as { items: RegisteredModel[]; nextPageToken: string | undefined };
  assert.deepEqual(
    p.items.map((m) => m.name),
    names(body(ex).registered_models),
  );
  assert.equal(p.nextPageToken, body(ex).next_page_token);
};
const versionsPage = (r: unknown, ex: RecordedExchange): void => {
  const p = r as { items: ModelVersion[]; nextPageToken: string | undefined };
  assert.deepEqual(
    p.items.map((v) => `${v.name}@${v.version}`),
    names(body(ex).model_versions),
  );
  assert.ok(
    p.items.every((v) => v.aliases.length === 0),
    'search results carry no aliases',
  );
};

/** MLflow's answer to `registered-models/create` for a name already taken. */
const ALREADY_EXISTS = {
  error_code: 'RESOURCE_ALREADY_EXISTS',
  message: 'Registered Model (name=iris-classifier) already exists.',
};

const CASES: Case[] = [
  { file: '060', call: (s) => s.searchRegisteredModels({ maxResults: 100 }), check: modelsPage },
  { file: '061', call: (s) => s.searchRegisteredModels({ maxResults: 2 }), check: modelsPage },
  {
    file: '062',
    call: (s) => s.searchRegisteredModels({ maxResults: 2, pageToken: 'eyJvZmZzZXQiOiAyfQ==' }),
    check: modelsPage,
  },
  {
    file: '063',
    call: (s) => s.searchRegisteredModels({ filter: "name LIKE 'iris%'", orderBy: ['name DESC'] }),
    check: modelsPage,
  },
  {
    file: '064',
    call: (s) => s.searchRegisteredModels({ filter: "tags.task = 'classification'" }),
    check: modelsPage,
  },
  {
    file: '066',
    call: (s) => s.getRegisteredModel('iris-classifier'),
    check: (r) => {
      const m = r as RegisteredModel;
      assert.deepEqual(m.aliases, [
        { alias: 'challenger', version: '3' },
        { alias: 'champion', version: '2' },
      ]);
      assert.deepEqual(
        m.latestVersions.map((v) => [v.version, v.currentStage]),
        [
          ['1', 'Archived'],
          ['2', 'Production'],
          ['3', 'Staging'],
        ],
      );
      assert.deepEqual(m.tags, [
        { key: 'task', value: 'classification' },
        { key: 'domain', value: 'botany' },
      ]);
    },
  },
  {
    file: '067',
    call: (s) => s.getRegisteredModel('wine-quality-regressor'),
    check: (r) => {
      const m = r as RegisteredModel;
      assert.equal(m.description, 'Regresses proline/100 from wine chemistry.');
      assert.deepEqual(m.aliases, [{ alias: 'champion', version: '1' }]);
      assert.deepEqual(m.tags, [{ key: 'owner', value: 'dave' }]);
      const latest = m.latestVersions[0];
      assert.deepEqual(
        [latest?.version, latest?.currentStage, latest?.status, latest?.runId],
        ['2', 'None', 'READY', 'c4277242c4c045f9bdd8cc9e2425ef66'],
      );
      assert.equal(m.lastUpdatedTimestamp, 1795357666842);
    },
  },
  {
    file: '068',
    call: (s) => s.getRegisteredModel('empty-model'),
    check: (r) => {
      assert.deepEqual((r as RegisteredModel).latestVersions, []);
    },
  },
  {
    file: '069',
    call: (s) => s.searchModelVersions({ filter: "name='iris-classifier'" }),
    check: versionsPage,
  },
  { file: '070', call: (s) => s.searchModelVersions({ maxResults: 100 }), check: versionsPage },
  {
    file: '071',
    call: (s) => s.searchModelVersions({ filter: "run_id = '5479c2e952464803bc764edb72ee0164'" }),
    check: versionsPage,
  },
  {
    file: '072',
    call: (s) =>
      s.searchModelVersions({
        filter: "name='iris-classifier'",
        orderBy: ['version_number DESC'],
        maxResults: 2,
      }),
    check: versionsPage,
  },
  {
    file: '073',
    call: (s) => s.getModelVersion('iris-classifier', '2'),
    check: (r) => {
      const v = r as ModelVersion;
      assert.equal(v.runId, '5479c2e952464803bc764edb72ee0164');
      assert.equal(v.status, 'READY');
      assert.equal(v.source, 'mlflow-artifacts:/1/5479c2e952464803bc764edb72ee0164/artifacts/model');
    },
  },
  {
    file: '074',
    call: (s) => s.getModelVersion('wine-quality-regressor', '2'),
    check: (r) => {
      const v = r as ModelVersion;
      assert.equal(v.source, 'mlflow-artifacts:/2/c4277242c4c045f9bdd8cc9e2425ef66/artifacts/pyfunc_model');
      assert.equal(v.description, 'pyfunc wrapper adding a label column');
      // MLflow sends an empty run_link; it is kept as the empty string it is, not a link.
      assert.equal(v.runLink, '');
      assert.deepEqual([v.tags, v.aliases], [[], []]);
    },
  },
  {
    file: '076',
    call: (s) => s.getModelVersionByAlias('iris-classifier', 'champion'),
    check: (r) => {
      assert.deepEqual([(r as ModelVersion).version, (r as ModelVersion).aliases], ['2', ['champion']]);
    },
  },
  {
    file: '077',
    call: (s) => s.getModelVersionByAlias('iris-classifier', 'challenger'),
    check: (r) => {
      assert.equal((r as ModelVersion).version, '3');
    },
  },
];

describe('RestRegistryStore against recorded MLflow 2.17.2 answers', () => {
  let server: ScriptedServer;
  let store: RestRegistryStore;
  before(async () => {
    server = await startScriptedServer();
    store = new RestRegistryStore(new RestClient({ baseUrl: server.baseUrl, maxRetries: 0 }));
  });
  after(() => server.close());

  for (const c of CASES) {
    it(`${loadExchange('rest', c.file).file}: sends the recorded request and maps the answer`, async () => {
      const ex = loadExchange('rest', c.file);
      server.script({
        status: ex.response.status,
        contentType: ex.response.contentType,
        body: ex.response.text,
      });
      const result = await c.call(store);
      assertSameRequest(server.received[0], ex.request);
      c.check(result, ex);
    });
  }

  for (const [file, call, code] of [
    ['097', (s: RestRegistryStore) => s.getRegisteredModel('no-such-model'), 'RESOURCE_DOES_NOT_EXIST'],
    ['098', (s: RestRegistryStore) => s.getModelVersion('iris-classifier', '99'), 'RESOURCE_DOES_NOT_EXIST'],
    // MLflow answers a missing alias with 400 INVALID_PARAMETER_VALUE, not 404.
    [
      '099',
      (s: RestRegistryStore) => s.getModelVersionByAlias('iris-classifier', 'nope'),
      'INVALID_PARAMETER_VALUE',
    ],
  ] as const) {
    it(`${file}: recorded error becomes ${code}`, async () => {
      const ex = loadExchange('rest', file);
      server.script({
        status: ex.response.status,
        contentType: ex.response.contentType,
        body: ex.response.text,
      });
      await assert.rejects(
        call(store),
        (err: unknown) =>
          StoreError.is(err, 'api') && err.errorCode === code && err.status === ex.response.status,
      );
      assertSameRequest(server.received[0], ex.request);
    });
  }

  it('065: POSTing registered-models/search gets HTML 405, which reads as "not an MLflow API"', async () => {
    const ex = loadExchange('rest', '065');
    server.script({
      status: ex.response.status,
      contentType: ex.response.contentType,
      body: ex.response.text,
    });
    await assert.rejects(
      store.searchRegisteredModels({}),
      (err: unknown) => StoreError.is(err, 'not-mlflow') && err.status === 405,
    );
  });

  it('writes send the method, path and body MLflow defines', async () => {
    const mv = loadExchange('rest', '073');
    const created400 = { status: 400, body: JSON.stringify(ALREADY_EXISTS) };
    server.script(
      { status: 200, body: '{}' },
      { status: 200, body: '{}' },
      { status: 200, body: '{}' },
      { status: 200, body: '{}' },
      created400,
      { status: 200, body: mv.response.text },
    );
    await store.setAlias('iris-classifier', 'champion', '3');
    await store.deleteAlias('iris-classifier', 'champion');
    await store.updateRegisteredModelDescription('iris-classifier', 'new text');
    await store.updateModelVersionDescription('iris-classifier', '2', 'v2 text');
    const created = await store.registerModelVersion({
      name: 'iris-classifier',
      source: 'runs:/r1/model',
      runId: 'r1',
    });
    assert.deepEqual(
      server.received.map((r) => [r.method, r.path, JSON.parse(r.body) as unknown]),
      [
        [
          'POST',
          '/api/2.0/mlflow/registered-models/alias',
          { name: 'iris-classifier', alias: 'champion', version: '3' },
        ],
        ['DELETE', '/api/2.0/mlflow/registered-models/alias', { name: 'iris-classifier', alias: 'champion' }],
        [
          'PATCH',
          '/api/2.0/mlflow/registered-models/update',
          { name: 'iris-classifier', description: 'new text' },
        ],
        [
          'PATCH',
          '/api/2.0/mlflow/model-versions/update',
          { name: 'iris-classifier', version: '2', description: 'v2 text' },
        ],
        ['POST', '/api/2.0/mlflow/registered-models/create', { name: 'iris-classifier' }],
        [
          'POST',
          '/api/2.0/mlflow/model-versions/create',
          { name: 'iris-classifier', source: 'runs:/r1/model', run_id: 'r1' },
        ],
      ],
    );
    assert.equal(created.version, '2');
  });

  // No exchange in the recording creates a registered model; the shapes below are MLflow's
  // `CreateRegisteredModel` (model_registry.proto: POST, body {name}, answer {registered_model})
  // and the RESOURCE_ALREADY_EXISTS error its SQL store raises for a taken name.
  it('registering under a new name creates the registered model, then version 1 of it', async () => {
    const mv = JSON.parse(loadExchange('rest', '073').response.text) as { model_version: Body };
    const version1 = {
      model_version: {
        ...mv.model_version,
        name: 'brand-new',
        version: '1',
        source: 'runs:/r9/model',
        run_id: 'r9',
      },
    };
    const model = {
      registered_model: {
        name: 'brand-new',
        creation_timestamp: 1795357666747,
        last_updated_timestamp: 1795357666747,
      },
    };
    server.script(
      { status: 200, body: JSON.stringify(model) },
      { status: 200, body: JSON.stringify(version1) },
    );
    const created = await store.registerModelVersion({
      name: 'brand-new',
      source: 'runs:/r9/model',
      runId: 'r9',
      description: 'first',
    });
    assert.deepEqual(
      server.received.map((r) => [r.method, r.path, r.query, JSON.parse(r.body) as unknown]),
      [
        ['POST', '/api/2.0/mlflow/registered-models/create', [], { name: 'brand-new' }],
        [
          'POST',
          '/api/2.0/mlflow/model-versions/create',
          [],
          { name: 'brand-new', source: 'runs:/r9/model', run_id: 'r9', description: 'first' },
        ],
      ],
    );
    assert.deepEqual([created.name, created.version, created.runId], ['brand-new', '1', 'r9']);
  });

  it('createRegisteredModel tells a new model from an existing one and lets other errors through', async () => {
    server.script(
      { status: 200, body: '{"registered_model":{"name":"m"}}' },
      { status: 400, body: JSON.stringify(ALREADY_EXISTS) },
    );
    assert.equal(await store.createRegisteredModel('m'), true);
    assert.equal(await store.createRegisteredModel('iris-classifier'), false);

    server.script({ status: 403, body: '{"error_code":"PERMISSION_DENIED","message":"Permission denied"}' });
    await assert.rejects(
      store.registerModelVersion({ name: 'locked', source: 'runs:/r1/model' }),
      (err: unknown) => StoreError.is(err, 'api') && err.errorCode === 'PERMISSION_DENIED',
    );
    assert.deepEqual(
      server.received.map((r) => r.path),
      ['/api/2.0/mlflow/registered-models/create'],
      'no version is created after a refused model',
    );
  });
});
