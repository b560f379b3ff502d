import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { chatTurns, spanPayload } from '../../../../src/core/traceDetail/chatTurns';
import { firstLook, nsToMs, spanRows } from '../../../../src/core/traceDetail/spanTree';
import { traceDetailModel } from '../../../../src/core/traceDetail/traceDetailModel';
import type { Span } from '../../../../src/core/traces/entities/span';
import { SqliteTraceStore } from '../../../../src/core/traces/sqlite/sqliteTraceStore';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { SHARED_3 } from '../../../support/mlflow/traceFixtures';

// Beyond 2^53: a number would round these; the model must subtract them as bigint.
const T0 = 1_796_000_000_123_456_789n;

function span(id: string, parent: string | undefined, startMs: number, endMs: number | undefined): Span {
  const at = (ms: number): bigint => T0 + BigInt(ms * 1000) * 1000n;
  return {
    spanId: id.padStart(16, '0'),
    parentSpanId: parent?.padStart(16, '0'),
    name: `s${id}`,
    type: id === '1' ? 'AGENT' : undefined,
    statusCode: id === '4' ? 'ERROR' : 'OK',
    statusMessage: '',
    startTimeNs: at(startMs),
    endTimeNs: endMs === undefined ? undefined : at(endMs),
    attributes: {},
    inputs: undefined,
    outputs: undefined,
    events: [],
  };
}

