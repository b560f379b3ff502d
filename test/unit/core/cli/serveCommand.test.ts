import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { displayCommand } from '../../../../src/core/cli/cliInvocation';
import { buildServeCommand, checkPort } from '../../../../src/core/cli/serveCommand';

const SERVE = path.resolve(__dirname, '../../../fixtures/mlflow-2.17.2/serve');

describe('buildServeCommand', () => {
  it('produces the very command lines the real recorded serve sessions ran', () => {
    const sessions = fs.readdirSync(SERVE);
    assert.ok(sessions.length >= 3);
    for (const s of sessions) {
      const info = JSON.parse(fs.readFileSync(path.join(SERVE, s, '_serve-info.json'), 'utf8')) as {
        model_uri: string;
        command: string;
      };
      const inv = buildServeCommand({
        python: 'python3',
        modelUri: info.model_uri,
        port: 5002,
        envManager: 'local',
      });
      assert.equal(inv.command, 'python3');
      assert.deepEqual(inv.args.slice(0, 2), ['-m', 'mlflow']);
      // the recorded line ran the `mlflow` entry point; we run the same CLI as `python -m mlflow`
      assert.equal(['mlflow', ...inv.args.slice(2)].join(' '), info.command, s);
    }
  });

  it('binds 127.0.0.1 and passes the tracking URI and credentials only through the environment', () => {
    const inv = buildServeCommand({
      python: '/opt/py/bin/python',
      modelUri: 'models:/iris-classifier@champion',
      port: 6001,
      envManager: 'virtualenv',
      trackingUri: 'http://127.0.0.1:5000',
      credentialEnv: { MLFLOW_TRACKING_TOKEN: 'tok-123' },
    });
    assert.equal(inv.args[inv.args.indexOf('-h') + 1], '127.0.0.1');
    assert.deepEqual(inv.env, {
      MLFLOW_TRACKING_TOKEN: 'tok-123',
      MLFLOW_TRACKING_URI: 'http://127.0.0.1:5000',
    });
    assert.ok(!displayCommand(inv).includes('tok-123'));
    assert.ok(!inv.args.some((a) => a.includes('tok-123')));
  });

  it('refuses input that could inject options or is out of range', () => {
    const base = { python: 'python3', port: 5002, envManager: 'local' as const };
    assert.throws(() => buildServeCommand({ ...base, modelUri: '--host=0.0.0.0' }), /cannot start with "-"/);
    assert.throws(() => buildServeCommand({ ...base, modelUri: 'runs:/not-a-run/model' }), /32-hex run id/);
    assert.throws(
      () => buildServeCommand({ ...base, modelUri: 'models:/m/1', port: 80 }),
      /not a usable port/,
    );
    assert.throws(() => buildServeCommand({ ...base, modelUri: 'models:/m/1', workers: 0 }), /Workers/);
    assert.throws(() => {
      checkPort(70000);
    }, /not a usable port/);
  });
});

describe('displayCommand', () => {
  it('quotes arguments a shell would split, for display only', () => {
    assert.equal(
      displayCommand({
        command: 'python3',
        args: ['-m', 'mlflow', 'models', 'serve', '-m', "/my models/it's"],
        env: {},
      }),
      `python3 -m mlflow models serve -m '/my models/it'\\''s'`,
    );
  });
});
