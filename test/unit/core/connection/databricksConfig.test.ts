import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  databricksConfigPath,
  loadDatabricksConnection,
  parseDatabricksConfig,
  resolveDatabricks,
} from '../../../../src/core/connection/databricksConfig';

const CONFIG = `
; written by databricks configure
[DEFAULT]
host  = https://adb-111.azuredatabricks.net/
token = dapi-default

[prod]
host = dbc-222.cloud.databricks.com
token = dapi-prod
[oauth]
host = https://dbc-333.cloud.databricks.com
auth_type = databricks-cli
[nohost]
token = dapi-x
`;

describe('Databricks configuration', () => {
  it('parses profiles with lower-cased keys', () => {
    const profiles = parseDatabricksConfig(CONFIG);
    assert.deepEqual([...profiles.keys()], ['DEFAULT', 'prod', 'oauth', 'nohost']);
    assert.equal(profiles.get('oauth')?.get('auth_type'), 'databricks-cli');
  });

  it('takes the DEFAULT profile for "databricks" and a named one for databricks://<profile>', () => {
    assert.deepEqual(resolveDatabricks(undefined, {}, CONFIG, '/h/.databrickscfg'), {
      ok: true,
      connection: {
        host: 'https://adb-111.azuredatabricks.net',
        token: 'dapi-default',
        from: '/h/.databrickscfg [DEFAULT]',
      },
    });
    assert.deepEqual(resolveDatabricks('prod', {}, CONFIG, '/h/.databrickscfg'), {
      ok: true,
      connection: {
        host: 'https://dbc-222.cloud.databricks.com',
        token: 'dapi-prod',
        from: '/h/.databrickscfg [prod]',
      },
    });
  });

  it('lets DATABRICKS_HOST/TOKEN win without a profile, but not over a profile named in the URI', () => {
    const env = { DATABRICKS_HOST: 'https://env.cloud.databricks.com', DATABRICKS_TOKEN: 'dapi-env' };
    assert.deepEqual(resolveDatabricks(undefined, env, CONFIG, 'cfg'), {
      ok: true,
      connection: { host: 'https://env.cloud.databricks.com', token: 'dapi-env', from: 'DATABRICKS_HOST' },
    });
    const named = resolveDatabricks('prod', env, CONFIG, 'cfg');
    assert.ok(named.ok && named.connection.token === 'dapi-prod');
    const chosen = resolveDatabricks(undefined, { DATABRICKS_CONFIG_PROFILE: 'prod' }, CONFIG, 'cfg');
    assert.ok(chosen.ok && chosen.connection.host === 'https://dbc-222.cloud.databricks.com');
  });

  it('returns a host without a token when the profile uses another kind of authentication', () => {
    const r = resolveDatabricks('oauth', {}, CONFIG, 'cfg');
    assert.ok(r.ok);
    assert.equal(r.connection.token, undefined);
    assert.equal(r.connection.host, 'https://dbc-333.cloud.databricks.com');
  });

  it('explains a missing file, profile or host', () => {
    const noFile = resolveDatabricks(undefined, {}, undefined, '/h/.databrickscfg');
    assert.ok(
      !noFile.ok && /DATABRICKS_HOST and DATABRICKS_TOKEN.*\/h\/\.databrickscfg/.test(noFile.error),
      JSON.stringify(noFile),
    );
    const noProfile = resolveDatabricks('staging', {}, CONFIG, 'cfg');
    assert.ok(!noProfile.ok && noProfile.error === 'cfg has no [staging] profile.');
    const noHost = resolveDatabricks('nohost', {}, CONFIG, 'cfg');
    assert.ok(!noHost.ok && /has no host/.test(noHost.error));
    const badHost = resolveDatabricks(undefined, { DATABRICKS_HOST: 'ftp://x' }, undefined, 'cfg');
    assert.ok(!badHost.ok && /https:\/\//.test(badHost.error));
  });

  it('reads the file DATABRICKS_CONFIG_FILE names, else ~/.databrickscfg', async () => {
    assert.equal(databricksConfigPath({}, '/home/u'), path.join('/home/u', '.databrickscfg'));
    assert.equal(
      databricksConfigPath({ DATABRICKS_CONFIG_FILE: '~/cfg/db.ini' }, '/home/u'),
      path.join('/home/u', 'cfg/db.ini'),
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dbcfg-'));
    try {
      const file = path.join(dir, 'custom.cfg');
      fs.writeFileSync(file, '[DEFAULT]\nhost = http://127.0.0.1:9/prefix\ntoken = t\n');
      const r = await loadDatabricksConnection(undefined, { DATABRICKS_CONFIG_FILE: file }, dir);
      assert.deepEqual(r, {
        ok: true,
        connection: { host: 'http://127.0.0.1:9/prefix', token: 't', from: `${file} [DEFAULT]` },
      });
      const missing = await loadDatabricksConnection(undefined, {}, dir);
      assert.equal(missing.ok, false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
