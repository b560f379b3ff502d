import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../src/extension/commands/commandIds';
import type { ModelServerInfo } from '../../../src/extension/serving/modelServer';
import { EXTENSION_ID, activeApi, workspaceRoot } from './helpers';

/** The recorded real request/answer the stand-in replays (test/fixtures/…/serve/sklearn-rf-iris). */
function recorded(name: string): { request: { body: unknown }; response: { body: unknown } } {
  const root = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '';
  const file = path.join(root, 'test', 'fixtures', 'mlflow-2.17.2', 'serve', 'sklearn-rf-iris', name);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as { request: { body: unknown }; response: { body: unknown } };
}

async function setPython(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('mlflow').update('pythonPath', value, vscode.ConfigurationTarget.Global);
}

describe('serve locally (real extension host, mlflow CLI stand-in)', () => {
  const standIn = (): string => path.join(vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '', 'test', 'support', 'cli', 'python');

  afterEach(async () => {
    const api = await activeApi();
    for (const s of api.servers()) {
      await vscode.commands.executeCommand(COMMANDS.serveStop, s.id);
    }
    await setPython(undefined);
  });

  it('serves an MLmodel folder on 127.0.0.1, answers /invocations, and stops the whole process', async () => {
    const api = await activeApi();
    await setPython(standIn());
    const mlmodel = vscode.Uri.joinPath(workspaceRoot(), 'models', 'iris-logistic-regression', 'MLmodel');
    const info = await vscode.commands.executeCommand<ModelServerInfo | undefined>(COMMANDS.serveStart, mlmodel, { envManager: 'local' });
    assert.ok(info, 'the command resolved to a running server');
    assert.equal(info.status, 'running');
    assert.equal(info.modelUri, path.dirname(mlmodel.fsPath));
    assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(api.servers().map((s) => s.id), [info.id]);

    assert.equal(await (await fetch(`${info.url}/version`)).text(), '2.17.2');
    const example = recorded('invocations-dataframe_split.json');
    const res = await fetch(`${info.url}/invocations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(example.request.body),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), example.response.body);

    const stopped = await vscode.commands.executeCommand<boolean>(COMMANDS.serveStop, info.id);
    assert.equal(stopped, true);
    assert.deepEqual(api.servers(), []);
    await assert.rejects(fetch(`${info.url}/ping`), 'nothing listens on the port any more');
    assert.throws(() => process.kill(info.pid ?? -1, 0), /ESRCH/, 'the server process is gone');
  });

  it('says what is missing when no Python with MLflow can be found, and starts nothing', async () => {
    const api = await activeApi();
    await setPython('/nonexistent/bin/python');
    const info = await vscode.commands.executeCommand<ModelServerInfo | undefined>(
      COMMANDS.serveStart,
      vscode.Uri.joinPath(workspaceRoot(), 'models', 'iris-xgboost'),
      { envManager: 'local' },
    );
    assert.equal(info, undefined);
    assert.deepEqual(api.servers(), []);
  });

  it('refuses a model URI that would inject an option', async () => {
    await setPython(standIn());
    const info = await vscode.commands.executeCommand<ModelServerInfo | undefined>(COMMANDS.serveStart, '--host=0.0.0.0', { envManager: 'local' });
    assert.equal(info, undefined);
    assert.deepEqual((await activeApi()).servers(), []);
  });
});
