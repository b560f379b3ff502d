import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StoreError } from '../../../../src/core/common/storeError';
import { checkArtifactPath } from '../../../../src/core/tracking/artifactPath';
import { FileTrackingStore } from '../../../../src/core/tracking/file/fileTrackingStore';
import { RestClient } from '../../../../src/core/tracking/rest/restClient';
import { RestTrackingStore } from '../../../../src/core/tracking/rest/restTrackingStore';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { assertSameRequest } from '../../../support/mlflow/assertRequest';
import { FIXTURES, loadExchange } from '../../../support/mlflow/recordedExchange';
import { startScriptedServer, type ScriptedServer } from '../../../support/mlflow/scriptedServer';

const RUN = '5479c2e952464803bc764edb72ee0164';
const invalidPath = (e: unknown): boolean =>
  StoreError.is(e, 'api') && e.errorCode === 'INVALID_PARAMETER_VALUE';

describe('reading artifacts', () => {
  let server: ScriptedServer;
  before(async () => {
    server = await startScriptedServer();
  });
  after(() => server.close());

  it('checks paths before any request: no absolute paths, drive letters or ..', () => {
    assert.equal(checkArtifactPath('model//MLmodel'), 'model/MLmodel');
    assert.equal(checkArtifactPath('./a\\b'), 'a/b');
    for (const bad of ['/etc/passwd', '../../etc', 'a/../../b', 'C:/x', 'a\0b']) {
      assert.throws(() => checkArtifactPath(bad), invalidPath, bad);
    }
  });

  it('055: REST reads an mlflow-artifacts: root through the artifact proxy, as recorded', async () => {
    const run = loadExchange('rest', '033');
    const mlmodel = loadExchange('rest', '055');
    server.script(
      { status: 200, body: run.response.text },
      { status: 200, contentType: 'text/plain', body: mlmodel.response.text },
    );
    const store = new RestTrackingStore(new RestClient({ baseUrl: server.baseUrl }));
    const bytes = await store.readArtifact({ runId: RUN, path: 'model/MLmodel' });
    assert.equal(Buffer.from(bytes).toString('utf8'), mlmodel.response.text);
    assertSameRequest(server.received[1], mlmodel.request);
  });

  it('056: REST reads other roots through /get-artifact, and refuses traversal without a request', async () => {
    const run = JSON.parse(loadExchange('rest', '033').response.text) as {
      run: { info: Record<string, unknown> };
    };
    run.run.info.artifact_uri = 's3://bucket/1/run/artifacts';
    const file = loadExchange('rest', '056');
    server.script(
      { status: 200, body: JSON.stringify(run) },
      { status: 200, contentType: 'text/plain', body: file.response.text },
    );
    const store = new RestTrackingStore(new RestClient({ baseUrl: server.baseUrl }));
    assert.deepEqual(
      JSON.parse(
        Buffer.from(await store.readArtifact({ runId: RUN, path: 'metrics_summary.json' })).toString('utf8'),
      ),
      file.response.json,
    );
    assertSameRequest(server.received[1], file.request);
    server.script({ status: 200, body: '{}' });
    await assert.rejects(store.readArtifact({ runId: RUN, path: '../secrets' }), invalidPath);
    assert.equal(server.received.length, 0);
  });

  it('a download over maxBytes is refused by the cap', async () => {
    server.script(
      { status: 200, body: loadExchange('rest', '033').response.text },
      { status: 200, contentType: 'application/octet-stream', body: 'x'.repeat(4096) },
    );
    const store = new RestTrackingStore(new RestClient({ baseUrl: server.baseUrl, maxRetries: 0 }));
    await assert.rejects(
      store.readArtifact({ runId: RUN, path: 'model/model.pkl', maxBytes: 1024 }),
      (e: unknown) => StoreError.is(e, 'too-large'),
    );
  });

  it('the SQLite store reads the same MLmodel bytes from mlartifacts/ as the proxy served', async () => {
    const db = await SqliteDatabase.open(path.join(FIXTURES, 'sqlite', 'mlflow.db'));
    const store = new SqliteTrackingStore(db, {
      artifactsDestination: path.join(FIXTURES, 'sqlite', 'mlartifacts'),
    });
    try {
      const bytes = await store.readArtifact({ runId: RUN, path: 'model/MLmodel' });
      assert.equal(Buffer.from(bytes).toString('utf8'), loadExchange('rest', '055').response.text);
      await assert.rejects(store.readArtifact({ runId: RUN, path: 'model/nope' }), (e: unknown) =>
        StoreError.isNotFound(e),
      );
      await assert.rejects(
        store.readArtifact({ runId: RUN, path: 'model/MLmodel', maxBytes: 10 }),
        (e: unknown) => StoreError.is(e, 'too-large'),
      );
    } finally {
      store.dispose();
    }
  });

  it('the file store reads a client-written run folder even after the mlruns folder moved', async () => {
    const store = new FileTrackingStore(path.join(FIXTURES, 'mlruns-local'));
    const text = Buffer.from(
      await store.readArtifact({ runId: 'd43768cbc1154217a902f5747ca32735', path: 'notes.txt' }),
    ).toString('utf8');
    const onDisk = fs.readFileSync(
      path.join(
        FIXTURES,
        'mlruns-local',
        '537924336985335608',
        'd43768cbc1154217a902f5747ca32735',
        'artifacts',
        'notes.txt',
      ),
      'utf8',
    );
    assert.equal(text, onDisk);
  });
});
