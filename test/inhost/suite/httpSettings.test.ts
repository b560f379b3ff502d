import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startScriptedServer, type ScriptedServer } from '../../support/mlflow/scriptedServer';
import { activeApi, clearTrackingUriSetting, waitForConnection } from './helpers';

describe('mlflow.http.* settings reach the REST client (real extension host)', () => {
  let server: ScriptedServer;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('mlflow');

  before(async () => {
    server = await startScriptedServer();
  });
  after(async () => {
    await config().update('http.maxRetries', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('http.timeoutSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    await clearTrackingUriSetting();
    await server.close();
  });

  /** Requests for one run id only, so that views polling the same server do not count. */
  const sentFor = (runId: string): number =>
    server.received.filter((r) => r.query.some(([k, v]) => k === 'run_id' && v === runId)).length;

  it('retries a 503 as often as mlflow.http.maxRetries says, and applies a changed value at once', async () => {
    const api = await activeApi();
    await config().update('http.maxRetries', 0, vscode.ConfigurationTarget.Workspace);
    await config().update('trackingUri', server.baseUrl, vscode.ConfigurationTarget.Workspace);
    await waitForConnection(
      api,
      (s) => s.status === 'ready' && s.uri === server.baseUrl,
      'the scripted server',
    );
    server.script({ status: 503, body: '{"error_code":"TEMPORARILY_UNAVAILABLE","message":"busy"}' });

    await assert.rejects((await api.stores()).tracking.getRun('no-retry'), /busy/);
    assert.equal(sentFor('no-retry'), 1);

    await config().update('http.maxRetries', 2, vscode.ConfigurationTarget.Workspace);
    await assert.rejects((await api.stores()).tracking.getRun('two-retries'), /busy/);
    assert.equal(sentFor('two-retries'), 3);
  });

  it('gives up after mlflow.http.timeoutSeconds on a server that never answers', async () => {
    const api = await activeApi();
    await config().update('http.maxRetries', 0, vscode.ConfigurationTarget.Workspace);
    await config().update('http.timeoutSeconds', 1, vscode.ConfigurationTarget.Workspace);
    await waitForConnection(
      api,
      (s) => s.status === 'ready' && s.uri === server.baseUrl,
      'the scripted server',
    );
    server.script({ hang: true });
    await assert.rejects((await api.stores()).tracking.getRun('silent'), /got no answer within 1 s/);
    assert.equal(sentFor('silent'), 1);
  });
});
