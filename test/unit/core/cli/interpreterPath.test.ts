import * as assert from 'node:assert/strict';
import { withInterpreterOnPath } from '../../../../src/core/cli/interpreterPath';

describe('withInterpreterOnPath (tools MLflow starts by name are found next to the interpreter)', () => {
  it('puts a venv interpreter’s bin/ first on PATH, as activating the venv would', () => {
    const env = withInterpreterOnPath(
      '/home/u/lab/venv/bin/python',
      { PATH: '/usr/bin:/bin', HOME: '/home/u' },
      'linux',
    );
    assert.equal(env.PATH, '/home/u/lab/venv/bin:/usr/bin:/bin');
    assert.equal(env.HOME, '/home/u');
  });

  it('moves the folder to the front once when PATH already holds it', () => {
    const env = withInterpreterOnPath('/v/bin/python3', { PATH: '/usr/bin:/v/bin:/bin' }, 'darwin');
    assert.equal(env.PATH, '/v/bin:/usr/bin:/bin');
  });

  it('gives a PATH even when the environment has none', () => {
    assert.equal(withInterpreterOnPath('/v/bin/python', {}, 'linux').PATH, '/v/bin');
  });

  it('leaves a bare command name alone: PATH already finds it and its tools', () => {
    const before = { PATH: '/usr/bin' };
    assert.deepEqual(withInterpreterOnPath('python3', before, 'linux'), before);
  });

  it('on Windows adds Scripts\\ beside a conda python.exe and keeps the Path spelling', () => {
    const env = withInterpreterOnPath('C:\\conda\\envs\\ml\\python.exe', { Path: 'C:\\Windows' }, 'win32');
    assert.equal(env.Path, 'C:\\conda\\envs\\ml;C:\\conda\\envs\\ml\\Scripts;C:\\Windows');
    assert.equal(env.PATH, undefined);
  });

  it('on Windows a venv Scripts\\python.exe adds its own folder only', () => {
    const env = withInterpreterOnPath('C:\\p\\.venv\\Scripts\\python.exe', { PATH: 'C:\\Windows' }, 'win32');
    assert.equal(env.PATH, 'C:\\p\\.venv\\Scripts;C:\\Windows');
  });
});
