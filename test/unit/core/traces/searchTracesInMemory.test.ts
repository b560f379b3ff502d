import * as assert from 'node:assert/strict';
import type { TraceInfo } from '../../../../src/core/traces/entities/traceInfo';
import { buildTraceInfo } from '../../../../src/core/traces/parse/buildTraceInfo';
import { parseTraceFilter } from '../../../../src/core/traces/search/parseTraceFilter';
import { searchTracesInMemory } from '../../../../src/core/traces/search/searchTracesInMemory';

function trace(n: number, over: Partial<Parameters<typeof buildTraceInfo>[0]> = {}): TraceInfo {
  return buildTraceInfo({
    traceId: `tr-${String(n).padStart(32, '0')}`,
    experimentId: '1',
    requestTimeMs: 1000 + n,
    executionDurationMs: 10 * n,
    state: n % 3 === 0 ? 'ERROR' : 'OK',
    requestPreview: undefined,
    responsePreview: undefined,
    clientRequestId: undefined,
    metadata: { 'mlflow.trace.user': n % 2 === 0 ? 'Alice@example.com' : 'bob@example.com' },
    tags: {
      'mlflow.traceName': n === 4 ? 'Other_Agent' : 'support_agent',
      ...(n === 5 ? { 'agent.version': '2' } : {}),
    },
    assessments: [],
    ...over,
  });
}

const ALL = [1, 2, 3, 4, 5, 6].map((n) => trace(n));

function ids(filter: string, orderBy?: string[]): number[] {
  return searchTracesInMemory(ALL, { experimentId: '1', filter, orderBy }).items.map((t) =>
    Number(t.traceId.slice(3)),
  );
}

describe('trace filters on local stores', () => {
  it('compares status, name, times, tags and metadata; newest first by default', () => {
    assert.deepEqual(ids(''), [6, 5, 4, 3, 2, 1]);
    assert.deepEqual(ids("trace.status = 'ERROR'"), [6, 3]);
    assert.deepEqual(ids("attributes.status != 'ERROR'"), [5, 4, 2, 1]);
    assert.deepEqual(ids("trace.status IN ('ERROR', 'IN_PROGRESS')"), [6, 3]);
    assert.deepEqual(ids("trace.name LIKE 'support%'"), [6, 5, 3, 2, 1]);
    assert.deepEqual(ids("trace.name ILIKE 'other_%'"), [4]);
    assert.deepEqual(ids("trace.name LIKE 'other_%'"), []);
    assert.deepEqual(ids('trace.timestamp_ms >= 1004 AND trace.execution_time_ms < 60'), [5, 4]);
    assert.deepEqual(ids('tags.`agent.version` IS NOT NULL'), [5]);
    assert.deepEqual(ids('tags."agent.version" IS NULL'), [6, 4, 3, 2, 1]);
    assert.deepEqual(ids("metadata.`mlflow.trace.user` ILIKE 'alice%' AND trace.status = 'OK'"), [4, 2]);
    assert.deepEqual(ids('', ['execution_time_ms ASC']), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(ids('', ['trace.name DESC']), [6, 5, 3, 2, 1, 4]);
  });

  it('refuses what it cannot evaluate with INVALID_PARAMETER_VALUE, naming what it understands', () => {
    for (const filter of [
      "span.name = 'x'",
      "feedback.relevance > '0.5'",
      "trace.text LIKE '%a%'",
      "prompt = 'p/1'",
      "trace.status = 'OK' OR trace.status = 'ERROR'",
      "trace.status LIKE 'O%'",
      "trace.timestamp_ms > 'yesterday'",
      'trace.name IS NULL',
      "tags.a = 'x' AND",
      'tags.a = ',
    ]) {
      assert.throws(
        () => parseTraceFilter(filter),
        { errorCode: 'INVALID_PARAMETER_VALUE', status: 400 },
        filter,
      );
    }
    assert.throws(() => parseTraceFilter("span.type = 'TOOL'"), /trace\.status, trace\.name/);
    assert.throws(() => searchTracesInMemory(ALL, { experimentId: '1', orderBy: ['span.name'] }), {
      errorCode: 'INVALID_PARAMETER_VALUE',
    });
  });

  it("pages with MLflow's offset tokens and caps a page at 500", () => {
    const first = searchTracesInMemory(ALL, { experimentId: '1', maxResults: 4 });
    assert.equal(first.items.length, 4);
    const second = searchTracesInMemory(ALL, {
      experimentId: '1',
      maxResults: 4,
      pageToken: first.nextPageToken,
    });
    assert.deepEqual(
      second.items.map((t) => t.traceId),
      [ALL[1]?.traceId, ALL[0]?.traceId],
    );
    assert.equal(second.nextPageToken, undefined);
    assert.throws(() => searchTracesInMemory(ALL, { experimentId: '1', maxResults: 501 }), {
      errorCode: 'INVALID_PARAMETER_VALUE',
    });
  });
});
