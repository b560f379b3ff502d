import * as assert from 'node:assert/strict';
import { sortSpans, type Span } from '../../../../src/core/traces/entities/span';
import {
  isJsonObject,
  parseLosslessJson,
  toJsonValue,
  type LosslessJson,
} from '../../../../src/core/traces/parse/losslessJson';
import { parseMlflowSpan, parseTraceDataJson } from '../../../../src/core/traces/parse/parseMlflowSpan';
import { parseOtlpSpan } from '../../../../src/core/traces/parse/parseOtlpSpan';
import { parseTraceInfoV2, parseTraceInfoV3 } from '../../../../src/core/traces/parse/parseTraceInfo';
import { spanIdHex } from '../../../../src/core/traces/parse/spanId';
import { durationMs } from '../../../../src/core/traces/parse/traceTimes';
import { traceExchange, type TraceExchange } from '../../../support/mlflow/traceFixtures';

function field(v: LosslessJson | undefined, ...keys: string[]): LosslessJson | undefined {
  let cur = v;
  for (const k of keys) {
    cur = isJsonObject(cur) ? cur[k] : undefined;
  }
  return cur;
}

function otlpSpans(e: TraceExchange): Span[] {
  const spans = field(e.json, 'trace', 'spans');
  assert.ok(Array.isArray(spans));
  return sortSpans(spans.map((s: LosslessJson) => parseOtlpSpan(s)));
}

