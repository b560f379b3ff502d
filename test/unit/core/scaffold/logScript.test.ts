import * as assert from 'node:assert/strict';
import { buildLogScriptCommand } from '../../../../src/core/scaffold/logScriptCommand';
import {
  SCAFFOLD_MARKER,
  findLoggedModelUri,
  isScaffoldedLogScript,
} from '../../../../src/core/scaffold/logScript';

describe('running a scaffolded log_model.py (src/core/scaffold)', () => {
  it('finds the logged model URI on its own line, the last one winning', () => {
    const out = [
      'Downloading artifacts: 100%',
      'MLFLOW_LOGGED_MODEL_URI=runs:/0123456789abcdef0123456789abcdef/phi3_mini',
      'something MLFLOW_LOGGED_MODEL_URI=runs:/ffffffffffffffffffffffffffffffff/quoted',
      'MLFLOW_LOGGED_MODEL_URI=models:/m-0123456789abcdef0123456789abcdef\r',
      '',
    ].join('\n');
    assert.equal(findLoggedModelUri(out), 'models:/m-0123456789abcdef0123456789abcdef');
    assert.equal(
      findLoggedModelUri('MLFLOW_LOGGED_MODEL_URI=runs:/0123456789abcdef0123456789abcdef/m\n'),
      'runs:/0123456789abcdef0123456789abcdef/m',
    );
    assert.equal(
      findLoggedModelUri('no uri here\nMLFLOW_LOGGED_MODEL_URI=\nMLFLOW_LOGGED_MODEL_URI=a b\n'),
      undefined,
    );
  });

  it('recognises only a log_model.py that carries the scaffold marker', () => {
    assert.ok(isScaffoldedLogScript('/p/x/log_model.py', `${SCAFFOLD_MARKER}\nimport mlflow\n`));
    assert.ok(isScaffoldedLogScript('C:\\p\\log_model.py', `${SCAFFOLD_MARKER}\r\n`));
    assert.ok(!isScaffoldedLogScript('/p/x/train.py', `${SCAFFOLD_MARKER}\n`));
    assert.ok(!isScaffoldedLogScript('/p/x/log_model.py', 'import mlflow\n'));
    assert.ok(
      !isScaffoldedLogScript('/p/x/log_model.py', `\n\n\n\n\n\n${SCAFFOLD_MARKER}\n`),
      'the marker belongs at the top',
    );
  });

  it('builds `python /abs/log_model.py` with the tracking URI and credentials only in the environment', () => {
    const inv = buildLogScriptCommand({
      python: '/usr/bin/python3',
      scriptPath: '/work/proj/phi3_mini/log_model.py',
      trackingUri: 'http://127.0.0.1:5000',
      credentialEnv: { MLFLOW_TRACKING_TOKEN: 's3cret' },
    });
    assert.deepEqual(inv, {
      command: '/usr/bin/python3',
      args: ['/work/proj/phi3_mini/log_model.py'],
      env: {
        MLFLOW_TRACKING_TOKEN: 's3cret',
        MLFLOW_TRACKING_URI: 'http://127.0.0.1:5000',
        PYTHONUNBUFFERED: '1',
      },
    });
    assert.ok(!inv.args.some((a) => a.includes('s3cret')));
    assert.deepEqual(buildLogScriptCommand({ python: 'python3', scriptPath: '/p/log_model.py' }).env, {
      PYTHONUNBUFFERED: '1',
    });
  });

  it('refuses relative paths, other scripts and paths with control characters', () => {
    for (const scriptPath of [
      'log_model.py',
      '-c',
      '--help',
      '/p/train.py',
      '/p/log_model.py\nrm',
      '/p/log_model.py\0',
      '/p/log_model.py/',
    ]) {
      assert.throws(
        () => buildLogScriptCommand({ python: 'python3', scriptPath }),
        /absolute file path|Only a scaffolded/,
        scriptPath,
      );
    }
  });
});
