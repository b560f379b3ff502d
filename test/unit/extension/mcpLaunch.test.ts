import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { mcpLaunch } from '../../../src/extension/aiTools/mcpLaunch';

describe('mcpLaunch: how VS Code starts dist/mcp.js for the active connection', () => {
  const launch = mcpLaunch({
    extensionPath: path.join('/ext'),
    execPath: '/usr/bin/node',
    trackingUri: 'https://mlflow.example',
    label: 'https://mlflow.example',
    credentialEnv: { MLFLOW_TRACKING_TOKEN: 'tok-secret' },
  });

  it('runs the bundled server with the tracking URI, Electron as plain Node', () => {
    assert.equal(launch.command, '/usr/bin/node');
    assert.deepEqual(launch.args, [
      path.join('/ext', 'dist', 'mcp.js'),
      '--tracking-uri',
      'https://mlflow.example',
    ]);
    assert.equal(launch.env.ELECTRON_RUN_AS_NODE, '1');
    assert.equal(launch.label, 'MLflow (https://mlflow.example)');
  });

  it('puts credentials in the environment, never on the command line', () => {
    assert.equal(launch.env.MLFLOW_TRACKING_TOKEN, 'tok-secret');
    assert.ok(!launch.args.join(' ').includes('tok-secret'));
  });
});
