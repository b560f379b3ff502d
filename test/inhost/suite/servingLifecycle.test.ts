import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../src/extension/shared/commandIds/commandIds';
import { ConnectionManager } from '../../../src/extension/connection/connectionManager';
import type { ExplorerNode, NodeOf } from '../../../src/extension/explorer/explorerNode';
import { freePort } from '../../../src/extension/shared/freePort';
import type { ModelServerInfo } from '../../../src/extension/serving/modelServer';
import { ServeManager } from '../../../src/extension/serving/serveManager';
import { ServingTreeProvider } from '../../../src/extension/serving/servingTreeProvider';
import { StoreSession } from '../../../src/extension/connection/storeSession';
import { modelFileReader } from '../../../src/extension/serving/modelFileReader';
import { initialRequest } from '../../../src/core/serving/initialRequest';
import {
  EXTENSION_ID,
  activeApi,
  clearTrackingUriSetting,
  waitForConnection,
  workspaceRoot,
  until,
} from './helpers';

const root = (): string => vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '';
const standIn = (): string => path.join(root(), 'test', 'support', 'cli', 'python');

interface Exchange {
  request: { body: unknown };
  response: { body: unknown };
}
const recorded = (session: string, name: string): Exchange =>
  JSON.parse(
    fs.readFileSync(path.join(root(), 'test', 'fixtures', 'mlflow-2.17.2', 'serve', session, name), 'utf8'),
  ) as Exchange;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Wait for a process to be gone; a killed child is reaped by init a moment after the signal. */
