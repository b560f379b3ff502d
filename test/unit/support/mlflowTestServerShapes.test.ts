import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { StoreError } from '../../../src/core/common/storeError';
import { RestRegistryStore } from '../../../src/core/registry/restRegistryStore';
import { SqliteRegistryStore } from '../../../src/core/registry/sqliteRegistryStore';
import { RestClient } from '../../../src/core/tracking/rest/restClient';
import { RestTrackingStore } from '../../../src/core/tracking/rest/restTrackingStore';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { startMlflowTestServer, type MlflowTestServer } from '../../support/mlflow/mlflowTestServer';
import { FIXTURES, loadExchange } from '../../support/mlflow/recordedExchange';
import { overlayStores } from '../../support/mlflow/writableOverlay';

describe('MLflow REST test double: prefix, bearer token and in-memory writes', () => {
  let server: MlflowTestServer;
  let tracking: SqliteTrackingStore;
  before(async () => {
    const db = await SqliteDatabase.open(path.join(FIXTURES, 'sqlite', 'mlflow.db'));
    tracking = new SqliteTrackingStore(db);
    const stores = overlayStores(tracking, new SqliteRegistryStore(db));
    server = await startMlflowTestServer(stores.tracking, stores.registry, {
      pathPrefix: '/team/mlflow',
      bearerToken: 's3cret',
      writes: stores.writes,
    });
  });
  after(async () => {
    await server.close();
    tracking.dispose();
  });

  const client = (token: string | undefined): RestClient =>
    new RestClient({
      baseUrl: server.baseUrl,
      maxRetries: 0,
      credentials: () => (token === undefined ? undefined : { kind: 'bearer', token }),
    });

  it('serves below its path prefix and refuses a missing or wrong token with 401, like a managed server', async () => {
    assert.match(server.baseUrl, /\/team\/mlflow$/);
    const ok = await new RestTrackingStore(client('s3cret')).searchExperiments({ maxResults: 10 });
    assert.ok(ok.items.some((e) => e.name === 'iris-classification'));
    for (const token of [undefined, 'wrong']) {
      await assert.rejects(
        new RestTrackingStore(client(token)).searchExperiments({}),
        (e: unknown) => StoreError.is(e) && e.status === 401,
      );
    }
  });

  it("applies the extension's alias and run writes to what it answers afterwards", async () => {
    const registry = new RestRegistryStore(client('s3cret'));
    const runs = new RestTrackingStore(client('s3cret'));
    await registry.setAlias('iris-classifier', 'champion', '3');
    const model = await registry.getRegisteredModel('iris-classifier');
    assert.deepEqual(
      model.aliases.find((a) => a.alias === 'champion'),
      { alias: 'champion', version: '3' },
    );
    assert.equal((await registry.getModelVersionByAlias('iris-classifier', 'champion')).version, '3');
    await registry.deleteAlias('iris-classifier', 'challenger');
    assert.equal(
      (await registry.getRegisteredModel('iris-classifier')).aliases.some((a) => a.alias === 'challenger'),
      false,
    );

    const id = 'cc8c8745b34f45ada9edf6334e96c203';
    await runs.renameRun(id, 'renamed');
    await runs.setRunTag(id, 'team', 'vision');
    const run = await runs.getRun(id);
    assert.equal(run.info.runName, 'renamed');
    assert.equal(run.data.tags.find((t) => t.key === 'team')?.value, 'vision');
    await runs.deleteRun(id);
    const active = await runs.searchRuns({ experimentIds: [run.info.experimentId] });
    assert.equal(
      active.items.some((r) => r.info.runId === id),
      false,
    );
    await runs.restoreRun(id);
    assert.equal(
      (await runs.searchRuns({ experimentIds: [run.info.experimentId] })).items.some(
        (r) => r.info.runId === id,
      ),
      true,
    );
  });
});

describe('MLflow REST test double: artifact downloads', () => {
  it('serves artifact bytes through the mlflow-artifacts proxy route as the recorded server did', async () => {
    const db = await SqliteDatabase.open(path.join(FIXTURES, 'sqlite', 'mlflow.db'));
    const tracking = new SqliteTrackingStore(db, {
      artifactsDestination: path.join(FIXTURES, 'sqlite', 'mlartifacts'),
    });
    const server = await startMlflowTestServer(tracking, new SqliteRegistryStore(db));
    try {
      const ex = loadExchange('rest', '055-mlflow-artifacts-download-mlmodel.json');
      const store = new RestTrackingStore(new RestClient({ baseUrl: server.baseUrl, maxRetries: 0 }));
      const runId = /artifacts\/[^/]+\/([0-9a-f]{32})\//.exec(ex.request.path)?.[1] ?? '';
      const bytes = await store.readArtifact({ runId, path: 'model/MLmodel' });
      assert.equal(Buffer.from(bytes).toString('utf8'), ex.response.text);
    } finally {
      await server.close();
      tracking.dispose();
    }
  });
});
