import * as assert from 'node:assert/strict';
import type { TraceInfo } from '../../../../src/core/traces/entities/traceInfo';
import {
  isGenAiExperiment,
  oneLine,
  traceDescription,
  traceLabel,
  traceStateLook,
  traceTokens,
  traceTooltipLines,
} from '../../../../src/core/explorer/traceSummary';

const ID = 'tr-0123456789abcdef0123456789abcdef';

function trace(over: Partial<TraceInfo> = {}): TraceInfo {
  return {
    traceId: ID,
    experimentId: '1',
    requestTimeMs: Date.UTC(2026, 0, 2, 3, 4, 5),
    executionDurationMs: 1234,
    state: 'OK',
    name: 'support_agent',
    requestPreview: '{"question":\n  "Where is my order?"}',
    responsePreview: '{"answer": "On its way"}',
    clientRequestId: undefined,
    metadata: {},
    tags: {},
    tokenUsage: { inputTokens: 1000, outputTokens: 234, totalTokens: 1234, cacheReadInputTokens: undefined },
    cost: undefined,
    sessionId: 'session-7',
    userId: 'ana',
    sourceRunId: 'run-1',
    modelId: undefined,
    linkedPrompts: [],
    assessments: [],
    ...over,
  };
}

describe('traceSummary: how a trace reads in the Experiments view', () => {
  it('labels a trace by its root span name, else by its id', () => {
    assert.equal(traceLabel(trace()), 'support_agent');
    assert.equal(traceLabel(trace({ name: undefined })), ID);
    assert.equal(traceLabel(trace({ name: '' })), ID);
  });

  it('describes duration · tokens · the request on one line', () => {
    assert.equal(traceDescription(trace()), '1.2 s · 1,234 tokens · {"question": "Where is my order?"}');
    assert.equal(traceDescription(trace({ executionDurationMs: 42 })).split(' · ')[0], '42 ms');
  });

  it('leaves out what is not known', () => {
    assert.equal(traceDescription(trace({ tokenUsage: undefined, requestPreview: undefined })), '1.2 s');
    assert.equal(
      traceDescription(trace({ executionDurationMs: undefined, tokenUsage: undefined, requestPreview: '' })),
      '',
    );
    assert.equal(traceTokens(trace({ tokenUsage: undefined })), undefined);
  });

  it('shortens a long request preview and keeps control characters out of the label', () => {
    const long = trace({ requestPreview: 'x'.repeat(1000) });
    const preview = traceDescription(long).split(' · ')[2] ?? '';
    assert.equal(preview.length, 80);
    assert.ok(preview.endsWith('…'));
    assert.equal(oneLine('a\u202eb\tc\n\nd', 20), 'a\u241fb c d');
    assert.equal(traceLabel(trace({ name: 'evil\u202egpj.exe' })), 'evil\u241fgpj.exe');
  });

  it('gives each state its icon', () => {
    assert.equal(traceStateLook('OK').icon, 'pass');
    assert.equal(traceStateLook('ERROR').icon, 'error');
    assert.equal(traceStateLook('IN_PROGRESS').icon, 'sync~spin');
    assert.equal(traceStateLook('STATE_UNSPECIFIED').icon, 'circle-outline');
  });

  it('lists id, state, time, duration, tokens, session, user, source run and previews in the tooltip', () => {
    const lines = traceTooltipLines(trace());
    assert.equal(lines[0], 'support_agent');
    assert.ok(lines.includes(`Trace ID: ${ID}`));
    assert.ok(lines.includes('State: ok'));
    assert.ok(lines.some((l) => l.startsWith('Time: 2026-')));
    assert.ok(lines.includes('Duration: 1.2 s'));
    assert.ok(lines.includes('Tokens: 1234 total, 1000 in, 234 out'));
    assert.ok(lines.includes('Session: session-7'));
    assert.ok(lines.includes('User: ana'));
    assert.ok(lines.includes('Source run: run-1'));
    assert.ok(lines.includes('Request: {"question": "Where is my order?"}'));
    assert.ok(lines.includes('Response: {"answer": "On its way"}'));
  });

  it('leaves unknown fields out of the tooltip, and says so for the duration', () => {
    const lines = traceTooltipLines(
      trace({
        state: 'ERROR',
        executionDurationMs: undefined,
        tokenUsage: undefined,
        sessionId: undefined,
        userId: undefined,
        sourceRunId: undefined,
        responsePreview: undefined,
      }),
    );
    assert.ok(lines.includes('State: error'));
    assert.ok(lines.includes('Duration: unknown'));
    assert.equal(
      lines.some((l) => /^(Tokens|Session|User|Source run|Response):/.test(l)),
      false,
    );
  });

  it('tells GenAI experiments by their kind tag', () => {
    assert.equal(isGenAiExperiment([{ key: 'mlflow.experimentKind', value: 'genai_development' }]), true);
    assert.equal(
      isGenAiExperiment([{ key: 'mlflow.experimentKind', value: 'custom_model_development' }]),
      false,
    );
    assert.equal(isGenAiExperiment([]), false);
  });
});
