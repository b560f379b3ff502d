import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { RestClient } from '../../../../src/core/tracking/rest/restClient';
import { FileTraceStore } from '../../../../src/core/traces/file/fileTraceStore';
import { parseTraceDataJson } from '../../../../src/core/traces/parse/parseMlflowSpan';
import { parseTraceInfoV2 } from '../../../../src/core/traces/parse/parseTraceInfo';
import { sortSpans } from '../../../../src/core/traces/entities/span';
import { RestTraceStore } from '../../../../src/core/traces/rest/restTraceStore';
import { isNoTraces } from '../../../../src/core/traces/traceStore';
import { startScriptedServer, type ScriptedServer } from '../../../support/mlflow/scriptedServer';
import type { LosslessJson } from '../../../../src/core/traces/parse/losslessJson';
import {
  derivedInfoAnswers,
  losslessStringify,
  loadTraceExchanges,
  SHARED_3,
  startReplayServer,
  traceExchange,
} from '../../../support/mlflow/traceFixtures';
import {
  at,
  isRefusal,
  page,
  recordedFullTraces,
  recordedPage,
  recordedSearches,
  recordedTrace,
  requestOf,
} from './traceContract';

function storeAt(server: ScriptedServer): RestTraceStore {
  return new RestTraceStore(new RestClient({ baseUrl: server.baseUrl, maxRetries: 0 }));
}

describe('RestTraceStore against the replayed 3.11.1 sqlite-backed server', () => {
  const rest = loadTraceExchanges('rest');
  let server: ScriptedServer;
  before(async () => {
    server = await startReplayServer([...rest, ...derivedInfoAnswers(rest)]);
  });
  after(() => server.close());

  for (const e of recordedSearches(rest).filter((x) => x.path.startsWith('/api/'))) {
    it(`${e.file}: sends the recorded search and reads its page`, async () => {
      const store = storeAt(server);
      assert.deepEqual(page(await store.searchTraces(requestOf(e))), recordedPage(e));
      assert.equal(store.detectedApi, 'v3');
    });
  }

  for (const e of rest.filter((x) => x.path.endsWith('/traces/search') && x.status === 400)) {
    it(`${e.file}: a refused search is INVALID_PARAMETER_VALUE`, async () => {
      if (at(e.body, 'locations') === undefined) {
        return; // a request this store never makes (no experiment)
      }
      await assert.rejects(storeAt(server).searchTraces(requestOf(e)), isRefusal);
    });
  }

  for (const e of rest.filter((x) => /^\/api\/3\.0\/mlflow\/traces\/tr-[0-9a-f]{32}$/.test(x.path))) {
    it(`${e.file}: reads one trace info (${String(e.status)})`, async () => {
      const id = e.path.slice(e.path.lastIndexOf('/') + 1);
      if (e.status === 200) {
        assert.deepEqual(await storeAt(server).getTraceInfo(id), recordedTrace(at(e.json, 'trace')).info);
      } else {
        await assert.rejects(storeAt(server).getTraceInfo(id), { errorCode: 'RESOURCE_DOES_NOT_EXIST' });
      }
    });
  }

  for (const { file, trace } of recordedFullTraces(rest).filter((t) => !/allow-partial|ajax/.test(t.file))) {
    it(`${file}: reads the whole trace through traces/get, nanoseconds exact`, async () => {
      const got = await storeAt(server).getTrace(trace.info.traceId);
      assert.deepEqual(got, trace);
      assert.ok(got.spans.length > 0);
    });
  }

  it('the 211-span trace, the error trace and the ~220 KB output match the get-trace-artifact answers', async () => {
    for (const [id, artifact] of [
      ['tr-c2e32c06106cfeedb6970f34b44aede0', '071'],
      ['tr-336f7d234261176a15b9e1c0407cbf4e', '072'],
      ['tr-34fab7e8213ba81c2cabe100e3b4e191', '069'],
      ['tr-5d26e2d79fe9610fa67fd3ae043ff4f5', '073'],
    ] as const) {
      const spans = (await storeAt(server).getTrace(id)).spans;
      assert.deepEqual(spans, sortSpans(parseTraceDataJson(traceExchange('rest', artifact).text)));
    }
  });

  it('067, 068, 170: batchGet and batchGetInfos, unknown ids left out', async () => {
    const store = storeAt(server);
    const batch = traceExchange('rest', '067');
    assert.deepEqual(
      await store.batchGetTraces(batch.query.map(([, v]) => v)),
      (at(batch.json, 'traces') as readonly []).map((t) => recordedTrace(t)),
    );
    assert.deepEqual(await store.batchGetTraces(['tr-00000000000000000000000000000000']), []);
    const infos = traceExchange('rest', '068');
    assert.deepEqual(
      await store.batchGetTraceInfos(at(infos.body, 'trace_ids') as readonly string[]),
      (at(infos.json, 'trace_infos') as readonly []).map((t) => recordedTrace({ trace_info: t }).info),
    );
  });

  it('168: an unknown trace is RESOURCE_DOES_NOT_EXIST, not a missing route', async () => {
    await assert.rejects(storeAt(server).getTrace('tr-00000000000000000000000000000000'), {
      errorCode: 'RESOURCE_DOES_NOT_EXIST',
    });
    await assert.rejects(storeAt(server).getTrace('../../etc'), { errorCode: 'INVALID_PARAMETER_VALUE' });
  });

  it('sends the search body MLflow expects', async () => {
    await storeAt(server).searchTraces({ experimentId: '1', maxResults: 10, filter: "trace.status = 'OK'" });
    const sent = server.received.filter((r) => r.path === '/api/3.0/mlflow/traces/search').at(-1);
    assert.deepEqual(JSON.parse(sent?.body ?? ''), {
      locations: [{ type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: '1' } }],
      filter: "trace.status = 'OK'",
      max_results: 10,
    });
  });
});

