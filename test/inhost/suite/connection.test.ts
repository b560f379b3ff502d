import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Diagnosis } from '../../../src/core/connection/diagnoseConnection';
import { COMMANDS } from '../../../src/extension/shared/commandIds/commandIds';
import { startScriptedServer } from '../../support/mlflow/scriptedServer';
import { activeApi, clearTrackingUriSetting, repoRoot, waitForConnection, workspaceRoot } from './helpers';

describe('connection (real extension host, demo workspace)', () => {
  afterEach(async () => {
    await clearTrackingUriSetting();
  });

  it('connects read-only to the mlflow.db found in the workspace', async () => {
    const api = await activeApi();
    await api.discovered;
    const state = await waitForConnection(
      api,
      (s) => s.status === 'ready' && s.source === 'workspace',
      'the workspace store',
    );
    assert.ok(state.status === 'ready');
    assert.ok(state.target.kind === 'sqlite', state.target.kind);
    assert.equal(state.target.path, vscode.Uri.joinPath(workspaceRoot(), 'mlflow.db').fsPath);
  });

  it('reads the workspace mlflow.db through sql.js in the bundle: the experiments the server recorded', async () => {
    const api = await activeApi();
    await api.discovered;
    await waitForConnection(
      api,
      (s) => s.status === 'ready' && s.source === 'workspace',
      'the workspace store',
    );
    const stores = await api.stores();
    const page = await stores.tracking.searchExperiments({ maxResults: 100 });
    const recorded = JSON.parse(
      new TextDecoder().decode(
        await vscode.workspace.fs.readFile(
          vscode.Uri.joinPath(repoRoot(), 'test/fixtures/mlflow-2.17.2/rest/001-experiments-search-get.json'),
        ),
      ),
    ) as { response: { body: { experiments: Array<{ experiment_id: string; name: string }> } } };
    assert.deepEqual(
      page.items.map((e) => [e.experimentId, e.name]),
      recorded.response.body.experiments.map((e) => [e.experiment_id, e.name]),
    );
  });

  it('lets the mlflow.trackingUri setting win, and reports a URI it cannot use', async () => {
    const api = await activeApi();
    const config = vscode.workspace.getConfiguration('mlflow');
    await config.update('trackingUri', 'http://127.0.0.1:5999/team/', vscode.ConfigurationTarget.Workspace);
    const rest = await waitForConnection(
      api,
      (s) => s.status === 'ready' && s.source === 'setting',
      'the setting',
    );
    assert.ok(rest.status === 'ready' && rest.target.kind === 'rest');
    assert.equal(rest.target.baseUrl, 'http://127.0.0.1:5999/team');

    await config.update('trackingUri', 'ftp://files.example/runs', vscode.ConfigurationTarget.Workspace);
    const bad = await waitForConnection(api, (s) => s.status === 'invalid', 'an invalid state');
    assert.ok(bad.status === 'invalid');
    assert.match(bad.problem, /Unsupported tracking URI scheme "ftp:"/);

    await clearTrackingUriSetting();
    await waitForConnection(
      api,
      (s) => s.status === 'ready' && s.source === 'workspace',
      'the workspace store again',
    );
  });

  it('Connect to Tracking Server saves a checked address and refuses credentials in the URL', async () => {
    const api = await activeApi();
    const refused = await vscode.commands.executeCommand<boolean>(
      COMMANDS.connectServer,
      'https://alice:pw@mlflow.example.com',
    );
    assert.equal(refused, false);
    assert.equal(vscode.workspace.getConfiguration('mlflow').get('trackingUri'), '');

    const ok = await vscode.commands.executeCommand<boolean>(COMMANDS.connectServer, 'http://127.0.0.1:5001');
    assert.equal(ok, true);
    assert.equal(vscode.workspace.getConfiguration('mlflow').get('trackingUri'), 'http://127.0.0.1:5001');
    const state = await waitForConnection(
      api,
      (s) => s.status === 'ready' && s.target.kind === 'rest',
      'the new server',
    );
    assert.equal(state.status === 'ready' && state.source, 'setting');
  });

  it('applies a chosen server as its setting starts to be written, not once the workbench has written it back', async () => {
    const api = await activeApi();
    const uri = 'http://127.0.0.1:5002';
    const config = (): unknown => vscode.workspace.getConfiguration('mlflow').get('trackingUri');
    // The Experiments view reloads for the new server; what the setting said at that moment tells
    // whether the connection waited for the write (which is a round trip through the workbench).
    const reloaded = new Promise<unknown>((resolve) => {
      const sub = api.explorer.experiments.onDidChangeTreeData(() => {
        const state = api.connection();
        if (state.status === 'ready' && state.uri === uri) {
          sub.dispose();
          resolve(config());
        }
      });
    });
    assert.equal(config(), '');
    assert.equal(await vscode.commands.executeCommand<boolean>(COMMANDS.connectServer, uri), true);
    assert.equal(await reloaded, '', 'the view reloaded before the setting came back written');
    assert.equal(config(), uri, 'and the setting is written');
    const state = api.connection();
    assert.equal(state.status === 'ready' && state.source, 'setting');
  });

  it('Open Local Store takes an mlruns folder and refuses a folder that is not a store', async () => {
    const api = await activeApi();
    const ok = await vscode.commands.executeCommand<boolean>(
      COMMANDS.openLocalStore,
      vscode.Uri.joinPath(workspaceRoot(), 'local-runs'),
    );
    assert.equal(ok, true);
    const state = await waitForConnection(
      api,
      (s) => s.status === 'ready' && s.target.kind === 'file',
      'the file store',
    );
    assert.ok(state.status === 'ready' && state.target.kind === 'file');
    assert.equal(state.target.path, vscode.Uri.joinPath(workspaceRoot(), 'local-runs', 'mlruns').fsPath);

    const refused = await vscode.commands.executeCommand<boolean>(
      COMMANDS.openLocalStore,
      vscode.Uri.joinPath(workspaceRoot(), 'models'),
    );
    assert.equal(refused, false);
  });

  it('Show Connection Details opens one MLflow Connection webview panel', async () => {
    await vscode.commands.executeCommand(COMMANDS.showConnectionDetails);
    await vscode.commands.executeCommand(COMMANDS.showConnectionDetails);
    const webviewTabs = (): vscode.Tab[] =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .filter((t) => t.input instanceof vscode.TabInputWebview);
    // The tab model catches up with the renderer asynchronously.
    const deadline = Date.now() + 10_000;
    while (webviewTabs().length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const tabs = webviewTabs();
    const ours = tabs.filter((t) => t.label === 'MLflow Connection');
    assert.equal(ours.length, 1, `tabs: ${tabs.map((t) => t.label).join(', ')}`);
    const input = ours[0]?.input;
    assert.ok(input instanceof vscode.TabInputWebview && input.viewType.endsWith('mlflow.connectionDetails'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Test Connection calls a healthy MLflow 2.x server connected, in a line that fits a notification', async () => {
    // Answered as the real 2.17.2 server answers: experiments, a 400 from get-history-bulk-interval
    // (the route exists), Flask's HTML 404 for logged-models/search (added in 3.0).
    const server = await startScriptedServer();
    try {
      server.script((req) =>
        req.path.endsWith('/experiments/search')
          ? {
              status: 200,
              contentType: 'application/json',
              body: JSON.stringify({ experiments: [{ experiment_id: '0', name: 'Default' }] }),
            }
          : req.path.endsWith('/metrics/get-history-bulk-interval')
            ? {
                status: 400,
                contentType: 'application/json',
                body: JSON.stringify({
                  error_code: 'INVALID_PARAMETER_VALUE',
                  message: "Missing value for required parameter 'run_ids'.",
                }),
              }
            : {
                status: 404,
                contentType: 'text/html; charset=utf-8',
                body: '<!doctype html><title>404 Not Found</title>',
              },
      );
      const d = await vscode.commands.executeCommand<Diagnosis>(COMMANDS.testConnection, server.baseUrl);
      assert.equal(d.severity, 'ok', 'information, not a warning');
      assert.equal(d.summary, 'Connected (older than MLflow 3.0: no logged models).');
      assert.ok(`${server.baseUrl}: ${d.summary}`.length <= 100);
      assert.match(d.details ?? '', /pip install -U mlflow/);
    } finally {
      await server.close();
      await vscode.commands.executeCommand('notifications.clearAll');
    }
  });
});
