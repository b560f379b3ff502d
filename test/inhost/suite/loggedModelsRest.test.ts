import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SqliteRegistryStore } from '../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import type { ExplorerNode, NodeOf } from '../../../src/extension/explorer/explorerNode';
import type { ModelServerInfo } from '../../../src/extension/serving/modelServer';
import { COMMANDS } from '../../../src/extension/shared/commandIds/commandIds';
import { startMlflowTestServer, type MlflowTestServer } from '../../support/mlflow/mlflowTestServer';
import { activeApi, closeEditorsAndDisconnect, connectTo, repoRoot } from './helpers';

const FIXTURE = (): string => path.join(repoRoot().fsPath, 'test', 'fixtures', 'mlflow-3.11.1', 'sqlite');
const V1 = 'm-92f7cb2d35cf41a6b8527ddd10132494';
const GIT = 'm-720de1228b74431398368e744fe73675';

type Tree = Awaited<ReturnType<typeof activeApi>>['explorer']['experiments'];

const label = (tree: Tree, n: ExplorerNode): string => {
  const l = tree.getTreeItem(n).label;
  return typeof l === 'string' ? l : (l?.label ?? '');
};

async function loggedModels(tree: Tree): Promise<NodeOf<'loggedModel'>[]> {
  const experiment = (await tree.getChildren()).find(
    (n) => n.kind === 'experiment' && n.experiment.name === 'support-agent',
  );
  assert.ok(experiment, 'support-agent is listed');
  const node = (await tree.getChildren(experiment)).find((n) => n.kind === 'loggedModels');
  assert.ok(node, 'the experiment has a Logged Models node over REST');
  return (await tree.getChildren(node)).filter((n): n is NodeOf<'loggedModel'> => n.kind === 'loggedModel');
}

/**
 * The Logged Models node over REST: the loopback MLflow test server answers MLflow 3's
 * logged-model routes from the recorded 3.11.1 store (checked against the real answers in
 * test/unit/support/mlflowTestServerLoggedModels.test.ts), so the node, its metrics and its
 * artifacts come through the REST store as from a real 3.x server.
 */
