import * as assert from 'node:assert/strict';
import {
  PROJECT_RUN_LIMITS,
  isProjectRunHostMessage,
  isProjectRunWebviewMessage,
} from '../../../src/protocol/projectRun';

describe('project run form protocol guards', () => {
  it('accept exactly a run request with string values and a known env manager', () => {
    assert.ok(isProjectRunWebviewMessage({ type: 'ready' }));
    assert.ok(
      isProjectRunWebviewMessage({
        type: 'projectRun/run',
        values: { alpha: '0.5' },
        experimentName: '',
        envManager: 'uv',
      }),
    );
    const tooMany = Object.fromEntries(
      Array.from({ length: PROJECT_RUN_LIMITS.parameters + 1 }, (_, i) => [`p${String(i)}`, '1']),
    );
    for (const bad of [
      { type: 'projectRun/run', values: { alpha: 0.5 }, experimentName: '', envManager: 'local' },
      { type: 'projectRun/run', values: ['0.5'], experimentName: '', envManager: 'local' },
      { type: 'projectRun/run', values: {}, experimentName: '', envManager: 'docker' },
      { type: 'projectRun/run', values: {}, experimentName: 1, envManager: 'local' },
      { type: 'projectRun/run', values: {}, experimentName: '', envManager: 'local', python: '/bin/sh' },
      {
        type: 'projectRun/run',
        values: { a: 'x'.repeat(PROJECT_RUN_LIMITS.value + 1) },
        experimentName: '',
        envManager: 'local',
      },
      { type: 'projectRun/run', values: tooMany, experimentName: '', envManager: 'local' },
      {
        type: 'projectRun/run',
        values: { a: '1' },
        experimentName: 'x'.repeat(PROJECT_RUN_LIMITS.experimentName + 1),
        envManager: 'local',
      },
      { type: 'projectRun/shell', command: 'rm -rf /' },
      { type: 'ready', extra: true },
      null,
    ]) {
      assert.equal(isProjectRunWebviewMessage(bad), false, JSON.stringify(bad).slice(0, 80));
    }
  });

  it('check the host messages before the form renders them', () => {
    assert.ok(
      isProjectRunHostMessage({
        type: 'projectRun/init',
        project: 'wine',
        file: 'MLproject',
        entryPoint: 'main',
        parameters: [
          { name: 'alpha', type: 'float', default: '0.5' },
          { name: 'data', type: 'path' },
        ],
        values: { alpha: '0.5' },
        experimentName: '',
        envManager: 'local',
      }),
    );
    assert.ok(
      isProjectRunHostMessage({
        type: 'projectRun/status',
        state: 'started',
        message: 'Running in the terminal.',
      }),
    );
    assert.equal(
      isProjectRunHostMessage({
        type: 'projectRun/init',
        project: 'wine',
        file: 'MLproject',
        entryPoint: 'main',
        parameters: [{ name: 'alpha', type: 'float', default: 0.5 }],
        values: {},
        experimentName: '',
        envManager: 'local',
      }),
      false,
    );
    assert.equal(
      isProjectRunHostMessage({ type: 'projectRun/status', state: 'exploded', message: '' }),
      false,
    );
  });
});
