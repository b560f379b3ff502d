import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  buildVersionCommand,
  missingMlflowAdvice,
  parseMlflowVersion,
} from '../../../../src/core/cli/mlflowVersion';
import { pythonCandidates } from '../../../../src/core/cli/pythonCandidates';

describe('finding MLflow', () => {
  it('reads the version the real CLI printed', () => {
    const text = fs.readFileSync(
      path.resolve(__dirname, '../../../fixtures/mlflow-2.17.2/cli/version.txt'),
      'utf8',
    );
    assert.equal(parseMlflowVersion(text), '2.17.2');
    assert.equal(parseMlflowVersion('Python 3.11.7'), undefined);
    assert.deepEqual(buildVersionCommand('python3').args, ['-m', 'mlflow', '--version']);
  });

  it('says what is missing and how to install it', () => {
    assert.match(
      missingMlflowAdvice('/usr/bin/python3', '/usr/bin/python3: No module named mlflow'),
      /python3 -m pip install mlflow/,
    );
    assert.match(
      missingMlflowAdvice('/nope/python', 'spawn /nope/python ENOENT'),
      /Select Interpreter|mlflow\.pythonPath/,
    );
    // every case names the setting that fixes it
    for (const stderr of ['No module named mlflow', 'spawn x ENOENT', 'Traceback…\nImportError: bad']) {
      assert.match(missingMlflowAdvice('/v/bin/python', stderr), /set mlflow\.pythonPath/i, stderr);
    }
  });

  it('tries the Python extension, then the setting, then PATH, each once', () => {
    assert.deepEqual(
      pythonCandidates({ fromPythonExtension: '/venv/bin/python', setting: ' ', platform: 'linux' }),
      ['/venv/bin/python', 'python3', 'python'],
    );
    assert.deepEqual(
      pythonCandidates({ fromPythonExtension: undefined, setting: 'python3', platform: 'linux' }),
      ['python3', 'python'],
    );
    assert.deepEqual(
      pythonCandidates({ fromPythonExtension: undefined, setting: undefined, platform: 'win32' }),
      ['python', 'py'],
    );
  });
});
