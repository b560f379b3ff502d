import * as assert from 'node:assert/strict';
import {
  SessionFallbackSecrets,
  keychainUnavailableMessage,
} from '../../../../src/core/connection/sessionFallbackSecrets';
import {
  credentialKey,
  decodeCredentials,
  encodeCredentials,
} from '../../../../src/core/connection/storedCredentials';
import { parseTrackingUri } from '../../../../src/core/connection/trackingUri';
import { RestClient } from '../../../../src/core/tracking/rest/restClient';
import { RestTrackingStore } from '../../../../src/core/tracking/rest/restTrackingStore';
import { FailingSecretStore, type FailureMode } from '../../../support/secrets/failingSecretStore';
import { startScriptedServer } from '../../../support/mlflow/scriptedServer';

function fallback(store: FailingSecretStore): { secrets: SessionFallbackSecrets; warnings: string[] } {
  const warnings: string[] = [];
  return { secrets: new SessionFallbackSecrets(store, (m) => warnings.push(m)), warnings };
}

describe('SessionFallbackSecrets (the system keychain is unavailable)', () => {
  for (const mode of ['throw', 'reject'] as FailureMode[]) {
    it(`answers "nothing stored" instead of failing when the keychain ${mode}s, and warns once per session`, async () => {
      const store = new FailingSecretStore(mode);
      const { secrets, warnings } = fallback(store);
      assert.equal(await secrets.get('mlflow.credentials:http://a'), undefined);
      assert.equal(await secrets.get('mlflow.credentials:http://b'), undefined);
      await secrets.store('mlflow.credentials:http://a', 'x');
      assert.equal(store.calls, 3, 'the keychain is still asked each time, in case it comes back');
      assert.deepEqual(warnings, [
        keychainUnavailableMessage('Cannot create an item in a locked collection'),
      ]);
      assert.match(
        warnings[0] ?? '',
        /^MLflow: the system keychain is unavailable \(.+\); credentials will be asked for once and kept for this session only\.$/,
      );
    });
  }

  it('keeps what the keychain would not take for the session, and forgets it on delete', async () => {
    const store = new FailingSecretStore('reject');
    const { secrets, warnings } = fallback(store);
    assert.equal(await secrets.store('k', 'typed once'), 'session');
    assert.equal(await secrets.get('k'), 'typed once');
    assert.equal(await secrets.get('k'), 'typed once');
    assert.equal(await secrets.delete('k'), 'session');
    assert.equal(await secrets.get('k'), undefined);
    assert.equal(await secrets.delete('k'), 'none');
    assert.equal(warnings.length, 1);
  });

  it('uses the keychain, and says nothing, while it works', async () => {
    const store = new FailingSecretStore('reject');
    store.recover();
    const { secrets, warnings } = fallback(store);
    assert.equal(await secrets.store('k', 'v'), 'keychain');
    assert.equal(store.values.get('k'), 'v');
    assert.equal(await secrets.get('k'), 'v');
    assert.equal(await secrets.delete('k'), 'keychain');
    assert.equal(store.values.has('k'), false);
    assert.deepEqual(warnings, []);
  });

  it('cuts a long, multi-line reason from the OS to one line in the warning', async () => {
    const { secrets, warnings } = fallback(
      new FailingSecretStore('throw', `${'d'.repeat(500)}\nsecond line`),
    );
    await secrets.get('k');
    assert.equal(warnings.length, 1);
    assert.ok(!(warnings[0] ?? '').includes('\n') && (warnings[0] ?? '').length < 260, warnings[0]);
  });

  it('lets a request go on with the credentials typed once when the keychain fails', async () => {
    const server = await startScriptedServer();
    try {
      server.script({ status: 200, body: JSON.stringify({ experiments: [] }) });
      const parsed = parseTrackingUri(server.baseUrl, '/');
      assert.ok(parsed.ok);
      const key = credentialKey(parsed.target);
      assert.ok(key !== undefined);
      const { secrets } = fallback(new FailingSecretStore('reject'));
      const credentials = async (): Promise<ReturnType<typeof decodeCredentials>> =>
        decodeCredentials(await secrets.get(key));
      const tracking = new RestTrackingStore(
        new RestClient({ baseUrl: server.baseUrl, maxRetries: 0, credentials }),
      );
      await tracking.searchExperiments({ maxResults: 10 });
      assert.equal(
        server.received[0]?.headers.authorization,
        undefined,
        'nothing stored yet: the request goes without',
      );
      await secrets.store(key, encodeCredentials({ kind: 'bearer', token: 'typed-once' }));
      await tracking.searchExperiments({ maxResults: 10 });
      assert.equal(server.received[1]?.headers.authorization, 'Bearer typed-once');
    } finally {
      await server.close();
    }
  });
});
