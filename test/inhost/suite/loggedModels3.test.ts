import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../src/extension/shared/commandIds/commandIds';
import type { ExplorerNode, NodeOf } from '../../../src/extension/explorer/explorerNode';
import type { ModelServerInfo } from '../../../src/extension/serving/modelServer';
import type { RunDetailSnapshot } from '../../../src/protocol/runDetail';
import { activeApi, clearTrackingUriSetting, probeOf, repoRoot, until, waitForConnection } from './helpers';

const fixtures3 = (...p: string[]): string =>
  path.join(repoRoot().fsPath, 'test', 'fixtures', 'mlflow-3.11.1', ...p);
const RUN = '48d47e33076f4ad286dc14a3f5a84d53';
const MODEL = 'm-10317a6c204a452585318b754301f716';

/**
 * MLflow 3.x runs on the recorded 3.11.1 store, opened as a local `sqlite:` store (its served
 * artifacts in `mlartifacts/` beside it): the run's logged model shows, is served as
 * `models:/m-<id>`, is listed by Run Details, and a `models:/m-<id>` version's MLmodel is diffed.
 */
describe('MLflow 3 logged models (real extension host, recorded 3.11.1 mlflow.db)', () => {
  let tmp: string;
  let argvLog: string;

  before(async function () {
    this.timeout(60_000);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-lm3-'));
    argvLog = path.join(tmp, 'argv.jsonl');
    process.env.MLFLOW_STANDIN_ARGV_LOG = argvLog;
    await vscode.workspace
      .getConfiguration('mlflow')
      .update(
        'pythonPath',
        path.join(repoRoot().fsPath, 'test', 'support', 'cli', 'python'),
        vscode.ConfigurationTarget.Global,
      );
    const uri = `sqlite:///${fixtures3('sqlite', 'mlflow.db')}`;
    const api = await activeApi();
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('trackingUri', uri, vscode.ConfigurationTarget.Workspace);
    await waitForConnection(api, (s) => s.status === 'ready' && s.uri === uri, uri);
  });

  after(async () => {
    const api = await activeApi();
    for (const s of api.servers()) {
      await vscode.commands.executeCommand(COMMANDS.serveStop, s.id);
    }
    delete process.env.MLFLOW_STANDIN_ARGV_LOG;
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('pythonPath', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await clearTrackingUriSetting();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("shows a 3.x run's logged model under Models and serves it as models:/m-<id> (failing from a local store, as MLflow does)", async function () {
    this.timeout(60_000);
    const api = await activeApi();
    const tree = api.explorer.experiments;
    const experiment = (await tree.getChildren()).find(
      (n) => n.kind === 'experiment' && n.experiment.name === 'churn-prediction',
    );
    assert.ok(experiment, 'the churn-prediction experiment is listed');
    const run = (await tree.getChildren(experiment)).find(
      (n): n is NodeOf<'run'> => n.kind === 'run' && n.runId === RUN,
    );
    assert.ok(run, 'the model run is listed');
    const section = (await tree.getChildren(run)).find((n) => n.kind === 'section' && n.section === 'models');
    assert.ok(section, 'the run has a Models node');
    assert.equal(tree.getTreeItem(section).description, '1');
    const logged = (await tree.getChildren(section)).filter(
      (n: ExplorerNode): n is NodeOf<'loggedModel'> => n.kind === 'loggedModel',
    );
    assert.deepEqual(
      logged.map((n) => [n.model.label, n.model.modelUri]),
      [['churn-model', `models:/${MODEL}`]],
    );
    const node = logged[0];
    assert.ok(node);
    const item = tree.getTreeItem(node);
    // The context value the Serve Locally / Deploy menu entries are bound to.
    assert.equal(item.contextValue, 'mlflow.loggedModel');
    assert.equal(item.label, 'churn-model');

    assert.equal(await vscode.commands.executeCommand('mlflow.models.copyUri', node), `models:/${MODEL}`);
    const info = await vscode.commands.executeCommand<ModelServerInfo | undefined>(
      COMMANDS.serveStart,
      node,
      { envManager: 'local' },
    );
    // Real MLflow 3.11.1 cannot serve it from a local store: its artifacts are mlflow-artifacts:,
    // which only a tracking server reaches; the CLI stand-in fails as it does (over REST it serves:
    // loggedModelsRest.test.ts). The command went out with the models:/m-<id> URI all the same.
    assert.equal(info, undefined, 'the CLI failed as MLflow 3.11.1 does');
    const argv = fs
      .readFileSync(argvLog, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as string[])
      .find((a) => a.includes('serve'));
    assert.ok(argv);
    // `python -m mlflow models serve -m <uri> …`: the second `-m` is the model's.
    assert.equal(argv[argv.indexOf('-m', argv.indexOf('serve')) + 1], `models:/${MODEL}`);
  });

  it('lists the logged model in Run Details', async function () {
    this.timeout(60_000);
    const api = await activeApi();
    await vscode.commands.executeCommand('mlflow.runs.openById', RUN);
    const panel = await until('the run panel', () => api.panels.runDetail(RUN));
    const snap = await until('the run snapshot', () =>
      probeOf(api, 'runDetail', panel.panel).sent.find(
        (m): m is RunDetailSnapshot => m.type === 'runDetail/snapshot',
      ),
    );
    assert.deepEqual(
      snap.models.map((m) => [m.label, m.uri]),
      [['churn-model', `models:/${MODEL}`]],
    );
    panel.panel.dispose();
  });

  it('compares two versions registered from logged models (source models:/m-<id>): both MLmodels are read', async function () {
    this.timeout(60_000);
    const api = await activeApi();
    const { registry } = await api.stores();
    const [v1, v2] = await Promise.all([
      registry.getModelVersion('churn-classifier', '1'),
      registry.getModelVersion('churn-classifier', '2'),
    ]);
    assert.match(v1.source ?? '', /^models:\/m-/);
    const node = (v: typeof v1): unknown => ({
      kind: 'modelVersion',
      id: `mv:${v.name}:${v.version}`,
      name: v.name,
      version: v.version,
      modelVersion: v,
      parentId: `rm:${v.name}`,
    });
    assert.equal(
      await vscode.commands.executeCommand('mlflow.models.compareVersions', node(v1), [node(v1), node(v2)]),
      true,
    );
    const mlmodel = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .find((t) => t.input instanceof vscode.TabInputTextDiff && t.label.startsWith('MLmodel:'));
    assert.ok(mlmodel, 'an MLmodel diff is open');
    const input = mlmodel.input as vscode.TabInputTextDiff;
    for (const [side, id] of [
      [input.original, MODEL],
      [input.modified, 'm-5605a047aa4e4da28439c8ed4ae7cc92'],
    ] as const) {
      const text = (await vscode.workspace.openTextDocument(side)).getText();
      assert.match(text, new RegExp(`^model_id: ${id}$`, 'm'), text.slice(0, 200));
      assert.match(text, /flavors:/);
    }
  });

  it('a version registered from a logged model (source models:/m-<id>) links to it: Show Logged Model selects it', async function () {
    this.timeout(60_000);
    const api = await activeApi();
    const registered = (await api.explorer.models.getChildren()).find(
      (n) => n.kind === 'registeredModel' && n.model.name === 'churn-classifier',
    );
    assert.ok(registered, 'churn-classifier is listed');
    const v1 = (await api.explorer.models.getChildren(registered)).find(
      (n) => n.kind === 'modelVersion' && n.version === '1',
    );
    assert.ok(v1 && v1.kind === 'modelVersion');
    assert.equal(v1.modelVersion.source, `models:/${MODEL}`);
    assert.match(String(api.explorer.models.getTreeItem(v1).contextValue), /\.fromLoggedModel$/);
    assert.equal(await vscode.commands.executeCommand('mlflow.models.showLoggedModel', v1), true);
    assert.deepEqual(
      api.explorer.experimentsView.selection.map((n) => n.id),
      [`lm:${MODEL}`],
    );
  });
});
