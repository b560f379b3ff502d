import * as assert from 'node:assert/strict';
import { pickWorkspaceStore, resolveConnection } from '../../../../src/core/connection/resolveConnection';

describe('resolveConnection', () => {
  it('prefers the setting, then MLFLOW_TRACKING_URI, then a discovered store', () => {
    const all = { setting: 'http://a:5000', env: 'http://b:5000', discovered: 'sqlite:////w/mlflow.db' };
    assert.deepEqual(resolveConnection(all), { uri: 'http://a:5000', source: 'setting' });
    assert.deepEqual(resolveConnection({ ...all, setting: '  ' }), {
      uri: 'http://b:5000',
      source: 'environment',
    });
    assert.deepEqual(resolveConnection({ ...all, setting: '', env: undefined }), {
      uri: 'sqlite:////w/mlflow.db',
      source: 'workspace',
    });
    assert.equal(resolveConnection({ setting: undefined, env: '', discovered: undefined }), undefined);
  });

  it('puts the workspace .env between the process environment and discovery', () => {
    const all = {
      setting: '',
      env: 'http://b:5000',
      dotenv: ' http://dotenv:5000 ',
      discovered: 'sqlite:////w/mlflow.db',
    };
    assert.deepEqual(resolveConnection(all), { uri: 'http://b:5000', source: 'environment' });
    assert.deepEqual(resolveConnection({ ...all, env: undefined }), {
      uri: 'http://dotenv:5000',
      source: 'dotenv',
    });
    assert.deepEqual(resolveConnection({ ...all, env: undefined, dotenv: '' }), {
      uri: 'sqlite:////w/mlflow.db',
      source: 'workspace',
    });
    assert.deepEqual(resolveConnection({ ...all, setting: 'http://a' }), {
      uri: 'http://a',
      source: 'setting',
    });
  });
});

describe('pickWorkspaceStore', () => {
  it('prefers mlflow.db, then the shallowest store', () => {
    assert.deepEqual(
      pickWorkspaceStore(['/w/sub/mlruns/0/meta.yaml', '/w/deep/er/mlflow.db', '/w/mlflow.db']),
      { kind: 'sqlite', path: '/w/mlflow.db' },
    );
    assert.deepEqual(pickWorkspaceStore(['/w/a/b/mlruns/1/meta.yaml', '/w/mlruns/0/meta.yaml']), {
      kind: 'file',
      path: '/w/mlruns',
    });
  });

  it('ignores meta.yaml files that are not an experiment of an mlruns folder', () => {
    assert.equal(pickWorkspaceStore(['/w/config/meta.yaml', '/w/mlruns/0/abc/meta.yaml']), undefined);
  });
});