async function gone(pid: number, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (alive(pid)) {
    if (Date.now() > deadline) {
      assert.fail(`${what} (pid ${String(pid)}) is still running`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('serving lifecycle (real extension host, mlflow CLI stand-in)', () => {
  let tmp: string;
  let argvLog: string;
  const calls = (): string[][] =>
    fs.existsSync(argvLog)
      ? fs
          .readFileSync(argvLog, 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as string[])
      : [];

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-serving-'));
    argvLog = path.join(tmp, 'argv.jsonl');
    process.env.MLFLOW_STANDIN_ARGV_LOG = argvLog;
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('pythonPath', standIn(), vscode.ConfigurationTarget.Global);
  });

  afterEach(async () => {
    delete process.env.MLFLOW_STANDIN_NEVER_READY;
    delete process.env.MLFLOW_STANDIN_WORKER_PID_FILE;
    delete process.env.MLFLOW_STANDIN_DEPLOYMENTS_FILE;
    const api = await activeApi();
    for (const s of api.servers()) {
      await vscode.commands.executeCommand(COMMANDS.serveStop, s.id);
    }
  });

  after(async () => {
    delete process.env.MLFLOW_STANDIN_ARGV_LOG;
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('pythonPath', undefined, vscode.ConfigurationTarget.Global);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('serves a registered version through its alias from the Models view and answers as the recorded server did', async () => {
    const api = await activeApi();
    await clearTrackingUriSetting();
    await waitForConnection(api, (s) => s.status === 'ready', 'the workspace mlflow.db');
    const iris = (await api.explorer.models.getChildren()).find(
      (n) => n.kind === 'registeredModel' && n.model.name === 'iris-classifier',
    );
    assert.ok(iris);
    const versions = (await api.explorer.models.getChildren(iris)).filter(
      (n): n is NodeOf<'modelVersion'> => n.kind === 'modelVersion',
    );
    const champion = versions.find((v) => v.modelVersion.aliases.includes('champion'));
    assert.ok(champion, 'a version carries @champion');
    assert.match(
      String(api.explorer.models.getTreeItem(champion).contextValue),
      /^mlflow\.modelVersion/,
      'the node the Serve menu entry is on',
    );

    const info = await vscode.commands.executeCommand<ModelServerInfo | undefined>(
      COMMANDS.serveStart,
      champion,
      { envManager: 'local', alias: 'champion' },
    );
    assert.ok(info);
    assert.equal(info.modelUri, 'models:/iris-classifier@champion');
    const serve = calls().find((c) => c[3] === 'serve');
    assert.deepEqual(serve?.slice(4, 8), [
      '-m',
      'models:/iris-classifier@champion',
      '--env-manager',
      'local',
    ]);
    const ex = recorded('sklearn-iris-champion', 'invocations-dataframe_split.json');
    const res = await fetch(`${info.url}/invocations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(ex.request.body),
    });
    assert.deepEqual(await res.json(), ex.response.body);

    const plain = await vscode.commands.executeCommand<ModelServerInfo | undefined>(
      COMMANDS.serveStart,
      champion,
      { envManager: 'local' },
    );
    assert.equal(
      plain?.modelUri,
      `models:/iris-classifier/${champion.version}`,
      'without an alias answer, the version itself',
    );
  });

  it("reads the Try it request of a models:/ alias from the tracking store: the version's run artifacts", async () => {
    const api = await activeApi();
    await waitForConnection(api, (st) => st.status === 'ready', 'the workspace mlflow.db');
    const log = vscode.window.createOutputChannel('MLflow reader test', { log: true });
    const connections = new ConnectionManager(log);
    const session = new StoreSession(connections, root());
    try {
      await connections.rediscover();
      await waitForConnection(
        { ...api, connection: () => connections.state },
        (st) => st.status === 'ready',
        'a second connection manager',
      );
      const read = modelFileReader('models:/iris-classifier@champion', session);
      assert.match((await read('MLmodel')) ?? '', /run_id: 5479c2e952464803bc764edb72ee0164/);
      const first = await initialRequest(read);
      assert.equal(first.source, 'serving_input_example.json');
      assert.deepEqual(
        JSON.parse(first.body),
        recorded('sklearn-rf-iris', 'invocations-serving_input_example.json').request.body,
      );
      assert.deepEqual(
        first.signature?.inputs.map((c) => c.name),
        ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'],
      );
      assert.equal(
        await modelFileReader('runs:/5479c2e952464803bc764edb72ee0164/model', session)('no-such-file.json'),
        undefined,
      );
    } finally {
      session.dispose();
      connections.dispose();
      log.dispose();
    }
  });

  it('remembers the environment manager chosen last in this workspace', async () => {
    const folder = vscode.Uri.joinPath(workspaceRoot(), 'models', 'iris-logistic-regression');
    const uv = await vscode.commands.executeCommand<ModelServerInfo | undefined>(
      COMMANDS.serveStart,
      folder,
      { envManager: 'uv' },
    );
    assert.equal(uv?.envManager, 'uv');
    assert.ok(calls().some((c) => c[3] === 'serve' && c.join(' ').includes('--env-manager uv')));
    await vscode.commands.executeCommand(COMMANDS.serveStop, uv.id);
    const again = await vscode.commands.executeCommand<ModelServerInfo | undefined>(
      COMMANDS.serveStart,
      folder,
      {},
    );
    assert.equal(again?.envManager, 'uv', 'no answer: the last choice');
    await vscode.commands.executeCommand(COMMANDS.serveStop, again.id);
    const local = await vscode.commands.executeCommand<ModelServerInfo | undefined>(
      COMMANDS.serveStart,
      folder,
      { envManager: 'local' },
    );
    assert.equal(local?.envManager, 'local');
  });

  it("serves a run's logged model from the Experiments view as runs:/<id>/<path>", async () => {
    const api = await activeApi();
    await waitForConnection(api, (s) => s.status === 'ready', 'the workspace mlflow.db');
    const experiment = (await api.explorer.experiments.getChildren()).find(
      (n) => n.kind === 'experiment' && n.experiment.name === 'iris-classification',
    );
    const run = (await api.explorer.experiments.getChildren(experiment)).find(
      (n): n is NodeOf<'run'> => n.kind === 'run' && n.runId === '5479c2e952464803bc764edb72ee0164',
    );
    assert.ok(run);
    const models = (await api.explorer.experiments.getChildren(run)).find(
      (n) => n.kind === 'section' && n.section === 'models',
    );
    const logged = (await api.explorer.experiments.getChildren(models)).find(
      (n: ExplorerNode): n is NodeOf<'loggedModel'> => n.kind === 'loggedModel',
    );
    assert.ok(logged);
    assert.equal(api.explorer.experiments.getTreeItem(logged).contextValue, 'mlflow.loggedModel');
    const info = await vscode.commands.executeCommand<ModelServerInfo | undefined>(
      COMMANDS.serveStart,
      logged,
      { envManager: 'local' },
    );
    assert.ok(info);
    assert.equal(info.modelUri, 'runs:/5479c2e952464803bc764edb72ee0164/model');
    const ex = recorded('sklearn-rf-iris', 'invocations-serving_input_example.json');
    const res = await fetch(`${info.url}/invocations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(ex.request.body),
    });
    assert.deepEqual(await res.json(), ex.response.body);
  });

  it('checks `mlflow --version` once per interpreter, and again after the setting changes', async () => {
    const mlmodel = vscode.Uri.joinPath(workspaceRoot(), 'models', 'iris-logistic-regression');
    fs.rmSync(argvLog, { force: true });
    const versionChecks = (): number => calls().filter((c) => c[2] === '--version').length;
    const serveOnce = async (): Promise<void> => {
      const info = await vscode.commands.executeCommand<ModelServerInfo | undefined>(
        COMMANDS.serveStart,
        mlmodel,
        { envManager: 'local' },
      );
      assert.ok(info);
      await vscode.commands.executeCommand(COMMANDS.serveStop, info.id);
    };
    await serveOnce();
    await serveOnce();
    assert.ok(versionChecks() <= 1, `${String(versionChecks())} --version checks for two serves`);
    const before = versionChecks();
    // the same stand-in through a symlink, as a venv's bin/python is (with its gunicorn beside
    // it): another interpreter path, set through the settings
    const bin = fs.mkdtempSync(path.join(tmp, 'venv-bin-'));
    const link = path.join(bin, 'python');
    fs.symlinkSync(standIn(), link);
    fs.symlinkSync(path.join(path.dirname(standIn()), 'gunicorn'), path.join(bin, 'gunicorn'));
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('pythonPath', link, vscode.ConfigurationTarget.Global);
    await serveOnce();
    assert.equal(versionChecks(), before + 1);
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('pythonPath', standIn(), vscode.ConfigurationTarget.Global);
  });

  it('cancels a server that never becomes ready when it is stopped while starting, leaving no process', async () => {
    const api = await activeApi();
    process.env.MLFLOW_STANDIN_NEVER_READY = '1';
    const starting = vscode.commands.executeCommand<ModelServerInfo | undefined>(
      COMMANDS.serveStart,
      vscode.Uri.joinPath(workspaceRoot(), 'models', 'iris-logistic-regression'),
      { envManager: 'local' },
    );
    const server = await until('the server to be listed as starting', () =>
      api.servers().find((s) => s.status === 'starting'),
    );
    assert.ok(server.pid);
    assert.equal(await vscode.commands.executeCommand<boolean>(COMMANDS.serveStop, server.id), true);
    assert.equal(await starting, undefined, 'the start command ends quietly, without a server');
    assert.deepEqual(api.servers(), []);
    await gone(server.pid, 'the never-ready server');
  });

  it('ends the whole process tree on Stop, including a worker that ignores SIGTERM', async () => {
    const pidFile = path.join(tmp, 'workers.txt');
    process.env.MLFLOW_STANDIN_WORKER_PID_FILE = pidFile;
    const info = await vscode.commands.executeCommand<ModelServerInfo | undefined>(
      COMMANDS.serveStart,
      vscode.Uri.joinPath(workspaceRoot(), 'models', 'iris-logistic-regression'),
      { envManager: 'local' },
    );
    assert.ok(info?.pid);
    const worker = Number(fs.readFileSync(pidFile, 'utf8').trim().split('\n').pop());
    assert.ok(alive(worker), 'the worker runs while the server does');
    await vscode.commands.executeCommand(COMMANDS.serveStop, info.id);
    await gone(info.pid, 'the server');
    await gone(worker, "the server's worker");
  });

  it('restarts a server on the same port with a new process', async () => {
    const info = await vscode.commands.executeCommand<ModelServerInfo | undefined>(
      COMMANDS.serveStart,
      vscode.Uri.joinPath(workspaceRoot(), 'models', 'iris-logistic-regression'),
      { envManager: 'local' },
    );
    assert.ok(info?.pid);
    const again = await vscode.commands.executeCommand<ModelServerInfo | undefined>(
      COMMANDS.serveRestart,
      info.id,
    );
    assert.ok(again?.pid);
    assert.equal(again.id, info.id);
    assert.equal(again.port, info.port);
    assert.notEqual(again.pid, info.pid);
    assert.equal(again.status, 'running');
    assert.equal(await (await fetch(`${again.url}/version`)).text(), '2.17.2');
    await gone(info.pid, 'the old process');
  });

  it('stops every server when the window closes (the manager is disposed), and shows uptime while running', async () => {
    const log = vscode.window.createOutputChannel('MLflow lifecycle test', { log: true });
    const connections = new ConnectionManager(log);
    const manager = new ServeManager(connections, log);
    const pidFile = path.join(tmp, 'workers-dispose.txt');
    process.env.MLFLOW_STANDIN_WORKER_PID_FILE = pidFile;
    try {
      const folder = path.join(workspaceRoot().fsPath, 'models', 'iris-logistic-regression');
      const a = await manager.start(folder, 'a', undefined, { envManager: 'local', port: await freePort() });
      const b = await manager.start(folder, 'b', undefined, { envManager: 'local', port: await freePort() });
      const workers = fs.readFileSync(pidFile, 'utf8').trim().split('\n').map(Number);
      assert.equal(workers.length, 2);

      const started = manager.get(a.id)?.startedAt.getTime() ?? 0;
      const tree = new ServingTreeProvider(manager, () => started + 65_000);
      const row = manager.get(a.id);
      assert.ok(row);
      assert.match(String(tree.getTreeItem(row).description), /^127\.0\.0\.1:\d+ · running · up 1m$/);
      assert.equal(tree.ticking, false, 'no refresh timer while the view is not shown');
      tree.dispose();

      manager.dispose();
      for (const pid of [a.pid, b.pid, ...workers]) {
        await gone(pid ?? -1, 'a server process');
      }
    } finally {
      manager.dispose();
      connections.dispose();
      log.dispose();
    }
  });

  it('deploys a models:/ URI, and updates the deployment when `deployments get` finds it', async () => {
    process.env.MLFLOW_STANDIN_DEPLOYMENTS_FILE = path.join(tmp, 'deployments.txt');
    fs.rmSync(argvLog, { force: true });
    const answers = { target: 'sagemaker', name: 'iris-prod', config: '' };
    assert.equal(
      await vscode.commands.executeCommand(COMMANDS.deploy, 'models:/iris-classifier@champion', answers),
      'iris-prod',
    );
    assert.equal(
      await vscode.commands.executeCommand(COMMANDS.deploy, 'models:/iris-classifier/3', answers),
      'iris-prod',
    );
    const actions = calls()
      .filter((c) => c[2] === 'deployments' && !c.includes('--help'))
      .map((c) => {
        const m = c.indexOf('-m', 4);
        return m < 0 ? (c[3] ?? '') : `${c[3] ?? ''} ${c[m + 1] ?? ''}`;
      });
    assert.deepEqual(actions, [
      'get',
      'create models:/iris-classifier@champion',
      'get',
      'update models:/iris-classifier/3',
    ]);
  });
});