describe('RestTraceStore against the replayed 3.11.1 file-store server', () => {
  const recorded = loadTraceExchanges('rest-filestore');
  const local = new FileTraceStore(path.join(SHARED_3, 'mlruns'), {
    artifactsDestination: path.join(SHARED_3, 'mlruns-served-artifacts'),
  });
  let server: ScriptedServer;
  before(async () => {
    server = await startReplayServer([...recorded, ...derivedInfoAnswers(recorded)]);
  });
  after(() => server.close());

  it('007, 010: traces/get answers 501, so the spans come from get-trace-artifact; the same trace as mlruns/ gives', async () => {
    const store = storeAt(server);
    const id = 'tr-30994ba2cbeddcd68e7b19f299ffe882';
    assert.equal(traceExchange('rest-filestore', '007').status, 501);
    assert.deepEqual(await store.getTrace(id), await local.getTrace(id));
    assert.deepEqual(
      server.received.map((r) => r.path),
      [
        '/api/3.0/mlflow/traces/get',
        `/api/3.0/mlflow/traces/${id}`,
        '/ajax-api/3.0/mlflow/get-trace-artifact',
      ],
    );
    // Remembered: the next read skips traces/get.
    server.received.length = 0;
    const failed = await store.getTrace('tr-ab308d9a9378ceb4427e4c540da75235');
    assert.equal(failed.info.state, 'ERROR');
    assert.ok(!server.received.some((r) => r.path.endsWith('/traces/get')));
    assert.deepEqual(failed, await local.getTrace('tr-ab308d9a9378ceb4427e4c540da75235'));
  });

  it('008, 009: the batch routes answer 501, so each trace is read alone', async () => {
    const ids = at(traceExchange('rest-filestore', '009').body, 'trace_ids') as readonly string[];
    assert.deepEqual(await storeAt(server).batchGetTraceInfos(ids), await local.batchGetTraceInfos(ids));
    assert.deepEqual(
      await storeAt(server).batchGetTraces(['tr-30994ba2cbeddcd68e7b19f299ffe882']),
      await local.batchGetTraces(['tr-30994ba2cbeddcd68e7b19f299ffe882']),
    );
  });

  for (const e of recordedSearches(recorded)) {
    it(`${e.file}: the same page as the server, and as mlruns/ read directly`, async () => {
      const r = requestOf(e);
      const remote = page(await storeAt(server).searchTraces(r));
      assert.deepEqual(remote, recordedPage(e));
      assert.deepEqual(remote, page(await local.searchTraces(r)));
    });
  }

  it('005: span filters are refused by the file-store server too', async () => {
    const r = requestOf(traceExchange('rest-filestore', '005'));
    await assert.rejects(storeAt(server).searchTraces(r), isRefusal);
  });
});

