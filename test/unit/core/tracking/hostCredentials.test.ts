import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  authorizationHeader,
  parseCredentialsFile,
  resolveCredentials,
} from '../../../../src/core/tracking/rest/hostCredentials';
import { loadCredentialsFile } from '../../../../src/core/tracking/rest/loadCredentialsFile';

describe('host credentials', () => {
  it('parses the [mlflow] section of ~/.mlflow/credentials and ignores others', () => {
    const text =
      '[other]\nmlflow_tracking_username = nope\n\n[mlflow]\n# comment\nmlflow_tracking_username = alice\r\nmlflow_tracking_password=p=w:d\n';
    assert.deepEqual(parseCredentialsFile(text), { username: 'alice', password: 'p=w:d' });
    assert.deepEqual(parseCredentialsFile(''), { username: undefined, password: undefined });
  });

  it('prefers env username/password (Basic), each falling back to the file, then the token (Bearer)', () => {
    const file = { username: 'fileuser', password: 'filepw' };
    assert.deepEqual(resolveCredentials({ MLFLOW_TRACKING_USERNAME: 'env' }, file), {
      kind: 'basic',
      username: 'env',
      password: 'filepw',
    });
    assert.deepEqual(resolveCredentials({ MLFLOW_TRACKING_TOKEN: 't' }, undefined), {
      kind: 'bearer',
      token: 't',
    });
    assert.deepEqual(
      resolveCredentials({ MLFLOW_TRACKING_USERNAME: 'u', MLFLOW_TRACKING_TOKEN: 't' }, undefined),
      { kind: 'bearer', token: 't' },
    );
    assert.equal(resolveCredentials({ MLFLOW_TRACKING_TOKEN: '' }, undefined), undefined);
  });

  it('builds Authorization headers', () => {
    assert.equal(authorizationHeader({ kind: 'basic', username: 'a', password: 'b' }), 'Basic YTpi');
    assert.equal(authorizationHeader({ kind: 'bearer', token: 'xyz' }), 'Bearer xyz');
  });

  it('loads the file from a home folder, undefined when absent', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-home-'));
    try {
      assert.equal(await loadCredentialsFile(home), undefined);
      fs.mkdirSync(path.join(home, '.mlflow'));
      fs.writeFileSync(path.join(home, '.mlflow', 'credentials'), '[mlflow]\nmlflow_tracking_username=bob\n');
      assert.deepEqual(await loadCredentialsFile(home), { username: 'bob', password: undefined });
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
