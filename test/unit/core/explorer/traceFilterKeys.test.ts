import * as assert from 'node:assert/strict';
import { completeKey } from '../../../../src/core/explorer/searchKeys';
import {
  groupBySession,
  traceFilterKey,
  traceFilterKeys,
  traceFilterProblem,
} from '../../../../src/core/explorer/traceFilterKeys';
import type { Assessment } from '../../../../src/core/traces/entities/assessment';
import type { TraceInfo } from '../../../../src/core/traces/entities/traceInfo';

function trace(id: string, over: Partial<TraceInfo> = {}): TraceInfo {
  return {
    traceId: id,
    experimentId: '1',
    requestTimeMs: 0,
    executionDurationMs: undefined,
    state: 'OK',
    name: undefined,
    requestPreview: undefined,
    responsePreview: undefined,
    clientRequestId: undefined,
    metadata: {},
    tags: {},
    tokenUsage: undefined,
    cost: undefined,
    sessionId: undefined,
    userId: undefined,
    sourceRunId: undefined,
    modelId: undefined,
    linkedPrompts: [],
    assessments: [],
    ...over,
  };
}

function assessment(name: string, kind: Assessment['kind']): Assessment {
  return {
    assessmentId: `a-${name}`,
    name,
    traceId: 't',
    spanId: undefined,
    kind,
    value: true,
    error: undefined,
    rationale: undefined,
    sourceType: 'HUMAN',
    sourceId: undefined,
    createTimeMs: 0,
    lastUpdateTimeMs: 0,
    metadata: {},
    overrides: undefined,
    valid: true,
  };
}

describe('traceFilterKeys: what the trace filter box completes', () => {
  it('backticks every key that is not one plain word, as the trace grammar needs', () => {
    assert.equal(traceFilterKey('tags', 'channel'), 'tags.channel');
    assert.equal(traceFilterKey('tags', 'agent.version'), 'tags.`agent.version`');
    assert.equal(traceFilterKey('metadata', 'mlflow.trace.session'), 'metadata.`mlflow.trace.session`');
    assert.equal(traceFilterKey('feedback', 'user satisfaction'), 'feedback.`user satisfaction`');
    assert.equal(traceFilterKey('tags', 'a`b'), 'tags.`ab`', 'a backtick in a key cannot close the quote');
  });

  it('offers the metadata, user tags and assessment names seen, then the attributes, each once', () => {
    const keys = traceFilterKeys([
      trace('t1', {
        metadata: { 'mlflow.trace.session': 's1', 'mlflow.sourceRun': 'r' },
        tags: { channel: 'web', 'agent.version': '1', 'mlflow.traceName': 'x' },
        assessments: [
          assessment('user_satisfaction', 'feedback'),
          assessment('expected_response', 'expectation'),
        ],
      }),
      trace('t2', { tags: { channel: 'email' }, assessments: [assessment('user_satisfaction', 'feedback')] }),
    ]);
    assert.deepEqual(keys, [
      'metadata.`mlflow.sourceRun`',
      'metadata.`mlflow.trace.session`',
      'metadata.`mlflow.trace.user`',
      'tags.`agent.version`',
      'tags.channel',
      'feedback.user_satisfaction',
      'expectation.expected_response',
      'trace.status',
      'trace.name',
      'trace.timestamp_ms',
      'trace.execution_time_ms',
      'trace.run_id',
      'trace.client_request_id',
      'trace.text',
      'span.name',
      'span.type',
      'span.status',
    ]);
  });

  it('offers session, user and the attributes before any trace is loaded', () => {
    const keys = traceFilterKeys([]);
    assert.ok(keys.includes('metadata.`mlflow.trace.session`'));
    assert.ok(keys.includes('metadata.`mlflow.trace.user`'));
    assert.ok(keys.includes('span.type'));
  });

  it("completes through the run filter's completer: by prefix, by bare key, never after an operator", () => {
    const keys = traceFilterKeys([trace('t', { tags: { channel: 'web' } })]);
    assert.deepEqual(
      completeKey("trace.status = 'OK' AND cha", keys).map((c) => c.filter),
      ["trace.status = 'OK' AND tags.channel "],
    );
    assert.deepEqual(
      completeKey('span.t', keys).map((c) => c.key),
      ['span.type'],
    );
    assert.deepEqual(completeKey('trace.status = ', keys), []);
  });
});

describe('groupBySession: the Traces node grouped by session', () => {
  it('keeps sessions in the order of their newest trace, traces in list order, "no session" last', () => {
    const list = [
      trace('a', { sessionId: 's2' }),
      trace('b'),
      trace('c', { sessionId: 's1' }),
      trace('d', { sessionId: 's2' }),
      trace('e', { sessionId: '' }),
    ];
    const groups = groupBySession(list).map((g) => [g.sessionId, g.traces.map((t) => t.traceId)]);
    assert.deepEqual(groups, [
      ['s2', ['a', 'd']],
      ['s1', ['c']],
      [undefined, ['b', 'e']],
    ]);
  });

  it('has no "no session" group when every trace has a session, and no group for no traces', () => {
    assert.deepEqual(
      groupBySession([trace('a', { sessionId: 's' })]).map((g) => g.sessionId),
      ['s'],
    );
    assert.deepEqual(groupBySession([]), []);
  });
});

describe('traceFilterProblem: what the filter box says before the store sees the filter', () => {
  it('names what a local store cannot filter on, and keeps the box open for it', () => {
    assert.match(
      traceFilterProblem('sqlite', "span.type = 'TOOL'") ?? '',
      /not supported by this local store/,
    );
    assert.match(traceFilterProblem('file', "trace.status = 'OK' OR trace.status = 'ERROR'") ?? '', /OR/);
    assert.equal(
      traceFilterProblem('sqlite', "trace.status = 'ERROR' AND tags.`agent.version` = '1.4.0'"),
      undefined,
    );
  });

  it("leaves a server's wider grammar (spans, assessments, full text) and an empty box to the server", () => {
    assert.equal(traceFilterProblem('rest', "span.type = 'TOOL'"), undefined);
    assert.equal(traceFilterProblem('rest', "trace.text LIKE '%refund%'"), undefined);
    assert.equal(traceFilterProblem('sqlite', '  '), undefined);
  });
});
