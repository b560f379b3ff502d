import * as assert from 'node:assert/strict';
import {
  isTraceDetailHostMessage,
  isTraceDetailWebviewMessage,
  isTraceId,
} from '../../../src/protocol/traceDetail';

describe('trace detail protocol guards', () => {
  it('accepts what the webview sends, with exact keys', () => {
    assert.ok(isTraceDetailWebviewMessage({ type: 'ready' }));
    assert.ok(isTraceDetailWebviewMessage({ type: 'traceDetail/refresh' }));
    assert.ok(isTraceDetailWebviewMessage({ type: 'traceDetail/select', spanId: '0123456789abcdef' }));
    assert.ok(isTraceDetailWebviewMessage({ type: 'traceDetail/drawn', rows: 211, ms: 12.5 }));
    assert.ok(isTraceDetailWebviewMessage({ type: 'traceDetail/addAssessment', kind: 'feedback' }));
    assert.ok(
      isTraceDetailWebviewMessage({
        type: 'traceDetail/addAssessment',
        kind: 'expectation',
        spanId: '0123456789abcdef',
      }),
    );
    assert.ok(
      isTraceDetailWebviewMessage({
        type: 'traceDetail/overrideFeedback',
        assessmentId: 'a-030343bb16d844348d6179cd486ae9e7',
      }),
    );
  });

  it('refuses extra keys, bad span ids and unknown types', () => {
    assert.ok(!isTraceDetailWebviewMessage({ type: 'ready', x: 1 }));
    assert.ok(!isTraceDetailWebviewMessage({ type: 'traceDetail/select', spanId: '<img>' }));
    assert.ok(!isTraceDetailWebviewMessage({ type: 'traceDetail/select' }));
    assert.ok(!isTraceDetailWebviewMessage({ type: 'traceDetail/drawn', rows: 1.5, ms: 1 }));
    assert.ok(!isTraceDetailWebviewMessage({ type: 'traceDetail/drawn', rows: 1, ms: Infinity }));
    assert.ok(!isTraceDetailWebviewMessage({ type: 'traceDetail/drawn', rows: 1, ms: '1' }));
    assert.ok(!isTraceDetailWebviewMessage({ type: 'toString' }));
    assert.ok(!isTraceDetailWebviewMessage({ type: 'traceDetail/snapshot' }));
    // Assessment requests carry intent only: no value, no name, nothing the host would write as is.
    assert.ok(!isTraceDetailWebviewMessage({ type: 'traceDetail/addAssessment', kind: 'issue' }));
    assert.ok(
      !isTraceDetailWebviewMessage({ type: 'traceDetail/addAssessment', kind: 'feedback', value: 1 }),
    );
    assert.ok(
      !isTraceDetailWebviewMessage({ type: 'traceDetail/addAssessment', kind: 'feedback', spanId: 'x' }),
    );
    assert.ok(!isTraceDetailWebviewMessage({ type: 'traceDetail/overrideFeedback', assessmentId: '../a' }));
    assert.ok(!isTraceDetailWebviewMessage({ type: 'traceDetail/overrideFeedback' }));
  });

  it('checks the host messages the webview reads', () => {
    const snapshot = {
      type: 'traceDetail/snapshot',
      traceId: 'tr-1',
      name: 'n',
      state: 'OK',
      facts: [],
      spans: [],
      initialSpan: 0,
      details: [],
      metadata: [],
      tags: [],
      assessments: [],
      links: { sourceRun: undefined, loggedModel: undefined, prompts: [], files: [] },
    };
    assert.ok(isTraceDetailHostMessage(snapshot));
    assert.ok(!isTraceDetailHostMessage({ ...snapshot, details: [{}] }), 'one detail per span');
    assert.ok(!isTraceDetailHostMessage({ ...snapshot, spans: 'x' }));
    assert.ok(!isTraceDetailHostMessage({ ...snapshot, initialSpan: '0' }));
    assert.ok(!isTraceDetailHostMessage({ ...snapshot, links: null }));
    assert.ok(isTraceDetailHostMessage({ ...snapshot, readOnly: 'The local mlflow.db is opened read-only' }));
    assert.ok(!isTraceDetailHostMessage({ ...snapshot, readOnly: true }), 'the reason is text');
    assert.ok(isTraceDetailHostMessage({ type: 'traceDetail/error', message: 'm' }));
    assert.ok(!isTraceDetailHostMessage({ type: 'traceDetail/error' }));
  });

  it('a link click names a kind and an index, nothing the host would open as given', () => {
    assert.ok(isTraceDetailWebviewMessage({ type: 'traceDetail/openLink', link: 'sourceRun', index: 0 }));
    assert.ok(isTraceDetailWebviewMessage({ type: 'traceDetail/openLink', link: 'file', index: 3 }));
    assert.ok(!isTraceDetailWebviewMessage({ type: 'traceDetail/openLink', link: 'command', index: 0 }));
    assert.ok(!isTraceDetailWebviewMessage({ type: 'traceDetail/openLink', link: 'file', index: -1 }));
    assert.ok(!isTraceDetailWebviewMessage({ type: 'traceDetail/openLink', link: 'file', index: 0.5 }));
    assert.ok(!isTraceDetailWebviewMessage({ type: 'traceDetail/openLink', link: 'file', index: '0' }));
    assert.ok(
      !isTraceDetailWebviewMessage({
        type: 'traceDetail/openLink',
        link: 'file',
        index: 0,
        path: '/etc/passwd',
      }),
    );
    assert.ok(!isTraceDetailWebviewMessage({ type: 'traceDetail/openLink', link: 'sourceRun' }));
  });

  it('knows a trace id by its shape', () => {
    assert.ok(isTraceId('tr-c2e32c06106cfeedb6970f34b44aede0'));
    assert.ok(!isTraceId('tr-1 OR 1=1'));
    assert.ok(!isTraceId(''));
    assert.ok(!isTraceId(3));
  });
});
