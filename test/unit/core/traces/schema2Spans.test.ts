import * as assert from 'node:assert/strict';
import { parseTraceDataJson } from '../../../../src/core/traces/parse/parseMlflowSpan';

// What a real MLflow 2.17.2 server's get-trace-artifact answered (2026-12-02) for a trace its own
// client logged: `@mlflow.trace` (CHAIN) around `mlflow.start_span` (TOOL). Trace schema 2.
const REAL_2_17_2 = String.raw`{"spans": [{"name": "answer", "context": {"span_id": "0x1002ff78eea6f94e", "trace_id": "0x9419233ef36e3dae3c58b3b3615ae7ba"}, "parent_id": null, "start_time": 1796223822251278776, "end_time": 1796223822251901691, "status_code": "OK", "status_message": "", "attributes": {"mlflow.traceRequestId": "\"2164ad087d4c4ab3ac3f745feb039ed2\"", "mlflow.spanType": "\"CHAIN\"", "mlflow.spanFunctionName": "\"answer\"", "mlflow.spanInputs": "{\"q\": \"question 2\"}", "mlflow.spanOutputs": "\"QUESTION 2\""}, "events": []}, {"name": "inner", "context": {"span_id": "0xc0795f58cba25eca", "trace_id": "0x9419233ef36e3dae3c58b3b3615ae7ba"}, "parent_id": "0x1002ff78eea6f94e", "start_time": 1796223822251735314, "end_time": 1796223822251861842, "status_code": "OK", "status_message": "", "attributes": {"mlflow.traceRequestId": "\"2164ad087d4c4ab3ac3f745feb039ed2\"", "mlflow.spanType": "\"TOOL\"", "mlflow.spanInputs": "{\"q\": \"question 2\"}", "mlflow.spanOutputs": "{\"a\": \"QUESTION 2\"}"}, "events": []}], "request": "{\"q\": \"question 2\"}", "response": "\"QUESTION 2\""}`;

describe('span JSON of trace schema 2 (MLflow 2.14-2.x)', () => {
  it('reads ids, parent, exact times, status and decoded attributes as schema 3 gives them', () => {
    const [root, inner] = parseTraceDataJson(REAL_2_17_2);
    assert.ok(root && inner);
    assert.equal(root.spanId, '1002ff78eea6f94e');
    assert.equal(root.parentSpanId, undefined);
    assert.equal(inner.parentSpanId, '1002ff78eea6f94e');
    assert.equal(inner.spanId, 'c0795f58cba25eca');
    // exact nanoseconds: JSON.parse would round this one
    assert.equal(root.startTimeNs, 1796223822251278776n);
    assert.notEqual(BigInt(Number('1796223822251278776')), 1796223822251278776n);
    assert.equal(root.endTimeNs, 1796223822251901691n);
    assert.equal(root.statusCode, 'OK');
    assert.equal(root.type, 'CHAIN');
    assert.equal(inner.type, 'TOOL');
    assert.deepEqual(inner.inputs, { q: 'question 2' });
    assert.deepEqual(inner.outputs, { a: 'QUESTION 2' });
  });

  it('takes an ERROR status and a span without end time', () => {
    const text = REAL_2_17_2.replace(
      '"status_code": "OK", "status_message": ""',
      '"status_code": "ERROR", "status_message": "KeyError: 1"',
    ).replace('"end_time": 1796223822251901691', '"end_time": null');
    const [root] = parseTraceDataJson(text);
    assert.ok(root);
    assert.equal(root.statusCode, 'ERROR');
    assert.equal(root.statusMessage, 'KeyError: 1');
    assert.equal(root.endTimeNs, undefined);
  });
});
