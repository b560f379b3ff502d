import * as assert from 'node:assert/strict';
import {
  credentialKey,
  decodeCredentials,
  encodeCredentials,
} from '../../../../src/core/connection/storedCredentials';
import { parseTrackingUri, type TrackingTarget } from '../../../../src/core/connection/trackingUri';

const target = (uri: string): TrackingTarget => {
  const parsed = parseTrackingUri(uri, '/w');
  assert.ok(parsed.ok, uri);
  return parsed.target;
};

describe('stored credentials', () => {
  it('keys credentials by server address, ignoring a trailing slash; local stores have none', () => {
    assert.equal(credentialKey(target('http://h:5000/team/')), credentialKey(target('http://h:5000/team')));
    assert.notEqual(
      credentialKey(target('http://h:5000/team')),
      credentialKey(target('http://h:5000/other')),
    );
    assert.equal(credentialKey(target('databricks://prod')), 'mlflow.credentials:databricks://prod');
    assert.notEqual(credentialKey(target('databricks')), credentialKey(target('databricks://prod')));
    assert.equal(credentialKey(target('sqlite:////w/mlflow.db')), undefined);
    assert.equal(credentialKey(target('./mlruns')), undefined);
  });

  it('round-trips basic and bearer credentials and ignores damaged entries', () => {
    const basic = { kind: 'basic', username: 'alice', password: 'p:w' } as const;
    const bearer = { kind: 'bearer', token: 'dapi-1' } as const;
    assert.deepEqual(decodeCredentials(encodeCredentials(basic)), basic);
    assert.deepEqual(decodeCredentials(encodeCredentials(bearer)), bearer);
    for (const bad of [
      undefined,
      '',
      'not json',
      'null',
      '{"kind":"bearer","token":""}',
      '{"kind":"basic","username":"a"}',
      '{"kind":"oauth"}',
    ]) {
      assert.equal(decodeCredentials(bad), undefined, String(bad));
    }
  });
});
