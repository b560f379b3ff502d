import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { PanelRecorder, panelProbe } from '../../../src/extension/shared/webviews/panelProbe';
import type { CompareStatus } from '../../../src/protocol/compareRuns';

// The probe holds panels by object identity only; a stand-in object is all it ever sees of one.
const fakePanel = (): vscode.WebviewPanel => ({}) as vscode.WebviewPanel;
const status = (n: number): CompareStatus => ({ type: 'compare/status', busy: String(n), error: undefined });

describe('panel probe: what the panel host records of each panel, for the test API', () => {
  it('keeps the last messages posted, oldest first, up to its bound', () => {
    const r = new PanelRecorder('compare', 3);
    for (let i = 1; i <= 5; i++) {
      r.recordPosted(status(i));
    }
    assert.deepEqual(
      r.sent.map((m) => (m.type === 'compare/status' ? m.busy : m.type)),
      ['3', '4', '5'],
    );
  });

  it('keeps the last message of each type the webview sent', () => {
    const r = new PanelRecorder('connection', 10);
    assert.equal(r.lastReceived('ready'), undefined);
    r.recordReceived({ type: 'ready' });
    r.recordReceived({ type: 'connection/switch' });
    assert.deepEqual(r.lastReceived('ready'), { type: 'ready' });
    assert.deepEqual(r.lastReceived('connection/switch'), { type: 'connection/switch' });
    assert.equal(r.lastReceived('connection/showLogs'), undefined);
  });

  it('times a phase at the first time it is reached, and the panel from when it opened', () => {
    const before = Date.now();
    const r = new PanelRecorder('compare', 10);
    assert.ok((r.timings.opened ?? 0) >= before);
    r.mark('ready');
    const first = r.timings.ready;
    assert.ok(first !== undefined && first >= before);
    r.mark('ready');
    assert.equal(r.timings.ready, first, 'a phase keeps its first time');
    assert.equal(r.timings.aggregatesPosted, undefined);
  });

  it('finds a record by kind and panel, never one of another kind or panel', () => {
    const panel = fakePanel();
    const recorder = panelProbe.open('tryIt', panel, 50);
    assert.equal(panelProbe.of('tryIt', panel), recorder);
    assert.equal(panelProbe.of('compare', panel), undefined);
    assert.equal(panelProbe.of('tryIt', fakePanel()), undefined);
    const revived = panelProbe.open('tryIt', panel, 50);
    assert.equal(panelProbe.of('tryIt', panel), revived, 'a panel taken over again starts a new record');
  });
});