describe('trace detail model: span tree, timeline, chat messages', () => {
  it('orders spans as a tree (parent before children, siblings by start) with their depth', () => {
    // Sorted by start, as stores give them: 1 (root) → 2 → 3; 1 → 4; 5 has a missing parent.
    const spans = [span('1', undefined, 0, 100), span('2', '1', 10, 50), span('4', '1', 20, 90)];
    spans.push(span('3', '2', 30, 40), span('5', 'ffff', 60, undefined));
    const rows = spanRows(spans);
    assert.deepEqual(
      rows.map((r) => [r.name, r.depth, r.childCount]),
      [
        ['s1', 0, 2],
        ['s2', 1, 1],
        ['s3', 2, 0],
        ['s4', 1, 0],
        ['s5', 0, 0],
      ],
    );
    assert.equal(rows[0]?.type, 'AGENT');
    assert.equal(rows[1]?.type, 'UNKNOWN');
    assert.equal(rows.find((r) => r.name === 's4')?.statusCode, 'ERROR');
    assert.equal(firstLook(rows), 3, 'the failed span is looked at first');
  });

  it('looks first at where the first error started, not at the ancestors it propagated to', () => {
    const failed = (depth: number, statusCode: 'OK' | 'ERROR') => ({
      spanId: String(depth),
      depth,
      name: '',
      type: 'UNKNOWN',
      statusCode,
      durationMs: 1,
      offset: 0,
      width: 0,
      childCount: 0,
    });
    assert.equal(firstLook([failed(0, 'ERROR'), failed(1, 'OK'), failed(1, 'ERROR'), failed(2, 'ERROR')]), 3);
    assert.equal(firstLook([failed(0, 'ERROR'), failed(1, 'OK')]), 0);
    assert.equal(firstLook([failed(0, 'OK'), failed(1, 'OK')]), 0);
    assert.equal(firstLook([]), 0);
  });

  it('computes timeline offsets and widths from exact bigint nanoseconds', () => {
    const rows = spanRows([
      span('1', undefined, 0, 200),
      span('2', '1', 50, 150),
      span('3', '1', 100, undefined),
    ]);
    assert.deepEqual(
      rows.map((r) => [r.offset, r.width, r.durationMs]),
      [
        [0, 1, 200],
        [0.25, 0.5, 100],
        [0.5, 0, undefined],
      ],
    );
    assert.equal(nsToMs(1_234_567n), 1.234);
  });

  it('reads chat messages as role and text, and leaves other JSON as it is', () => {
    assert.deepEqual(
      chatTurns([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        { role: 'assistant', content: null, tool_calls: [{ function: { name: 'f', arguments: '{}' } }] },
      ]),
      [
        { role: 'system', text: 'Be brief.' },
        { role: 'user', text: 'Hi' },
        { role: 'assistant', text: '→ f({})' },
      ],
    );
    assert.equal(chatTurns([{ role: 'user', content: 3 }]), undefined);
    assert.equal(chatTurns([{ content: 'x' }]), undefined);
    const inputs = spanPayload({ messages: [{ role: 'user', content: 'q' }], temperature: 0 });
    assert.deepEqual(inputs, {
      kind: 'chat',
      turns: [{ role: 'user', text: 'q' }],
      rest: { temperature: 0 },
    });
    const completion = spanPayload({ choices: [{ message: { role: 'assistant', content: 'a' } }] });
    assert.deepEqual(completion, {
      kind: 'chat',
      turns: [{ role: 'assistant', text: 'a' }],
      rest: undefined,
    });
    assert.deepEqual(spanPayload({ query: 'q' }), { kind: 'json', value: { query: 'q' } });
    assert.equal(spanPayload(undefined), undefined);
  });

  describe('over the recorded 3.11.1 mlflow.db', () => {
    let db: SqliteDatabase;
    let store: SqliteTraceStore;
    before(async () => {
      db = await SqliteDatabase.open(path.join(SHARED_3, 'sqlite/mlflow.db'));
      store = new SqliteTraceStore(db);
    });
    after(() => {
      db.close();
    });

    it('the 211-span trace: every span once, root first, three levels, bars inside the trace', async () => {
      const m = traceDetailModel(await store.getTrace('tr-c2e32c06106cfeedb6970f34b44aede0'));
      assert.equal(m.name, 'reindex_knowledge_base');
      assert.equal(m.spans.length, 211);
      assert.equal(m.details.length, 211);
      assert.equal(new Set(m.spans.map((r) => r.spanId)).size, 211);
      assert.equal(m.spans[0]?.depth, 0);
      assert.deepEqual([...new Set(m.spans.map((r) => r.depth))].sort(), [0, 1, 2]);
      for (const r of m.spans) {
        assert.ok(r.offset >= 0 && r.offset + r.width <= 1.000001, `${r.name}: ${String(r.offset)}`);
      }
    });

    it('the ERROR trace: its failed TOOL span carries the KeyError exception event', async () => {
      const m = traceDetailModel(await store.getTrace('tr-f73be9a00575257de08694e2c271d08a'));
      assert.equal(m.state, 'ERROR');
      const i = m.spans.findIndex((r) => r.statusCode === 'ERROR' && r.type === 'TOOL');
      assert.ok(i >= 0);
      assert.equal(m.initialSpan, i, 'the panel opens on the TOOL span that raised');
      const exception = m.details[i]?.events.find((e) => e.exception)?.exception;
      assert.equal(exception?.type, 'KeyError');
      assert.ok((exception.stackTrace ?? '').includes('Traceback'));
    });

    it('an agent trace: a CHAT_MODEL span reads as a conversation; its assessments are listed', async () => {
      const m = traceDetailModel(await store.getTrace('tr-62271419f50102fb4152e17dcc52f6c6'));
      const i = m.spans.findIndex((r) => r.type === 'CHAT_MODEL');
      assert.ok(i >= 0, m.spans.map((r) => r.type).join());
      assert.equal(m.details[i]?.inputs?.kind, 'chat');
      assert.ok(m.assessments.some((a) => a.name === 'user_satisfaction'));
      assert.ok(m.facts.some((f) => f.label === 'Tokens'));
    });

    it('assessments: source type and id, overridden and overriding marked, expectations decoded, errors, span-level', async () => {
      const m = traceDetailModel(await store.getTrace('tr-54837b8bfde1ec40cccdbbb74819d1bf'));
      const judge = m.assessments.find((a) => a.name === 'relevance' && a.sourceType === 'LLM_JUDGE');
      assert.deepEqual(
        judge && { id: judge.assessmentId, by: judge.sourceId, value: judge.value, valid: judge.valid },
        { id: 'a-4d26c1050990493089d0a698198c5d78', by: 'openai:/gpt-4o-mini', value: '0.7', valid: false },
      );
      const human = m.assessments.find((a) => a.name === 'relevance' && a.sourceType === 'HUMAN');
      assert.equal(human?.sourceId, 'bob@example.com');
      assert.equal(human.overrides, true);
      assert.equal(human.valid, true);
      const guidelines = m.assessments.find((a) => a.name === 'guidelines');
      assert.equal(guidelines?.kind, 'expectation');
      assert.equal(guidelines.value, '{"must":["be polite"],"must_not":["promise dates"]}');
      const failed = traceDetailModel(await store.getTrace('tr-72922d3401b261bde2185252c062ed39'));
      const groundedness = failed.assessments.find((a) => a.name === 'groundedness');
      assert.equal(groundedness?.value, '');
      assert.ok((groundedness.error ?? '').length > 0);
      // A scorer's string "yes" reads as a word; a span-level one is listed under its span only.
      const evaluated = traceDetailModel(await store.getTrace('tr-0c030a296680e520f030e16a6cfe5742'));
      const i = evaluated.spans.findIndex((r) => r.spanId === '820f6388d1108711');
      const onSpan = evaluated.details[i]?.assessments ?? [];
      assert.equal(onSpan.find((a) => a.name === 'mentions_source')?.value, 'yes');
      assert.equal(onSpan.find((a) => a.name === 'mentions_source')?.sourceId, 'default');
      assert.ok(!evaluated.assessments.some((a) => a.name === 'mentions_source'));
    });
  });
});
