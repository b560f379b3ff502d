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

  for (const e of rest.filter(
    (x) => /^\/api\/3\.0\/mlflow\/traces\/tr-[0-9a-f]{32}$/.test(x.path) && x.status === 200,
  )) {
    it(`${e.file}: the same trace info, assessments included`, async () => {
      const info = recordedTrace(at(e.json, 'trace')).info;
      assert.deepEqual(await store.getTraceInfo(info.traceId), info);
    });
  }

  for (const e of rest.filter((x) => /\/assessments\/a-/.test(x.path) && x.status === 200)) {
    it(`${e.file}: the assessment as the server answers it alone`, async () => {
      const [expected] = recordedTrace({
        trace_info: {
          ...(at(traceExchange('rest', '049').json, 'trace', 'trace_info') as object),
          assessments: [at(e.json, 'assessment') ?? null],
        },
      }).info.assessments;
      assert.ok(expected !== undefined);
      const info = await store.getTraceInfo(expected.traceId);
      assert.deepEqual(
        info.assessments.find((a) => a.assessmentId === expected.assessmentId),
        expected,
      );
    });
  }

  it('keeps the override pair, the judge error, span-level and serialized values', async () => {
    const over = await store.getTraceInfo('tr-54837b8bfde1ec40cccdbbb74819d1bf');
    const old = over.assessments.find((a) => a.assessmentId === 'a-4d26c1050990493089d0a698198c5d78');
    const replacing = over.assessments.find((a) => a.assessmentId === 'a-b4f294ef1bf6464d814aa3d76caf66da');
    assert.equal(old?.valid, false);
    assert.ok(replacing !== undefined);
    assert.equal(replacing.overrides, 'a-4d26c1050990493089d0a698198c5d78');
    assert.equal(replacing.valid, true);
    const failed = (await store.getTraceInfo('tr-72922d3401b261bde2185252c062ed39')).assessments.find(
      (a) => a.assessmentId === 'a-e265439276a4434ea6f155165c7b3ff6',
    );
    assert.deepEqual([failed?.value, failed?.error?.code], [null, 'TIMEOUT']);
    const listed = (await store.getTraceInfo('tr-62271419f50102fb4152e17dcc52f6c6')).assessments.find(
      (a) => a.assessmentId === 'a-9655220d337e454db5ce6c6706a0f024',
    );
    assert.deepEqual(listed?.value, ['refunds within 14 days', 'items must be unused']);
  });

  it('keeps unicode, RTL, emoji, markup and markdown inputs exactly', async () => {
    const expected: Record<string, string> = {
      'tr-5bf8e65c98a30f16e8840ede29891e87': '注文番号 55512340 の配送状況を教えてください 📦',
      'tr-3190abd90dc6f7d1bba7c640b048cd39': 'مرحبا، هل يمكنني تتبع طلبي؟ رقم الطلب 12121212',
      'tr-333a6ef8cd1066f986784f48ea8d93bf':
        "<b>URGENT</b>: my order <script>alert('x')</script> 77700011 is <i>missing</i> & I'm upset!!",
      'tr-b166ee6b17d233777a7b2d6f2b62b6a8':
        'Explain the warranty in **markdown** with a table | col | col |\n```\ncode block\n```',
    };
    for (const [id, question] of Object.entries(expected)) {
      const trace = await store.getTrace(id);
      const root = trace.spans.find((sp) => sp.parentSpanId === undefined);
      const inputs = root?.inputs;
      assert.ok(inputs !== null && typeof inputs === 'object' && !Array.isArray(inputs), id);
      assert.equal((inputs as Readonly<Record<string, unknown>>).question, question, id);
      // The preview is JSON text: the question appears escaped as JSON writes it.
      assert.ok(trace.info.requestPreview?.includes(JSON.stringify(question).slice(1, -1)), id);
    }
  });

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
