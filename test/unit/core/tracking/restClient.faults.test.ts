import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { StoreError } from '../../../../src/core/common/storeError';
import { ENDPOINTS } from '../../../../src/core/tracking/rest/endpoints';
import { RestClient, type RestClientOptions } from '../../../../src/core/tracking/rest/restClient';
import { RestTrackingStore } from '../../../../src/core/tracking/rest/restTrackingStore';
import { loadExchange } from '../../../support/mlflow/recordedExchange';
import { startScriptedServer, type ScriptedServer } from '../../../support/mlflow/scriptedServer';

const EXPERIMENT = loadExchange('rest', '010');
const ok = { status: 200, body: EXPERIMENT.response.text };
const isKind = (kind: StoreError['kind']) => (err: unknown) => StoreError.is(err, kind);

describe('RestClient faults', () => {
  let server: ScriptedServer;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  before(async () => {
    server = await startScriptedServer();
    process.on('unhandledRejection', onUnhandled);
  });
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await server.close();
    assert.deepEqual(unhandled, [], 'no unhandled rejections');
  });
  const client = (o: Partial<RestClientOptions> = {}): RestClient =>
    new RestClient({ baseUrl: server.baseUrl, backoffMs: 5, ...o });

  it('connection refused is a network error, after bounded retries', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) =>
      closed.close(() => {
        r();
      }),
    );
    const c = new RestClient({ baseUrl: `http://127.0.0.1:${port}`, backoffMs: 1, maxRetries: 2 });
    await assert.rejects(
      c.call(ENDPOINTS.getExperiment),
      (err: unknown) => StoreError.is(err, 'network') && /refused/i.test(err.message),
    );
  });

  it('a server that never answers hits the timeout', async () => {
    server.script({ hang: true });
    const started = Date.now();
    await assert.rejects(
      client({ timeoutMs: 200, maxRetries: 0 }).call(ENDPOINTS.getExperiment),
      isKind('timeout'),
    );
    assert.ok(Date.now() - started < 5000);
  });

  it('500 then 503 then success is retried for reads', async () => {
    server.script(
      { status: 500, body: '{"error_code":"INTERNAL_ERROR","message":"boom"}' },
      { status: 503, body: '' },
      ok,
    );
    const store = new RestTrackingStore(client({ maxRetries: 3 }));
    assert.equal((await store.getExperiment('1')).name, 'iris-classification');
    assert.equal(server.received.length, 3);
  });

  it('writes are never retried', async () => {
    server.script({ status: 503, body: '' }, { status: 200, body: '{}' });
    await assert.rejects(
      new RestTrackingStore(client({ maxRetries: 3 })).deleteRun('r1'),
      (err: unknown) => StoreError.is(err, 'api') && err.status === 503,
    );
    assert.equal(server.received.length, 1);
  });

  it('429 waits for Retry-After before retrying', async () => {
    server.script(
      {
        status: 429,
        body: '{"error_code":"REQUEST_LIMIT_EXCEEDED","message":"slow down"}',
        headers: { 'Retry-After': '1' },
      },
      ok,
    );
    const started = Date.now();
    await client({ maxRetries: 1 }).call(ENDPOINTS.getExperiment);
    assert.ok(Date.now() - started >= 950, 'waited about one second');
    assert.equal(server.received.length, 2);
  });

  it('a Retry-After longer than the cap fails at once with the 429', async () => {
    server.script(
      {
        status: 429,
        body: '{"error_code":"REQUEST_LIMIT_EXCEEDED","message":"later"}',
        headers: { 'Retry-After': '3600' },
      },
      ok,
    );
    await assert.rejects(
      client({ maxRetries: 3 }).call(ENDPOINTS.getExperiment),
      (err: unknown) => StoreError.is(err) && err.errorCode === 'REQUEST_LIMIT_EXCEEDED',
    );
    assert.equal(server.received.length, 1);
  });

  it('401 and 403 are not retried and never echo the Authorization header', async () => {
    for (const status of [401, 403]) {
      server.script({ status, body: '{"error_code":"PERMISSION_DENIED","message":"no"}' });
      const c = client({
        maxRetries: 3,
        credentials: () => ({ kind: 'basic', username: 'alice', password: 's3cret' }),
      });
      const err = await c.call(ENDPOINTS.getExperiment).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(StoreError.is(err, 'api'));
      assert.equal(err.status, status);
      assert.equal(server.received.length, 1);
      const dump =
        JSON.stringify(err) + err.message + String(err.stack) + JSON.stringify(Object.entries(err));
      assert.doesNotMatch(dump, /s3cret|YWxpY2U6czNjcmV0|Authorization/i);
    }
  });

  it('sends Basic and Bearer credentials fetched per request', async () => {
    server.script(ok);
    let calls = 0;
    const c = client({
      credentials: () =>
        ++calls === 1
          ? { kind: 'basic', username: 'alice', password: 's3cret' }
          : { kind: 'bearer', token: 'tok' },
    });
    await c.call(ENDPOINTS.getExperiment);
    await c.call(ENDPOINTS.getExperiment);
    assert.deepEqual(
      server.received.map((r) => r.headers.authorization),
      [`Basic ${Buffer.from('alice:s3cret').toString('base64')}`, 'Bearer tok'],
    );
  });

  it('HTML with status 200 is "not an MLflow API", not a crash', async () => {
    server.script({
      status: 200,
      contentType: 'text/html',
      body: '<!doctype html><html><body>Sign in</body></html>',
    });
    await assert.rejects(
      client().call(ENDPOINTS.getExperiment),
      (err: unknown) => StoreError.is(err, 'not-mlflow') && err.status === 200,
    );
  });

  it('a 200 MB body is rejected by the default cap, and not read to the end', async () => {
    server.script({ streamBytes: 200 * 1024 * 1024 });
    await assert.rejects(client({ maxRetries: 0 }).call(ENDPOINTS.getExperiment), isKind('too-large'));
    // The client hung up near its 100 MB cap instead of buffering all 200 MB.
    assert.ok(server.streamed() < 150 * 1024 * 1024, `server wrote ${server.streamed()} bytes`);
  });

  it('a smaller maxContentLength is honoured too', async () => {
    server.script({ status: 200, body: `{"x":"${'a'.repeat(2 * 1024 * 1024)}"}` });
    await assert.rejects(
      client({ maxContentLength: 1024 * 1024, maxRetries: 0 }).call(ENDPOINTS.getExperiment),
      isKind('too-large'),
    );
  });

  it('an aborted signal cancels a pending request', async () => {
    server.script({ hang: true });
    const controller = new AbortController();
    const pending = client({ timeoutMs: 10_000 }).call(ENDPOINTS.getExperiment, {
      signal: controller.signal,
    });
    setTimeout(() => {
      controller.abort();
    }, 50);
    await assert.rejects(pending, isKind('cancelled'));
  });

  it('a repeated metric-history page token stops instead of looping', async () => {
    server.script({
      status: 200,
      body: '{"metrics":[{"key":"m","value":1,"timestamp":1,"step":0}],"next_page_token":"same"}',
    });
    await assert.rejects(
      new RestTrackingStore(client()).getMetricHistory({ runId: 'r', metricKey: 'm' }),
      isKind('invalid-response'),
    );
    assert.equal(server.received.length, 2);
  });

  it('follows metric-history tokens (MLflow 3.x answers the first call with only a token)', async () => {
    server.script(
      { status: 200, body: '{"next_page_token":"t1"}' },
      { status: 200, body: '{"metrics":[{"key":"m","value":"Infinity","timestamp":1,"step":3}]}' },
    );
    const h = await new RestTrackingStore(client()).getMetricHistory({ runId: 'r', metricKey: 'm' });
    assert.deepEqual(h, [{ key: 'm', value: Number.POSITIVE_INFINITY, timestamp: 1, step: 3 }]);
    assert.deepEqual(
      server.received[1]?.query.find(([k]) => k === 'page_token'),
      ['page_token', 't1'],
    );
  });

  it('falls back to full histories, sampled, when bulk-interval is missing (HTML 404)', async () => {
    const history = {
      metrics: Array.from({ length: 10 }, (_, i) => ({ key: 'loss', value: i, timestamp: i, step: i })),
    };
    server.script(
      { status: 404, contentType: 'text/html', body: '<!doctype html><title>404 Not Found</title>' },
      { status: 200, body: JSON.stringify(history) },
    );
    const pts = await new RestTrackingStore(client()).getSampledMetricHistory({
      runIds: ['r1'],
      metricKey: 'loss',
      maxResults: 4,
    });
    assert.deepEqual(
      pts.map((p) => [p.runId, p.step]),
      [
        ['r1', 0],
        ['r1', 2],
        ['r1', 5],
        ['r1', 7],
        ['r1', 9],
      ],
    );
    assert.equal(server.received[1]?.path, '/api/2.0/mlflow/metrics/get-history');
  });

  it('puts the path prefix of the base URL in front of every route', async () => {
    server.script(ok);
    await new RestClient({ baseUrl: `${server.baseUrl}/mlflow/` }).call(ENDPOINTS.getExperiment, {
      query: [['experiment_id', '1']],
    });
    assert.equal(server.received[0]?.path, '/mlflow/api/2.0/mlflow/experiments/get');
  });

  it('run writes send what MLflow expects', async () => {
    server.script({ status: 200, body: '{}' });
    const s = new RestTrackingStore(client());
    await s.renameRun('r1', 'new name');
    await s.setRunTag('r1', 'k', 'v');
    await s.deleteRunTag('r1', 'k');
    await s.setRunNote('r1', '# note');
    await s.setExperimentNote('7', 'about');
    await s.setExperimentTag('7', 'mlflow.experimentKind', 'genai_development');
    await s.deleteRun('r1');
    await s.restoreRun('r1');
    assert.deepEqual(
      server.received.map((r) => [
        r.method,
        r.path.replace('/api/2.0/mlflow/', ''),
        JSON.parse(r.body) as unknown,
      ]),
      [
        ['POST', 'runs/update', { run_id: 'r1', run_name: 'new name' }],
        ['POST', 'runs/set-tag', { run_id: 'r1', key: 'k', value: 'v' }],
        ['POST', 'runs/delete-tag', { run_id: 'r1', key: 'k' }],
        ['POST', 'runs/set-tag', { run_id: 'r1', key: 'mlflow.note.content', value: '# note' }],
        [
          'POST',
          'experiments/set-experiment-tag',
          { experiment_id: '7', key: 'mlflow.note.content', value: 'about' },
        ],
        [
          'POST',
          'experiments/set-experiment-tag',
          { experiment_id: '7', key: 'mlflow.experimentKind', value: 'genai_development' },
        ],
        ['POST', 'runs/delete', { run_id: 'r1' }],
        ['POST', 'runs/restore', { run_id: 'r1' }],
      ],
    );
  });
});