describe('RestTraceStore feature detection', () => {
  let server: ScriptedServer;
  before(async () => {
    server = await startScriptedServer();
  });
  after(() => server.close());

  it('a 2.x server (v2 routes only) is read through them into the same entities', async () => {
    const rest = loadTraceExchanges('rest');
    const v2Only = rest.filter(
      (e) => e.path.startsWith('/api/2.0/mlflow/traces') || e.path.startsWith('/ajax-api/2.0/'),
    );
    const replay = await startReplayServer([...v2Only, ...derivedInfoAnswers(v2Only)]);
    try {
      const store = storeAt(replay);
      const e = traceExchange('rest', '047');
      const got = page(await store.searchTraces({ experimentId: '1', maxResults: 3 }));
      assert.equal(store.detectedApi, 'v2');
      assert.deepEqual(
        got.items,
        (at(e.json, 'traces') as readonly []).map((t) => parseTraceInfoV2(t)),
      );
      assert.equal(got.nextPageToken, at(e.json, 'next_page_token'));
      const filtered = traceExchange('rest', '048');
      assert.deepEqual(
        page(
          await store.searchTraces({
            experimentId: '1',
            maxResults: 3,
            filter: "status = 'ERROR'",
            orderBy: ['timestamp_ms DESC'],
          }),
        ).items,
        (at(filtered.json, 'traces') as readonly []).map((t) => parseTraceInfoV2(t)),
      );
      // The error trace: v2 info, spans from the 2.0 artifact route (070).
      const trace = await store.getTrace('tr-f73be9a00575257de08694e2c271d08a');
      assert.equal(trace.info.state, 'ERROR');
      assert.deepEqual(trace.spans, sortSpans(parseTraceDataJson(traceExchange('rest', '070').text)));
      assert.ok(trace.spans.some((s) => s.statusCode === 'ERROR'));
      // 056 and 171: one v2 info, and an unknown id.
      assert.deepEqual(
        await store.getTraceInfo('tr-34fab7e8213ba81c2cabe100e3b4e191'),
        parseTraceInfoV2(at(traceExchange('rest', '056').json, 'trace_info')),
      );
      await assert.rejects(store.getTraceInfo('tr-00000000000000000000000000000000'), {
        errorCode: 'RESOURCE_DOES_NOT_EXIST',
      });
    } finally {
      await replay.close();
    }
  });

  it('MLflow 2.8 (Flask HTML 404 everywhere) has no traces: a typed answer, not an error', async () => {
    server.script({
      status: 404,
      contentType: 'text/html; charset=utf-8',
      body: '<!doctype html><title>404 Not Found</title>',
    });
    const store = storeAt(server);
    const result = await store.searchTraces({ experimentId: '0' });
    assert.ok(isNoTraces(result));
    assert.match(result.reason, /no trace API/);
    assert.equal(store.detectedApi, 'none');
    assert.deepEqual(
      server.received.map((r) => `${r.method} ${r.path}`),
      ['POST /api/3.0/mlflow/traces/search', 'GET /api/2.0/mlflow/traces'],
    );
    assert.ok(isNoTraces(await store.searchTraces({ experimentId: '0' })));
    await assert.rejects(store.getTraceInfo('tr-00000000000000000000000000000000'), { kind: 'unsupported' });
  });

  it('Azure ML (JSON 404s without an MLflow error code) has no traces either', async () => {
    server.script({ status: 404, body: '{"error":{"code":"UserError","message":"Route not found"}}' });
    assert.ok(isNoTraces(await storeAt(server).searchTraces({ experimentId: '0' })));
  });

  it('a trace whose spans are not in the tracking store (logged by 2.x) gets them from get-trace-artifact', async () => {
    const info = at(traceExchange('rest', '049').json, 'trace', 'trace_info');
    const tags = { ...(at(info, 'tags') as object) } as Record<string, unknown>;
    delete tags['mlflow.trace.spansLocation'];
    const artifact = traceExchange('rest', '069');
    server.script((req) =>
      req.path === '/api/3.0/mlflow/traces/get'
        ? {
            status: 200,
            body: losslessStringify({ trace: { trace_info: { ...(info as object), tags } as LosslessJson } }),
          }
        : req.path === '/ajax-api/3.0/mlflow/get-trace-artifact'
          ? { status: 200, contentType: 'text/plain', body: artifact.text }
          : { status: 404, contentType: 'text/html', body: '<!doctype html>' },
    );
    const trace = await storeAt(server).getTrace('tr-34fab7e8213ba81c2cabe100e3b4e191');
    assert.equal(trace.spans.length, 8);
    assert.deepEqual(trace.spans, sortSpans(parseTraceDataJson(artifact.text)));
    assert.equal(trace.spans.find((sp) => sp.parentSpanId === undefined)?.startTimeNs, 1796161527968951086n);
  });

  it('172: a trace whose artifact is gone is RESOURCE_DOES_NOT_EXIST from get-trace-artifact', async () => {
    const missing = traceExchange('rest', '172');
    const info = at(traceExchange('rest-filestore', '006').json, 'trace');
    server.script((req) =>
      req.path === '/api/3.0/mlflow/traces/get'
        ? { status: 501, body: '{"error_code":"NOT_IMPLEMENTED","message":""}' }
        : req.path.startsWith('/api/3.0/mlflow/traces/tr-')
          ? { status: 200, body: losslessStringify({ trace: info ?? null }) }
          : { status: missing.status, body: missing.text },
    );
    await assert.rejects(storeAt(server).getTrace('tr-30994ba2cbeddcd68e7b19f299ffe882'), {
      errorCode: 'RESOURCE_DOES_NOT_EXIST',
      status: 404,
    });
  });

  it('a real error on the v3 route is not mistaken for a missing one', async () => {
    server.script({ status: 500, body: '{"error_code":"INTERNAL_ERROR","message":"boom"}' });
    await assert.rejects(storeAt(server).searchTraces({ experimentId: '0' }), {
      errorCode: 'INTERNAL_ERROR',
    });
  });
});