describe('Logged Models node over REST (real extension host, test server over the recorded 3.11.1 store)', () => {
  let server: MlflowTestServer;
  let tracking: SqliteTrackingStore;

  before(async () => {
    await vscode.workspace
      .getConfiguration('mlflow')
      .update(
        'pythonPath',
        path.join(repoRoot().fsPath, 'test', 'support', 'cli', 'python'),
        vscode.ConfigurationTarget.Global,
      );
    const db = await SqliteDatabase.open(path.join(FIXTURE(), 'mlflow.db'));
    tracking = new SqliteTrackingStore(db, { artifactsDestination: path.join(FIXTURE(), 'mlartifacts') });
    server = await startMlflowTestServer(tracking, new SqliteRegistryStore(db));
  });

  after(async () => {
    const api = await activeApi();
    for (const s of api.servers()) {
      await vscode.commands.executeCommand(COMMANDS.serveStop, s.id);
    }
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('pythonPath', undefined, vscode.ConfigurationTarget.Global);
    await closeEditorsAndDisconnect();
    await server.close();
    tracking.dispose();
  });

  it('lists the logged models with metrics by step, the same as the local store shows them', async function () {
    this.timeout(60_000);
    const api = await connectTo(server.baseUrl);
    const tree = api.explorer.experiments;
    const models = await loggedModels(tree);
    assert.deepEqual(
      models.map((n) => [n.logged?.modelId, tree.getTreeItem(n).description]),
      [
        [GIT, 'pending · m-720de122 · no source run'],
        ['m-f2d53f1e31ea4bed85e61306913dc87f', 'm-f2d53f1e · run 20bdb356'],
        [V1, 'm-92f7cb2d · run 88c0cc42'],
      ],
    );
    const v1 = models.find((n) => n.logged?.modelId === V1);
    assert.ok(v1);
    const sections = await tree.getChildren(v1);
    assert.deepEqual(
      sections.map((s) => label(tree, s)),
      ['Parameters', 'Metrics', 'Tags', 'Artifacts'],
    );
    const metrics = sections.find((s) => s.kind === 'loggedModelSection' && s.section === 'metrics');
    assert.ok(metrics);
    const loss = (await tree.getChildren(metrics))
      .filter((n) => label(tree, n) === 'eval_loss')
      .map((n) => tree.getTreeItem(n).description);
    assert.deepEqual(loss.slice(0, 2), ['1.05 · step 0', '0.55 · step 1']);
    assert.ok(
      server.received.some((r) => r.method === 'POST' && r.path === '/api/2.0/mlflow/logged-models/search'),
      'the models came from logged-models/search',
    );
    // A PENDING model has written no artifacts: no Artifacts folder under it.
    const git = models.find((n) => n.logged?.modelId === GIT);
    assert.ok(git);
    assert.equal(
      (await tree.getChildren(git)).some((s) => s.kind === 'loggedModelSection' && s.section === 'artifacts'),
      false,
    );
  });

  it("browses a logged model's own artifacts and opens its MLmodel read-only", async function () {
    this.timeout(60_000);
    const api = await connectTo(server.baseUrl);
    const tree = api.explorer.experiments;
    const v1 = (await loggedModels(tree)).find((n) => n.logged?.modelId === V1);
    assert.ok(v1);
    const artifacts = (await tree.getChildren(v1)).find(
      (s) => s.kind === 'loggedModelSection' && s.section === 'artifacts',
    );
    assert.ok(artifacts);
    const files = (await tree.getChildren(artifacts)).filter(
      (n): n is NodeOf<'artifact'> => n.kind === 'artifact',
    );
    assert.deepEqual(
      files.map((f) => f.file.path),
      [
        'conda.yaml',
        'input_example.json',
        'MLmodel',
        'python_env.yaml',
        'requirements.txt',
        'serving_input_example.json',
      ],
    );
    assert.ok(
      server.received.some((r) => r.path === `/api/2.0/mlflow/logged-models/${V1}/artifacts/directories`),
      'listed through logged-models/<id>/artifacts/directories',
    );
    const mlmodel = files.find((f) => f.file.path === 'MLmodel');
    assert.ok(mlmodel);
    // Run-only actions (download by run id) are not offered on a logged model's files.
    assert.equal(tree.getTreeItem(mlmodel).contextValue, 'mlflow.loggedModelArtifact.file');
    const uri = vscode.Uri.from({ scheme: 'mlflow-artifact', path: `/${V1}/MLmodel` });
    assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), /^flavors:/m);
    assert.equal(await vscode.commands.executeCommand('mlflow.artifacts.open', mlmodel), true);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.document.uri.toString(), uri.toString());
    assert.match(editor.document.getText(), new RegExp(`^model_id: ${V1}$`, 'm'));
    assert.equal(editor.document.languageId, 'mlmodel');
    const stat = await vscode.workspace.fs.stat(editor.document.uri);
    assert.equal(stat.permissions, vscode.FilePermission.Readonly);
  });

  it('serves the logged model by models:/m-<id>: the CLI stand-in resolves it through the server as MLflow 3 does', async function () {
    this.timeout(90_000);
    const api = await connectTo(server.baseUrl);
    const v1 = (await loggedModels(api.explorer.experiments)).find((n) => n.logged?.modelId === V1);
    assert.ok(v1);
    server.received.length = 0;
    const info = await vscode.commands.executeCommand<ModelServerInfo | undefined>(COMMANDS.serveStart, v1, {
      envManager: 'local',
    });
    assert.ok(info, 'Serve Locally started a server');
    assert.equal(info.modelUri, `models:/${V1}`);
    // The child got the connection as MLFLOW_TRACKING_URI and looked the model up there.
    assert.ok(
      server.received.some((r) => r.method === 'GET' && r.path === `/api/2.0/mlflow/logged-models/${V1}`),
      'the CLI asked the server for the logged model',
    );
    assert.ok(
      server.received.some(
        (r) => r.path === `/api/2.0/mlflow-artifacts/artifacts/1/models/${V1}/artifacts/MLmodel`,
      ),
      "and fetched its MLmodel from the model's own artifact location",
    );
    await vscode.commands.executeCommand(COMMANDS.serveStop, info.id);
  });

  it('Predict with Example on the logged model: its serving example read from the server, `models predict -m models:/m-<id>`', async function () {
    this.timeout(90_000);
    const api = await connectTo(server.baseUrl);
    const v1 = (await loggedModels(api.explorer.experiments)).find((n) => n.logged?.modelId === V1);
    assert.ok(v1);
    server.received.length = 0;
    const text = await vscode.commands.executeCommand<string | undefined>(COMMANDS.predict, v1);
    // The stand-in writes the recorded prediction of `mlflow models predict` (its header says so).
    assert.match(text ?? '', /"predictions"/);
    assert.ok(
      server.received.some((r) => r.url.includes(V1) && r.url.includes('serving_input_example.json')),
      `the example came from the logged model's own artifacts: ${server.received.map((r) => r.path).join(', ')}`,
    );
    assert.ok(
      server.received.some((r) => r.method === 'GET' && r.path === `/api/2.0/mlflow/logged-models/${V1}`),
      'the CLI resolved models:/m-<id> through the server before predicting',
    );
    const doc = vscode.window.activeTextEditor?.document;
    assert.equal(doc?.getText(), text, 'the predictions opened in an editor');
  });
  it('Compare Logged Models: two selected models as a params/metrics/tags diff and an MLmodel diff', async function () {
    this.timeout(60_000);
    const api = await connectTo(server.baseUrl);
    const [a, b] = await loggedModels(api.explorer.experiments);
    assert.ok(a?.logged && b?.logged, 'the experiment has two logged models');
    const ids = await vscode.commands.executeCommand<readonly string[] | undefined>(
      'mlflow.experiments.compareLoggedModels',
      a,
      [a, b],
    );
    assert.deepEqual(ids, [a.logged.modelId, b.logged.modelId]);
    const diffs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .map((t) => t.input)
      .filter((i): i is vscode.TabInputTextDiff => i instanceof vscode.TabInputTextDiff);
    const summary = diffs.find((d) => d.modified.path.endsWith(`/${b.logged?.modelId ?? ''}/model.yaml`));
    assert.ok(summary, `a summary diff is open: ${diffs.map((d) => d.modified.path).join(', ')}`);
    const left = await vscode.workspace.openTextDocument(summary.original);
    assert.match(left.getText(), new RegExp(`uri: models:/${a.logged.modelId}`));
    assert.match(left.getText(), /^params:/m);
    const mlmodel = diffs.find((d) => d.modified.path.endsWith(`/${b.logged?.modelId ?? ''}/MLmodel`));
    assert.ok(mlmodel, 'and an MLmodel diff');
    const right = await vscode.workspace.openTextDocument(mlmodel.modified);
    assert.match(right.getText(), /^flavors:/m, "the right side is the second model's own MLmodel");
  });
});
