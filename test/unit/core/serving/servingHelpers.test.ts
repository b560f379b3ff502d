import * as assert from 'node:assert/strict';
import { credentialsToEnv } from '../../../../src/core/cli/credentialEnv';
import { formatUptime } from '../../../../src/core/serving/formatUptime';
import { refuseUntrusted } from '../../../../src/core/serving/trustGuard';

describe('formatUptime', () => {
  it('shows whole minutes, then hours and days, never seconds', () => {
    assert.equal(formatUptime(-5), '<1m');
    assert.equal(formatUptime(59_999), '<1m');
    assert.equal(formatUptime(60_000), '1m');
    assert.equal(formatUptime(5 * 60_000 + 3_000), '5m');
    assert.equal(formatUptime(2 * 3_600_000 + 5 * 60_000), '2h 05m');
    assert.equal(formatUptime(3 * 86_400_000 + 4 * 3_600_000), '3d 04h');
  });
});

describe('refuseUntrusted', () => {
  it('throws in an untrusted workspace and says how to trust it', () => {
    assert.throws(() => {
      refuseUntrusted(false, 'Serving a model');
    }, /^Error: Serving a model runs the model's code: trust this workspace first/);
    assert.doesNotThrow(() => {
      refuseUntrusted(true, 'Serving a model');
    });
    assert.throws(() => {
      refuseUntrusted(false, 'Running an MLflow project', "the project's code");
    }, /^Error: Running an MLflow project runs the project's code: trust this workspace first/);
  });
});

describe('credentialsToEnv', () => {
  it('passes basic or bearer credentials as MLflow env vars and clears the other kind', () => {
    assert.deepEqual(credentialsToEnv({ kind: 'basic', username: 'u', password: 'p w' }), {
      MLFLOW_TRACKING_USERNAME: 'u',
      MLFLOW_TRACKING_PASSWORD: 'p w',
      MLFLOW_TRACKING_TOKEN: '',
    });
    assert.deepEqual(credentialsToEnv({ kind: 'bearer', token: 't' }), {
      MLFLOW_TRACKING_TOKEN: 't',
      MLFLOW_TRACKING_USERNAME: '',
      MLFLOW_TRACKING_PASSWORD: '',
    });
    assert.deepEqual(credentialsToEnv(undefined), {});
  });
});
