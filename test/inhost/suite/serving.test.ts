import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../src/extension/shared/commandIds/commandIds';
import type { ModelServerInfo } from '../../../src/extension/serving/modelServer';
import { EXTENSION_ID, activeApi, workspaceRoot } from './helpers';

/** The recorded real request/answer the stand-in replays (test/fixtures/…/serve/sklearn-rf-iris). */
function recorded(name: string): { request: { body: unknown }; response: { body: unknown } } {
  const root = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '';
  const file = path.join(root, 'test', 'fixtures', 'mlflow-2.17.2', 'serve', 'sklearn-rf-iris', name);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as {
    request: { body: unknown };
    response: { body: unknown };
  };
}

async function setPython(value: string | undefined): Promise<void> {
  await vscode.workspace
    .getConfiguration('mlflow')
    .update('pythonPath', value, vscode.ConfigurationTarget.Global);
}

describe('serve locally (real extension host, mlflow CLI stand-in)', () => {
  const standIn = (): string =>
    path.join(
      vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '',
      'test',
      'support',
      'cli',
      'python',
    );

  afterEach(async () => {
    const api = await activeApi();
    for (const s of api.servers()) {
      await vscode.commands.executeCommand(COMMANDS.serveStop, s.id);
    }
    await setPython(undefined);
    // a prompt left open by a failing test must not answer for the next one
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  it('serves an MLmodel folder on 127.0.0.1, answers /invocations, and stops the whole process', async () => {
    const api = await activeApi();
    // like a venv's python: its folder (where `gunicorn` is) is not on the host's PATH
    assert.ok(
      !(process.env.PATH ?? '').split(path.delimiter).includes(path.dirname(standIn())),
      'the stand-in folder is not on PATH',
    );
    await setPython(standIn());
    const mlmodel = vscode.Uri.joinPath(workspaceRoot(), 'models', 'iris-logistic-regression', 'MLmodel');
    const info = await vscode.commands.executeCommand<ModelServerInfo | undefined>(
      COMMANDS.serveStart,
      mlmodel,
      { envManager: 'local' },
    );
    assert.ok(info, 'the command resolved to a running server');
    assert.equal(info.status, 'running');
    assert.equal(info.modelUri, path.dirname(mlmodel.fsPath));
    assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(
      api.servers().map((s) => s.id),
      [info.id],
    );

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

  it('starts `python -m mlflow` in a folder of its own, never the workspace (no mlflow/ there can shadow MLflow)', async () => {
    const cwdLog = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-cwd-')), 'cwd.jsonl');
    process.env.MLFLOW_STANDIN_CWD_LOG = cwdLog;
    try {
      await setPython(standIn());
      const info = await vscode.commands.executeCommand<ModelServerInfo | undefined>(
        COMMANDS.serveStart,
        vscode.Uri.joinPath(workspaceRoot(), 'models', 'iris-logistic-regression'),
        { envManager: 'local' },
      );
      assert.ok(info);
      const starts = fs
        .readFileSync(cwdLog, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { args: string[]; cwd: string });
      const serve = starts.find((s) => s.args.includes('serve'));
      assert.ok(serve, 'the serve start was logged');
      // (`python --version` for the MLmodel hint runs no module and may start anywhere)
      for (const s of starts.filter((st) => st.args[0] === '-m' && st.args[1] === 'mlflow')) {
        assert.ok(
          !s.cwd.startsWith(workspaceRoot().fsPath),
          `${s.args.join(' ')} started in the workspace (${s.cwd})`,
        );
        assert.match(path.basename(s.cwd), /^mlflow-vscode-/);
        assert.equal(fs.readdirSync(s.cwd).length, 0, 'the folder is empty');
      }
    } finally {
      delete process.env.MLFLOW_STANDIN_CWD_LOG;
    }
  });

  it('a serve that fails keeps its row and its log, and says why', async () => {
    const api = await activeApi();
    // an interpreter whose folder holds no gunicorn: MLflow's `exec gunicorn` fails with 127
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-no-gunicorn-'));
    fs.symlinkSync(standIn(), path.join(dir, 'python'));
    await setPython(path.join(dir, 'python'));
    const info = await vscode.commands.executeCommand<ModelServerInfo | undefined>(
      COMMANDS.serveStart,
      vscode.Uri.joinPath(workspaceRoot(), 'models', 'iris-logistic-regression'),
      { envManager: 'local' },
    );
    assert.equal(info, undefined, 'the command reports the failure instead of a server');
    const [failed] = api.servers();
    assert.ok(failed, 'the failed server is still listed');
    assert.equal(failed.status, 'failed');
    assert.match(failed.lastLogLine ?? '', /gunicorn: (command )?not found/);
    assert.equal(
      await vscode.commands.executeCommand<boolean>(COMMANDS.serveShowLogs, failed.id),
      true,
      'its log can still be shown',
    );
    assert.equal(
      await vscode.commands.executeCommand<boolean>(COMMANDS.serveStop, failed.id),
      true,
      'Stop removes it',
    );
    assert.deepEqual(api.servers(), []);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('checks for MLflow before asking anything: no prompt when MLflow is missing', async () => {
    const api = await activeApi();
    await setPython('/nonexistent/bin/python');
    // No answers given: before the fix this opened the environment-manager pick and waited.
    const info = await vscode.commands.executeCommand<ModelServerInfo | undefined>(
      COMMANDS.serveStart,
      vscode.Uri.joinPath(workspaceRoot(), 'models', 'iris-logistic-regression'),
    );
    assert.equal(info, undefined);
    assert.deepEqual(api.servers(), []);
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
    const info = await vscode.commands.executeCommand<ModelServerInfo | undefined>(
      COMMANDS.serveStart,
      '--host=0.0.0.0',
      { envManager: 'local' },
    );
    assert.equal(info, undefined);
    assert.deepEqual((await activeApi()).servers(), []);
  });
});
