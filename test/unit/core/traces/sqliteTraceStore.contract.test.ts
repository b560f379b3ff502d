import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTraceStore } from '../../../../src/core/traces/sqlite/sqliteTraceStore';
import { loadTraceExchanges, SHARED_3, traceExchange } from '../../../support/mlflow/traceFixtures';
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

/** Filters only a server with a database evaluates (spans, assessments, prompts, full text). */
const SERVER_ONLY = /^(span\.|feedback\.|expectation\.|trace\.text|prompt)/;

describe('SqliteTraceStore over the recorded 3.11.1 mlflow.db answers what its server answered', () => {
  let db: SqliteDatabase;
  let store: SqliteTraceStore;
  const rest = loadTraceExchanges('rest');

  before(async () => {
    db = await SqliteDatabase.open(path.join(SHARED_3, 'sqlite/mlflow.db'));
    store = new SqliteTraceStore(db);
  });
  after(() => {
    db.close();
  });

  it('covers the recorded searches', () => {
    assert.ok(recordedSearches(rest).length >= 30);
  });

  for (const e of recordedSearches(rest)) {
    const r = requestOf(e);
    it(`${e.file}: ${r.filter ?? ''} ${(r.orderBy ?? []).join(',')}`.trim(), async () => {
      if (r.filter !== undefined && SERVER_ONLY.test(r.filter)) {
        await assert.rejects(
          store.searchTraces(r),
          (err) => isRefusal(err) && /local store/.test(String(err)),
        );
        return;
      }
      assert.deepEqual(page(await store.searchTraces(r)), recordedPage(e));
    });
  }

  for (const { file, trace } of recordedFullTraces(rest)) {
    it(`${file}: the same trace, spans and assessments as traces/get`, async () => {
      assert.deepEqual(await store.getTrace(trace.info.traceId), trace);
    });
  }

  it('answers batchGet and batchGetInfos as the server did, unknown ids left out', async () => {
    const batch = traceExchange('rest', '067');
    const ids = batch.query.map(([, v]) => v);
    const expected = (at(batch.json, 'traces') as readonly []).map((t) => recordedTrace(t));
    assert.deepEqual(await store.batchGetTraces([...ids, 'tr-00000000000000000000000000000000']), expected);
    const infos = traceExchange('rest', '068');
    const infoIds = at(infos.body, 'trace_ids') as readonly string[];
    assert.deepEqual(
      await store.batchGetTraceInfos(infoIds),
      (at(infos.json, 'trace_infos') as readonly []).map((t) => recordedTrace({ trace_info: t }).info),
    );
  });

  it('reads every one of the 43 traces with exact nanoseconds', async () => {
    const all = page(await store.searchTraces({ experimentId: '1', maxResults: 500 })).items;
    assert.equal(all.length, 43);
    const traces = await store.batchGetTraces(all.map((t) => t.traceId));
    assert.equal(
      traces.reduce((n, t) => n + t.spans.length, 0),
      471,
    );
    const many = traces.find((t) => t.spans.length === 211);
    assert.equal(many?.info.name, 'reindex_knowledge_base');
    const row = db.all("SELECT content FROM spans WHERE span_id = '56b039472d99c21d'")[0];
    assert.match(String(row?.content), /"start_time_unix_nano": 1796161518727476006,/);
    const plan = traces.flatMap((t) => t.spans).find((s) => s.spanId === '56b039472d99c21d');
    assert.equal(plan?.startTimeNs, 1796161518727476006n);
  });

  it('refuses what the server refuses: unknown keys, OR, bad order_by, max_results over 500, bad tokens', async () => {
    for (const r of [
      { filter: "trace.foo = 'bar'" },
      { filter: "trace.status = 'OK' OR trace.status = 'ERROR'" },
      { filter: "trace.status >>> 'OK'" },
      { orderBy: ['sideways DESC'] },
      { maxResults: 1000 },
      { pageToken: 'garbage' },
    ]) {
      await assert.rejects(store.searchTraces({ experimentId: '1', ...r }), isRefusal, JSON.stringify(r));
    }
  });

  it('answers an unknown trace as the server does', async () => {
    await assert.rejects(store.getTraceInfo('tr-00000000000000000000000000000000'), {
      errorCode: 'RESOURCE_DOES_NOT_EXIST',
    });
    assert.deepEqual(page(await store.searchTraces({ experimentId: '3' })), {
      items: [],
      nextPageToken: undefined,
    });
  });
});
