import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { SqliteRegistryStore } from '../../../src/core/registry/sqliteRegistryStore';
import { RestClient } from '../../../src/core/tracking/rest/restClient';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { RestTraceStore } from '../../../src/core/traces/rest/restTraceStore';
import { assessmentOverlay } from '../../support/mlflow/assessmentOverlay';
import { startMlflowTestServer, type MlflowTestServer } from '../../support/mlflow/mlflowTestServer';
import { FIXTURES_3, loadExchange, type RecordedExchange } from '../../support/mlflow/recordedExchange';
import { SHARED_3 } from '../../support/mlflow/traceFixtures';
import { sqliteServerTraces } from '../../support/mlflow/traceRoutes';

type Json = Record<string, unknown>;

/** Send a recorded request to the double as it was sent to the real server. */
async function replay(
  server: MlflowTestServer,
  e: RecordedExchange,
): Promise<{ status: number; body: Json }> {
  const res = await fetch(server.baseUrl + e.request.path, {
    method: e.request.method,
    headers: e.request.body === null ? {} : { 'Content-Type': 'application/json' },
    body: e.request.body === null ? undefined : JSON.stringify(e.request.body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

/** An answer with the fields the server makes up (a new id; the time of a PATCH) set aside. */
function withoutMadeUp(body: Json, fields: readonly string[]): Json {
  const a = { ...(body.assessment as Json) };
  for (const f of fields) {
    assert.ok(f in a, `the answer has ${f}`);
    a[f] = '<made up>';
  }
  return { assessment: a };
}

describe('MLflow REST test double: trace and assessment routes answer as the real 3.11.1 server did', () => {
  let server: MlflowTestServer;
  let db: SqliteDatabase;
  before(async () => {
    db = await SqliteDatabase.open(path.join(FIXTURES_3, 'sqlite', 'mlflow.db'));
    server = await startMlflowTestServer(new SqliteTrackingStore(db), new SqliteRegistryStore(db), {
      traces: sqliteServerTraces(db, assessmentOverlay()),
    });
  });
  after(async () => {
    await server.close();
    db.close();
  });

  for (const n of ['049', '055', '076', '077', '078', '079', '080', '081', '082', '083', '084', '167']) {
    it(`rest/${n}: the recorded read`, async () => {
      const e = loadExchange('rest', n, SHARED_3);
      const got = await replay(server, e);
      assert.deepEqual(got, { status: e.response.status, body: e.response.json });
    });
  }

  it('rest-added/006–012: the writes, in the order they were recorded, answer as MLflow did', async () => {
    const added = (n: string): RecordedExchange => loadExchange('rest-added', n, FIXTURES_3);
    const [created, expectation, overrideGet, override, overridden, patched, unknown] = [
      added('006'),
      added('007'),
      added('008'),
      added('009'),
      added('010'),
      added('011'),
      added('012'),
    ] as const;
    const write = async (e: RecordedExchange): Promise<void> => {
      const got = await replay(server, e);
      assert.equal(got.status, 200, e.name);
      assert.deepEqual(
        withoutMadeUp(got.body, ['assessment_id']),
        withoutMadeUp(e.response.json as Json, ['assessment_id']),
        e.name,
      );
    };
    await write(created);
    await write(expectation);
    assert.deepEqual(await replay(server, overrideGet), { status: 200, body: overrideGet.response.json });
    await write(override);
    // The judge's feedback is now overridden: valid false.
    assert.deepEqual(await replay(server, overridden), { status: 200, body: overridden.response.json });
    // The PATCH names the id the real server gave; ask for the one the double gave the same feedback.
    const mine = (
      await new RestTraceStore(new RestClient({ baseUrl: server.baseUrl, maxRetries: 0 })).getTraceInfo(
        'tr-62271419f50102fb4152e17dcc52f6c6',
      )
    ).assessments.find((a) => a.name === 'helpful');
    assert.ok(mine);
    const patch = {
      ...patched,
      request: {
        ...patched.request,
        path: patched.request.path.replace('a-a3e56b32fdc543cd91f665b3171f6377', mine.assessmentId),
        body: {
          ...(patched.request.body as Json),
          assessment: {
            ...((patched.request.body as Json).assessment as Json),
            assessment_id: mine.assessmentId,
          },
        },
      },
    };
    const got = await replay(server, patch);
    assert.deepEqual(
      withoutMadeUp(got.body, ['assessment_id', 'last_update_time']),
      withoutMadeUp(patched.response.json as Json, ['assessment_id', 'last_update_time']),
    );
    const refused = await replay(server, unknown);
    assert.equal(refused.status, unknown.response.status);
    assert.equal(refused.body.error_code, (unknown.response.json as Json).error_code);
  });

  it('the client reads spans through get-trace-artifact (the double has no traces/get) and sees the writes', async () => {
    const store = new RestTraceStore(new RestClient({ baseUrl: server.baseUrl, maxRetries: 0 }));
    const trace = await store.getTrace('tr-c2e32c06106cfeedb6970f34b44aede0');
    assert.equal(trace.spans.length, 211);
    const info = await store.getTraceInfo('tr-62271419f50102fb4152e17dcc52f6c6');
    assert.ok(info.assessments.some((a) => a.name === 'expected_topics' && a.spanId === 'fcee26f9a89a6ca7'));
  });

  it('without a trace store the server has no trace routes (HTML 404), as MLflow before 2.14', async () => {
    const bare = await startMlflowTestServer(new SqliteTrackingStore(db), new SqliteRegistryStore(db));
    try {
      const res = await fetch(`${bare.baseUrl}/api/3.0/mlflow/traces/tr-62271419f50102fb4152e17dcc52f6c6`);
      assert.equal(res.status, 404);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    } finally {
      await bare.close();
    }
  });
});
