import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sortSpans } from '../../../../src/core/traces/entities/span';
import { FileTraceStore } from '../../../../src/core/traces/file/fileTraceStore';
import { parseTraceDataJson } from '../../../../src/core/traces/parse/parseMlflowSpan';
import { parseTraceInfoV2 } from '../../../../src/core/traces/parse/parseTraceInfo';
import { loadTraceExchanges, SHARED_3, traceExchange } from '../../../support/mlflow/traceFixtures';
import {
  at,
  isRefusal,
  page,
  recordedPage,
  recordedSearches,
  recordedTrace,
  requestOf,
} from './traceContract';

const FILE_EXPERIMENT = '373555521029276387';
const LOCAL_EXPERIMENT = '353228378486884700';

describe("FileTraceStore over the file-store server's mlruns/ answers what that server answered", () => {
  const store = new FileTraceStore(path.join(SHARED_3, 'mlruns'), {
    artifactsDestination: path.join(SHARED_3, 'mlruns-served-artifacts'),
  });
  const recorded = loadTraceExchanges('rest-filestore');

  for (const e of recordedSearches(recorded)) {
    it(`${e.file}: the same page`, async () => {
      assert.deepEqual(page(await store.searchTraces(requestOf(e))), recordedPage(e));
    });
  }

  it('006: the same trace info, assessments included', async () => {
    const info = recordedTrace(at(traceExchange('rest-filestore', '006').json, 'trace')).info;
    assert.deepEqual(await store.getTraceInfo(info.traceId), info);
    assert.equal(info.assessments.length, 2);
  });

  it('010, 011: the same spans as get-trace-artifact, the error trace with its exception', async () => {
    for (const [file, id] of [
      ['010', 'tr-30994ba2cbeddcd68e7b19f299ffe882'],
      ['011', 'tr-ab308d9a9378ceb4427e4c540da75235'],
    ] as const) {
      const expected = sortSpans(parseTraceDataJson(traceExchange('rest-filestore', file).text));
      const trace = await store.getTrace(id);
      assert.deepEqual(trace.spans, expected);
      assert.ok(trace.spans.length > 0);
    }
    const failed = await store.getTrace('tr-ab308d9a9378ceb4427e4c540da75235');
    assert.equal(failed.info.state, 'ERROR');
    assert.ok(failed.spans.some((s) => s.events.some((e) => e.name === 'exception')));
  });

  it('013: the v2 answer reads into the same entities, less what v2 leaves out', async () => {
    const v2 = (at(traceExchange('rest-filestore', '013').json, 'traces') as readonly []).map((t) =>
      parseTraceInfoV2(t),
    );
    const local = await store.batchGetTraceInfos(v2.map((t) => t.traceId));
    assert.deepEqual(
      // v2 has no previews, assessments or client request id.
      local.map((t) => ({
        ...t,
        requestPreview: undefined,
        responsePreview: undefined,
        clientRequestId: undefined,
        assessments: [],
      })),
      v2,
    );
  });

  it('refuses span filters as the file-store server does (005), with INVALID_PARAMETER_VALUE', async () => {
    assert.equal(traceExchange('rest-filestore', '005').status, 400);
    await assert.rejects(
      store.searchTraces({ experimentId: FILE_EXPERIMENT, filter: "span.name = 'lookup_order'" }),
      isRefusal,
    );
  });

  it('has all 13 traces, each with spans, newest first', async () => {
    const all = page(await store.searchTraces({ experimentId: FILE_EXPERIMENT, maxResults: 500 })).items;
    assert.equal(all.length, 13);
    const times = all.map((t) => t.requestTimeMs);
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
    const traces = await store.batchGetTraces(all.map((t) => t.traceId));
    assert.ok(traces.every((t) => t.spans.length > 0));
  });
});

describe('FileTraceStore over a client-written mlruns-local/', () => {
  const root = path.join(SHARED_3, 'mlruns-local');
  const store = new FileTraceStore(root);
  const ids = JSON.parse(fs.readFileSync(path.join(SHARED_3, 'ids/local-mlruns-v3.11.1.json'), 'utf8')) as {
    traces: {
      error: string;
      span_error_recovered_with_events: string;
      in_run: string;
      client_request_id: string;
    };
    assessments: { feedback: { trace_id: string; assessment_id: string } };
  };

  it("lists the 13 traces, pages them with MLflow's tokens, and reads their spans from artifacts/traces.json", async () => {
    const first = page(await store.searchTraces({ experimentId: LOCAL_EXPERIMENT, maxResults: 10 }));
    assert.equal(first.items.length, 10);
    assert.equal(first.nextPageToken, Buffer.from('{"offset": 10}').toString('base64'));
    const rest = page(
      await store.searchTraces({
        experimentId: LOCAL_EXPERIMENT,
        maxResults: 10,
        pageToken: first.nextPageToken,
      }),
    );
    assert.equal(rest.items.length, 3);
    assert.equal(rest.nextPageToken, undefined);
    const traces = await store.batchGetTraces([...first.items, ...rest.items].map((t) => t.traceId));
    assert.equal(traces.length, 13);
    assert.ok(traces.every((t) => t.spans.length > 0 && t.info.name !== undefined));
  });

  it('reads exact nanoseconds from traces.json', async () => {
    const trace = await store.getTrace(ids.traces.error);
    const text = fs.readFileSync(
      path.join(root, LOCAL_EXPERIMENT, 'traces', ids.traces.error, 'artifacts/traces.json'),
      'utf8',
    );
    const literal = /"start_time_unix_nano": (\d+)/.exec(text)?.[1] ?? '';
    assert.ok(!Number.isSafeInteger(Number(literal)));
    assert.ok(trace.spans.some((s) => s.startTimeNs === BigInt(literal)));
    assert.equal(trace.info.state, 'ERROR');
  });

  it('reads assessments, the source run, the client request id and streaming events', async () => {
    const withFeedback = await store.getTraceInfo(ids.assessments.feedback.trace_id);
    assert.ok(
      withFeedback.assessments.some((a) => a.assessmentId === ids.assessments.feedback.assessment_id),
    );
    assert.match((await store.getTraceInfo(ids.traces.in_run)).sourceRunId ?? '', /^[0-9a-f]{32}$/);
    assert.notEqual((await store.getTraceInfo(ids.traces.client_request_id)).clientRequestId, undefined);
    const events = await store.getTrace(ids.traces.span_error_recovered_with_events);
    assert.ok(events.spans.some((s) => s.events.some((e) => e.name.startsWith('mlflow.chunk.item.'))));
    assert.ok(events.spans.some((s) => s.statusCode === 'ERROR'));
    assert.equal(events.info.state, 'OK');
  });

  it('answers unknown and unsafe ids as not found, and an unknown experiment with an empty page', async () => {
    for (const id of ['tr-00000000000000000000000000000000', '../../etc', 'a/b']) {
      await assert.rejects(store.getTrace(id), { errorCode: 'RESOURCE_DOES_NOT_EXIST' });
    }
    assert.deepEqual(page(await store.searchTraces({ experimentId: '../..' })).items, []);
    assert.deepEqual(await store.batchGetTraceInfos(['tr-00000000000000000000000000000000']), []);
  });
});
