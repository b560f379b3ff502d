import * as assert from 'node:assert/strict';
import { connectionSourceLabel } from '../../../../src/core/connection/connectionSourceLabel';
import { resolveConnection } from '../../../../src/core/connection/resolveConnection';

describe('where the tracking URI came from, in words', () => {
  it('names a workspace .env file as such, not "dotenv"', () => {
    const resolved = resolveConnection({
      setting: '',
      env: undefined,
      dotenv: 'http://127.0.0.1:5000',
      discovered: undefined,
    });
    assert.ok(resolved);
    assert.equal(resolved.source, 'dotenv');
    const label = connectionSourceLabel(resolved.source);
    assert.match(label, /\.env file/);
    assert.doesNotMatch(label, /dotenv/);
  });

  it('has a label for every source and leaves an unknown word alone', () => {
    assert.equal(connectionSourceLabel('setting'), 'mlflow.trackingUri setting');
    assert.equal(connectionSourceLabel('environment'), 'MLFLOW_TRACKING_URI environment variable');
    assert.equal(connectionSourceLabel('workspace'), 'found in this workspace');
    assert.equal(connectionSourceLabel('toString'), 'toString');
  });
});
