import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parseTrackingUri } from '../../../src/core/connection/trackingUri';
import { ConnectionSecrets } from '../../../src/extension/connection/connectionSecrets';
import { FailingSecretStore } from '../../support/secrets/failingSecretStore';

/** VS Code's SecretStorage on a machine without a keyring: every call fails (see the double). */
function unavailableSecretStorage(
  store: FailingSecretStore,
  changes: vscode.EventEmitter<vscode.SecretStorageChangeEvent>,
): vscode.SecretStorage {
  return {
    get: (key) => store.get(key),
    store: (key, value) => store.store(key, value),
    delete: (key) => store.delete(key),
    onDidChange: changes.event,
  };
}

describe('Credentials when the system keychain is unavailable (real extension host)', () => {
  it('reads "nothing stored", keeps what is typed for the session, announces it, and warns once', async () => {
    const changes = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
    const warnings: string[] = [];
    const secrets = new ConnectionSecrets(
      unavailableSecretStorage(new FailingSecretStore('throw'), changes),
      (m) => warnings.push(m),
    );
    let announced = 0;
    const listener = secrets.onDidChange(() => announced++);
    try {
      const parsed = parseTrackingUri('http://127.0.0.1:5999', '/');
      assert.ok(parsed.ok);
      assert.equal(await secrets.get(parsed.target), undefined);
      await secrets.store(parsed.target, { kind: 'basic', username: 'ann', password: 'typed once' });
      assert.deepEqual(await secrets.get(parsed.target), {
        kind: 'basic',
        username: 'ann',
        password: 'typed once',
      });
      assert.equal(announced, 1, 'the open stores are reset to use what was typed');
      assert.equal(await secrets.delete(parsed.target), true);
      assert.equal(await secrets.get(parsed.target), undefined);
      assert.equal(warnings.length, 1);
      assert.match(
        warnings[0] ?? '',
        /^MLflow: the system keychain is unavailable \(Cannot create an item in a locked collection\); credentials will be asked for once and kept for this session only\.$/,
      );
    } finally {
      listener.dispose();
      secrets.dispose();
      changes.dispose();
    }
  });
});
