import * as assert from 'node:assert/strict';
import { TRY_IT_MAX_BODY, isTryItHostMessage, isTryItWebviewMessage } from '../../../src/protocol/tryIt';

describe('Try it panel protocol guards', () => {
  it('accept a bounded request with a known content type, and nothing else', () => {
    assert.ok(isTryItWebviewMessage({ type: 'ready' }));
    assert.ok(isTryItWebviewMessage({ type: 'tryIt/send', body: '{}', contentType: 'application/json' }));
    assert.ok(isTryItWebviewMessage({ type: 'tryIt/send', body: 'a,b\n1,2', contentType: 'text/csv' }));
    assert.ok(
      isTryItWebviewMessage({
        type: 'tryIt/compare',
        body: '{}',
        contentType: 'application/json',
        otherId: '2',
      }),
    );
    assert.ok(isTryItWebviewMessage({ type: 'tryIt/save', body: 'a\n1', contentType: 'text/csv' }));
    assert.ok(isTryItWebviewMessage({ type: 'tryIt/edited', body: '{}', contentType: 'application/json' }));
    for (const bad of [
      { type: 'tryIt/send', body: '{}', contentType: 'application/csv' },
      { type: 'tryIt/send', body: 42, contentType: 'application/json' },
      { type: 'tryIt/send', body: '{}', contentType: 'application/json', url: 'http://evil.example' },
      { type: 'tryIt/send', body: 'x'.repeat(TRY_IT_MAX_BODY + 1), contentType: 'text/csv' },
      { type: 'tryIt/open', path: '/etc/passwd' },
      { type: 'tryIt/compare', body: '{}', contentType: 'application/json', otherId: '../1' },
      { type: 'tryIt/compare', body: '{}', contentType: 'application/json', otherId: 2 },
      { type: 'tryIt/compare', body: '{}', contentType: 'application/json' },
      { type: 'tryIt/save', body: '{}', contentType: 'application/json', path: '/etc/passwd' },
      { type: 'tryIt/save', body: null, contentType: 'text/csv' },
      { type: 'tryIt/edited', body: '{}', contentType: 'application/json', target: 'file:///etc/passwd' },
      { type: 'tryIt/edited', body: 'x'.repeat(TRY_IT_MAX_BODY + 1), contentType: 'application/json' },
      { type: 'ready', extra: 1 },
      null,
      'ready',
    ]) {
      assert.equal(isTryItWebviewMessage(bad), false, JSON.stringify(bad).slice(0, 80));
    }
  });

  it('check the host messages the webview renders', () => {
    assert.ok(
      isTryItHostMessage({
        type: 'tryIt/response',
        status: 200,
        statusText: 'OK',
        timeMs: 3,
        body: '{}',
        truncated: false,
      }),
    );
    assert.ok(
      isTryItHostMessage({
        type: 'tryIt/init',
        server: 'm',
        url: 'http://127.0.0.1:1',
        body: '{}',
        contentType: 'text/csv',
        source: 'template',
        others: [],
      }),
    );
    assert.ok(
      isTryItHostMessage({
        type: 'tryIt/init',
        server: 'm',
        url: 'u',
        body: '{}',
        contentType: 'application/json',
        source: 'signature',
        signature: { inputs: [], params: [] },
        others: [{ id: '2', label: 'v2' }],
      }),
    );
    assert.equal(
      isTryItHostMessage({
        type: 'tryIt/init',
        server: 'm',
        url: 'u',
        body: '{}',
        contentType: 'application/json',
        source: 's',
        others: [{ id: 2 }],
      }),
      false,
    );
    const answer = { status: 200, statusText: 'OK', timeMs: 1, body: '[]', truncated: false };
    assert.ok(
      isTryItHostMessage({
        type: 'tryIt/compared',
        left: { ...answer, label: 'a' },
        right: { ...answer, label: 'b' },
        rows: [{ index: 0, left: '1', right: '2', same: false }],
        differing: 1,
      }),
    );
    assert.equal(
      isTryItHostMessage({
        type: 'tryIt/compared',
        left: answer,
        right: { ...answer, label: 'b' },
        rows: [],
        differing: 0,
      }),
      false,
    );
    assert.equal(isTryItHostMessage({ type: 'tryIt/servers', others: 'x' }), false);
    assert.equal(isTryItHostMessage({ type: 'tryIt/response', status: '200' }), false);
    assert.equal(isTryItHostMessage({ type: 'tryIt/error' }), false);
    assert.ok(
      isTryItHostMessage({
        type: 'tryIt/serverState',
        server: 'm',
        url: 'http://127.0.0.1:1',
        state: 'running',
        message: 'again',
      }),
    );
    assert.equal(
      isTryItHostMessage({ type: 'tryIt/serverState', server: 'm', url: 'u', state: 'failed', message: 'x' }),
      false,
    );
    assert.equal(
      isTryItHostMessage({ type: 'tryIt/serverState', server: 'm', state: 'stopped', message: 'x' }),
      false,
    );
  });
});
