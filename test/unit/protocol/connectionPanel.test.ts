import * as assert from 'node:assert/strict';
import { isConnectionHostMessage, isConnectionWebviewMessage } from '../../../src/protocol/connectionPanel';

describe('connection panel protocol guards', () => {
  it('accept exactly the messages the webview may send', () => {
    assert.ok(isConnectionWebviewMessage({ type: 'ready' }));
    assert.ok(isConnectionWebviewMessage({ type: 'connection/switch' }));
    assert.ok(isConnectionWebviewMessage({ type: 'connection/showLogs' }));
    assert.ok(isConnectionWebviewMessage({ type: 'connection/switchWorkspace' }));
    for (const bad of [
      null,
      'ready',
      {},
      { type: 'connection/run', command: 'rm -rf /' },
      { type: 'ready', extra: 1 },
      { type: 'connection/switchWorkspace', name: 'team-a' },
      { type: 7 },
    ]) {
      assert.equal(isConnectionWebviewMessage(bad), false, JSON.stringify(bad));
    }
  });

  it('check the snapshot shape the host sends', () => {
    const snapshot = {
      connected: true,
      kind: 'sqlite',
      display: '/w/mlflow.db',
      source: 'workspace',
      readOnly: true,
      problem: undefined,
      workspace: 'team-a',
      canSwitchWorkspace: true,
    };
    assert.ok(isConnectionHostMessage({ type: 'connection/snapshot', snapshot }));
    assert.equal(
      isConnectionHostMessage({ type: 'connection/snapshot', snapshot: { ...snapshot, connected: 'yes' } }),
      false,
    );
    assert.equal(
      isConnectionHostMessage({ type: 'connection/snapshot', snapshot: { ...snapshot, display: 3 } }),
      false,
    );
    assert.equal(
      isConnectionHostMessage({ type: 'connection/snapshot', snapshot: { ...snapshot, workspace: 1 } }),
      false,
    );
    assert.equal(
      isConnectionHostMessage({
        type: 'connection/snapshot',
        snapshot: { ...snapshot, canSwitchWorkspace: undefined },
      }),
      false,
    );
    assert.equal(isConnectionHostMessage({ type: 'connection/snapshot' }), false);
  });
});