describe('trace parsing (MLflow 3.11.1 recordings)', () => {
  describe('lossless JSON', () => {
    it('reads span nanoseconds exactly where JSON.parse rounds them', () => {
      const e = traceExchange('rest', '057');
      const spans = otlpSpans(e);
      const root = spans.find((s) => s.parentSpanId === undefined);
      assert.ok(root !== undefined);
      assert.equal(root.startTimeNs, 1796161527968951086n);
      assert.equal(root.endTimeNs, 1796161529205930061n);
      // What JSON.parse would have made of the same literal:
      assert.notEqual(BigInt(Number('1796161527968951086')), 1796161527968951086n);
      const rounded = JSON.parse(e.text) as { trace: { spans: Array<{ start_time_unix_nano: number }> } };
      assert.ok(rounded.trace.spans.every((s) => BigInt(s.start_time_unix_nano) % 64n === 0n));
    });

    it('keeps digits inside strings, escapes, unicode and __proto__ keys as data', () => {
      const v = parseLosslessJson(
        '{"a":"1796161527968951086 \\" \\u6ce8\\u6587 \\ud83d\\ude00","__proto__":{"x":1},"n":[-0.5,1e3,12345678901234567890,-9007199254740993]}',
      );
      assert.ok(isJsonObject(v));
      assert.equal(v.a, '1796161527968951086 " 注文 😀');
      assert.equal(Object.getPrototypeOf(v), Object.prototype);
      assert.deepEqual(Object.keys(v), ['a', '__proto__', 'n']);
      assert.deepEqual(v.n, [-0.5, 1000, 12345678901234567890n, -9007199254740993n]);
      assert.deepEqual(toJsonValue(v.n), [-0.5, 1000, 12345678901234567000, -9007199254740992]);
    });

    it('refuses bad JSON, trailing text and hostile nesting with an invalid-response error', () => {
      for (const text of ['{"a":1', '{"a":1} x', '[1,]', '"\u0001"', 'NaN', '['.repeat(10_000)]) {
        assert.throws(() => parseLosslessJson(text), { name: 'StoreError', kind: 'invalid-response' });
      }
    });
  });

  it('turns base64 span ids into the 16 hex digits sqlite and assessments use', () => {
    assert.equal(spanIdHex('aTaSi+OehmE='), '6936928be39e8661');
    assert.equal(spanIdHex('C459B0B814B59670'), 'c459b0b814b59670');
    assert.throws(() => spanIdHex('not an id'), { kind: 'invalid-response' });
  });

  it('reads protobuf durations from their digits', () => {
    assert.equal(durationMs('1.236s', 'd'), 1236);
    assert.equal(durationMs('7s', 'd'), 7000);
    assert.equal(durationMs('0.000500s', 'd'), 1);
    assert.equal(durationMs(undefined, 'd'), undefined);
    assert.throws(() => durationMs('12', 'd'), { kind: 'invalid-response' });
  });

  describe('OTLP (traces/get) and span JSON (get-trace-artifact) give the same spans', () => {
    for (const [otlp, artifact, what] of [
      ['057', '069', 'an agent trace'],
      ['058', null, 'the error trace'],
      ['059', '073', 'the retried tool with streaming events'],
      ['060', '071', 'the 211-span trace'],
      ['061', '072', 'the ~220 KB output'],
    ] as const) {
      it(what, () => {
        const fromOtlp = otlpSpans(traceExchange('rest', otlp));
        assert.ok(fromOtlp.length > 0);
        if (artifact !== null) {
          const fromJson = sortSpans(parseTraceDataJson(traceExchange('rest', artifact).text));
          assert.deepEqual(fromJson, fromOtlp);
        }
      });
    }

    it('decodes the error span: status, message and the exception event', () => {
      const spans = otlpSpans(traceExchange('rest', '058'));
      const failed = spans.filter((s) => s.statusCode === 'ERROR');
      assert.ok(failed.length > 0);
      const tool = failed.find((s) => s.type === 'TOOL');
      assert.ok(tool !== undefined);
      assert.equal(tool.statusMessage, "KeyError: 'order 00000000 not found'");
      const ex = tool.events.find((e) => e.name === 'exception');
      assert.ok(ex !== undefined);
      assert.equal(ex.attributes['exception.type'], 'KeyError');
      assert.equal(typeof ex.timeNs, 'bigint');
    });

    it('has 211 spans, one root, every parent present', () => {
      const spans = otlpSpans(traceExchange('rest', '060'));
      assert.equal(spans.length, 211);
      const ids = new Set(spans.map((s) => s.spanId));
      assert.equal(spans.filter((s) => s.parentSpanId === undefined).length, 1);
      assert.ok(spans.every((s) => s.parentSpanId === undefined || ids.has(s.parentSpanId)));
    });

    it('keeps the large output whole', () => {
      const spans = otlpSpans(traceExchange('rest', '061'));
      const size = spans.reduce((n, s) => n + JSON.stringify(s.outputs ?? null).length, 0);
      assert.ok(size > 150_000, String(size));
    });

    it('decodes typed values: ints, doubles, lists, nested maps, token usage', () => {
      const spans = otlpSpans(traceExchange('rest', '057'));
      const embed = spans.find((s) => s.type === 'EMBEDDING');
      assert.ok(embed !== undefined);
      assert.equal(embed.attributes['embedding.dimensions'], 1536);
      assert.ok(isJsonObject(embed.outputs));
      const chat = spans.find((s) => s.type === 'CHAT_MODEL');
      const usage = chat?.attributes['mlflow.chat.tokenUsage'];
      assert.ok(isJsonObject(usage));
      assert.equal(typeof (usage as Record<string, unknown>).input_tokens, 'number');
    });
  });

  it('reads a span JSON row as sqlite stores it', () => {
    const span = parseMlflowSpan(
      parseLosslessJson(
        '{"trace_id":"x","span_id":"VrA5Ry2Zwh0=","parent_span_id":"ePa1n0WQ9TE=","name":"plan","start_time_unix_nano":1796161518727476006,"end_time_unix_nano":null,"events":[],"status":{"code":"STATUS_CODE_OK","message":""},"attributes":{"mlflow.spanType":"\\"CHAIN\\"","raw":"not json"}}',
      ),
    );
    assert.equal(span.spanId, '56b039472d99c21d');
    assert.equal(span.parentSpanId, '78f6b59f4590f531');
    assert.equal(span.type, 'CHAIN');
    assert.equal(span.startTimeNs, 1796161518727476006n);
    assert.equal(span.endTimeNs, undefined);
    assert.equal(span.attributes.raw, 'not json');
  });

  it('reads v3 and v2 trace infos into the same fields', () => {
    const v3 = parseTraceInfoV3(field(traceExchange('rest', '049').json, 'trace', 'trace_info'));
    const v2 = parseTraceInfoV2(field(traceExchange('rest', '056').json, 'trace_info'));
    assert.equal(v3.traceId, 'tr-34fab7e8213ba81c2cabe100e3b4e191');
    assert.equal(v3.experimentId, '1');
    assert.equal(v3.requestTimeMs, Date.parse('2026-12-01T21:45:27.968Z'));
    assert.equal(v3.executionDurationMs, 1236);
    assert.equal(v3.state, 'OK');
    assert.equal(v3.name, 'support_agent');
    assert.deepEqual(v3.tokenUsage, {
      inputTokens: 254,
      outputTokens: 35,
      totalTokens: 289,
      cacheReadInputTokens: undefined,
    });
    assert.equal(v3.cost?.totalCost, 5.909999999999999e-5);
    assert.equal(v3.sessionId, 'sess-c04e12');
    assert.equal(v3.userId, 'bob@example.com');
    assert.equal(v3.assessments.length, 4);
    assert.equal(v3.assessments.find((a) => a.name === 'retrieval_quality')?.spanId, 'c459b0b814b59670');
    assert.deepEqual(
      {
        ...v2,
        requestPreview: v3.requestPreview,
        responsePreview: v3.responsePreview,
        assessments: v3.assessments,
      },
      v3,
    );
  });

  it('reads a trace kept outside an experiment (a Databricks Unity Catalog schema) with no experiment id', () => {
    const info = field(traceExchange('rest', '049').json, 'trace', 'trace_info');
    const uc = parseTraceInfoV3({
      ...(info as object),
      trace_location: { type: 'UC_SCHEMA', uc_schema: { catalog_name: 'main', schema_name: 'agents' } },
    });
    assert.equal(uc.experimentId, '');
    assert.equal(uc.traceId, 'tr-34fab7e8213ba81c2cabe100e3b4e191');
  });

  it('reads linked prompts, source runs, model ids and the ERROR state', () => {
    const prompt = parseTraceInfoV3(field(traceExchange('rest', '054').json, 'trace', 'trace_info'));
    assert.deepEqual(prompt.linkedPrompts, [{ name: 'summarize-ticket', version: '2' }]);
    const inRun = parseTraceInfoV3(field(traceExchange('rest', '051').json, 'trace', 'trace_info'));
    assert.match(inRun.sourceRunId ?? '', /^[0-9a-f]{32}$/);
    const model = parseTraceInfoV3(field(traceExchange('rest', '052').json, 'trace', 'trace_info'));
    assert.match(model.modelId ?? '', /^m-[0-9a-f]{32}$/);
    const failed = parseTraceInfoV3(field(traceExchange('rest', '050').json, 'trace', 'trace_info'));
    assert.equal(failed.state, 'ERROR');
    assert.equal(failed.responsePreview, undefined);
  });

  it('reads assessments: override, error, serialized expectations', () => {
    const over = parseTraceInfoV3(field(traceExchange('rest', '055').json, 'trace', 'trace_info'));
    const replaced = over.assessments.find((a) => !a.valid);
    const replacing = over.assessments.find((a) => a.overrides !== undefined);
    assert.ok(replaced !== undefined && replacing !== undefined);
    assert.equal(replacing.overrides, replaced.assessmentId);
    const dict = over.assessments.find(
      (a) => a.kind === 'expectation' && isJsonObject(a.value as LosslessJson),
    );
    assert.ok(dict !== undefined, 'a dict expectation from serialized_value');
    const err = field(traceExchange('rest', '079').json, 'assessment');
    const withError = parseTraceInfoV3({
      ...(field(traceExchange('rest', '049').json, 'trace', 'trace_info') as object),
      assessments: [err],
    }).assessments[0];
    assert.ok(withError !== undefined);
    assert.equal(withError.value, null);
    assert.deepEqual(withError.error, {
      code: 'TIMEOUT',
      message: 'Judge call timed out after 30s',
      stackTrace: undefined,
    });
  });
});
