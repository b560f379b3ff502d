import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SqliteRegistryStore } from '../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import type { MlflowExtensionApi } from '../../../src/extension/api';
import type { DownloadOutcome } from '../../../src/extension/explorer/downloadArtifacts';
import type { ExplorerNode, NodeOf } from '../../../src/extension/explorer/explorerNode';
import { generateRunsDb, HOSTILE_NAMES, type GeneratedRunsDb } from '../../support/mlflow/generateRunsDb';
import { startMlflowTestServer, type MlflowTestServer } from '../../support/mlflow/mlflowTestServer';
import { overlayStores } from '../../support/mlflow/writableOverlay';
import { activeApi, clearTrackingUriSetting, repoRoot, waitForConnection } from './helpers';

interface RecordedIds {
  experiments: Record<string, string>;
  runs: {
    failed: string;
    killed: string;
    running: string;
    with_artifacts: string;
    iris_all: string[];
    sweep: { parents: string[]; children: string[] };
  };
  models: Record<string, { versions: string[]; aliases?: Record<string, string> }>;
}

const fixtures = (...p: string[]): string =>
  path.join(repoRoot().fsPath, 'test', 'fixtures', 'mlflow-2.17.2', ...p);
const ids = (): RecordedIds =>
  JSON.parse(fs.readFileSync(fixtures('ids', 'sqlite-v2.17.2.json'), 'utf8')) as RecordedIds;
const recorded = (
  file: string,
): { request: { body: unknown }; response: { body: Record<string, unknown> } } =>
  JSON.parse(fs.readFileSync(fixtures('rest', file), 'utf8')) as {
    request: { body: unknown };
    response: { body: Record<string, unknown> };
  };

async function children(api: MlflowExtensionApi, node?: ExplorerNode): Promise<ExplorerNode[]> {
  return api.explorer.experiments.getChildren(node);
}

async function experiment(api: MlflowExtensionApi, name: string): Promise<NodeOf<'experiment'>> {
  const found = (await children(api)).find(
    (n): n is NodeOf<'experiment'> => n.kind === 'experiment' && n.experiment.name === name,
  );
  assert.ok(found, `experiment ${name} is listed`);
  return found;
}

const labelOf = (item: vscode.TreeItem): string =>
  typeof item.label === 'string' ? item.label : (item.label?.label ?? '');

const runIds = (nodes: readonly ExplorerNode[]): string[] =>
  nodes.filter((n): n is NodeOf<'run'> => n.kind === 'run').map((n) => n.runId);

async function useTrackingUri(api: MlflowExtensionApi, uri: string): Promise<void> {
  await vscode.workspace
    .getConfiguration('mlflow')
    .update('trackingUri', uri, vscode.ConfigurationTarget.Workspace);
  await waitForConnection(api, (s) => s.status === 'ready' && s.uri === uri, uri);
}

describe('Experiments and Models views (real extension host)', () => {
  let server: MlflowTestServer;
  let guarded: MlflowTestServer;
  let generated: GeneratedRunsDb;
  let generatedServer: MlflowTestServer;
  let tmp: string;
  const disposers: Array<() => void> = [];

  before(async function () {
    this.timeout(120_000);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-explorer-'));
    const open = async (
      file: string,
      options: Parameters<typeof startMlflowTestServer>[2] = {},
    ): Promise<MlflowTestServer> => {
      const db = await SqliteDatabase.open(file);
      const tracking = new SqliteTrackingStore(db, {
        artifactsDestination: fixtures('sqlite', 'mlartifacts'),
      });
      const stores = overlayStores(tracking, new SqliteRegistryStore(db));
      disposers.push(() => {
        tracking.dispose();
      });
      return startMlflowTestServer(stores.tracking, stores.registry, { writes: stores.writes, ...options });
    };
    server = await open(fixtures('sqlite', 'mlflow.db'));
    guarded = await open(fixtures('sqlite', 'mlflow.db'), {
      pathPrefix: '/workspaces/ml/mlflow',
      bearerToken: 'dapi-test-token',
    });
    generated = await generateRunsDb(fixtures('sqlite', 'mlflow.db'), path.join(tmp, 'generated.db'), {
      runs: 1000,
      hostile: true,
    });
    generatedServer = await open(path.join(tmp, 'generated.db'));
  });

  after(async () => {
    delete process.env.MLFLOW_TRACKING_TOKEN;
    await clearTrackingUriSetting();
    await Promise.all([server.close(), guarded.close(), generatedServer.close()]);
    disposers.forEach((d) => {
      d();
    });
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('mlflow.runs.clearFilter');
    await vscode.commands.executeCommand('mlflow.runs.sort', []);
  });

  it('shows the workspace mlflow.db: experiments, the nested sweep, and failed/killed/running runs with their icons', async () => {
    const api = await activeApi();
    await clearTrackingUriSetting();
    await waitForConnection(
      api,
      (s) => s.status === 'ready' && s.source === 'workspace',
      'the workspace store',
    );
    await vscode.commands.executeCommand('mlflow.experiments.refresh');
    const rec = ids();
    const names = (await children(api)).map((n) => (n.kind === 'experiment' ? n.experiment.name : n.kind));
    const active = (
      recorded('001-experiments-search-get.json').response.body.experiments as Array<{ name: string }>
    ).map((e) => e.name);
    assert.deepEqual(names, active);

    const sweep = await children(api, await experiment(api, 'hyperparam-sweep'));
    assert.deepEqual(runIds(sweep).sort(), [...rec.runs.sweep.parents].sort());
    const nested = sweep
      .filter((n): n is NodeOf<'run'> => n.kind === 'run')
      .flatMap((p) => p.childRuns.map((c) => (c.kind === 'run' ? c.runId : '')));
    assert.deepEqual(nested.sort(), [...rec.runs.sweep.children].sort());

    const iris = await children(api, await experiment(api, 'iris-classification'));
    const icon = (runId: string): string => {
      const node = iris.find((n) => n.kind === 'run' && n.runId === runId);
      assert.ok(node, `run ${runId} is shown`);
      return (api.explorer.experiments.getTreeItem(node).iconPath as vscode.ThemeIcon).id;
    };
    assert.equal(icon(rec.runs.failed), 'error');
    assert.equal(icon(rec.runs.killed), 'circle-slash');
    assert.equal(icon(rec.runs.running), 'sync~spin');
    for (const id of rec.runs.iris_all) {
      assert.equal(icon(id), 'pass');
    }
  });

  it('expands a run into the params, metrics, tags, datasets, artifacts and models the server recorded', async () => {
    const api = await activeApi();
    const rec = ids();
    const iris = await children(api, await experiment(api, 'iris-classification'));
    const run = iris.find((n): n is NodeOf<'run'> => n.kind === 'run' && n.runId === rec.runs.with_artifacts);
    assert.ok(run);
    const body = recorded('033-runs-get-with-artifacts.json').response.body.run as {
      data: { params: Array<{ key: string; value: string }>; metrics: Array<{ key: string }> };
      inputs: { dataset_inputs: unknown[] };
    };
    const sections = await children(api, run);
    const section = (s: string): ExplorerNode => {
      const found = sections.find((n) => n.kind === 'section' && n.section === s);
      assert.ok(found, `section ${s}`);
      return found;
    };
    const labels = async (s: string): Promise<string[]> =>
      (await children(api, section(s))).map((n) => labelOf(api.explorer.experiments.getTreeItem(n)));
    assert.deepEqual((await labels('params')).sort(), body.data.params.map((p) => p.key).sort());
    assert.deepEqual((await labels('metrics')).sort(), body.data.metrics.map((m) => m.key).sort());
    assert.equal((await labels('datasets')).length, body.inputs.dataset_inputs.length);
    assert.deepEqual(await labels('models'), ['model']);

    const rootListing = recorded('048-artifacts-list-root.json').response.body.files as Array<{
      path: string;
    }>;
    const artifacts = await children(api, section('artifacts'));
    assert.deepEqual(
      artifacts.map((n) => (n.kind === 'artifact' ? n.file.path : n.kind)).sort(),
      rootListing.map((f) => f.path).sort(),
    );
  });

  it('opens an artifact read-only in an editor tab and downloads a folder without leaving the target', async () => {
    const api = await activeApi();
    const rec = ids();
    const iris = await children(api, await experiment(api, 'iris-classification'));
    const run = iris.find((n): n is NodeOf<'run'> => n.kind === 'run' && n.runId === rec.runs.with_artifacts);
    assert.ok(run);
    const artifacts = await children(
      api,
      (await children(api, run)).find((n) => n.kind === 'section' && n.section === 'artifacts'),
    );
    const modelDir = artifacts.find((n) => n.kind === 'artifact' && n.file.path === 'model');
    assert.ok(modelDir);
    const mlmodel = (await children(api, modelDir)).find(
      (n) => n.kind === 'artifact' && n.file.path === 'model/MLmodel',
    );
    assert.ok(mlmodel);
    await vscode.commands.executeCommand('mlflow.artifacts.open', mlmodel);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.document.uri.scheme, 'mlflow-artifact');
    assert.match(editor.document.getText(), /^flavors:/m);
    assert.equal(editor.document.languageId, 'mlmodel');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

    const target = vscode.Uri.file(fs.mkdtempSync(path.join(tmp, 'dl-')));
    const done = await vscode.commands.executeCommand<DownloadOutcome>(
      'mlflow.artifacts.download',
      modelDir,
      target,
    );
    assert.ok(done.files > 2, `downloaded ${String(done.files)} files`);
    assert.match(fs.readFileSync(path.join(target.fsPath, 'model', 'MLmodel'), 'utf8'), /^flavors:/m);
  });

  it("filters and sorts runs with MLflow's grammar, and shows the filter on the view", async () => {
    const api = await activeApi();
    const rec = recorded('024-runs-search-filter-params.json');
    const req = rec.request.body as { experiment_ids: string[]; filter: string };
    const want = (rec.response.body.runs as Array<{ info: { run_id: string } }>).map((r) => r.info.run_id);
    await vscode.commands.executeCommand('mlflow.runs.filter', req.filter);
    const exp = (await children(api)).find(
      (n) => n.kind === 'experiment' && n.experiment.experimentId === req.experiment_ids[0],
    );
    assert.ok(exp);
    assert.deepEqual(runIds(await children(api, exp)).sort(), [...want].sort());
    assert.equal(api.explorer.experimentsView.message, `Runs filtered by: ${req.filter}`);

    await vscode.commands.executeCommand('mlflow.runs.filter', 'metrics.accuracy > 2');
    const none = await children(
      api,
      (await children(api)).find(
        (n) => n.kind === 'experiment' && n.experiment.name === 'iris-classification',
      ),
    );
    assert.deepEqual(
      none.map((n) => (n.kind === 'message' ? n.text : n.kind)),
      ['No runs match the filter'],
    );

    await vscode.commands.executeCommand('mlflow.runs.clearFilter');
    assert.equal(api.explorer.experimentsView.message, undefined);
    await vscode.commands.executeCommand('mlflow.runs.sort', ['metrics.accuracy DESC']);
    const sorted = (await children(api, await experiment(api, 'iris-classification'))).filter(
      (n): n is NodeOf<'run'> => n.kind === 'run',
    );
    const acc = sorted
      .map((n) => n.run.data.metrics.find((m) => m.key === 'accuracy')?.value)
      .filter((v): v is number => v !== undefined);
    assert.ok(acc.length >= 5);
    assert.deepEqual(
      acc,
      [...acc].sort((a, b) => b - a),
    );
  });

  it('gives a first page once: no change event for the experiment whose children are being answered, one after Load more', async () => {
    const api = await activeApi();
    await useTrackingUri(api, generatedServer.baseUrl);
    // Forget the pages an earlier test may have loaded, so the first page is fetched again.
    await vscode.commands.executeCommand('mlflow.experiments.refresh');
    const exp = await experiment(api, generated.experimentName);
    const changed: Array<string | undefined> = [];
    const sub = api.explorer.experiments.onDidChangeTreeData((node) => {
      changed.push(node === undefined ? undefined : node.id);
    });
    try {
      // The view asks for the experiment's children, and that answer waits for the first page.
      // Telling the view the experiment changed as well made it ask again and redraw the rows
      // under the pointer (a UI test's click once landed on another run).
      const first = await children(api, exp);
      assert.equal(runIds(first).length, 100);
      assert.deepEqual(changed, [], 'the first page answered the request that waited for it');
      const more = first.find((n): n is NodeOf<'loadMore'> => n.kind === 'loadMore');
      assert.ok(more);
      await vscode.commands.executeCommand('mlflow.runs.loadMore', more);
      // A page nobody was waiting for has to redraw the experiment, or Load more would show nothing.
      assert.deepEqual(changed, [exp.id]);
      assert.equal(runIds(await children(api, exp)).length, 200);
    } finally {
      sub.dispose();
    }
  });

  it('pages a 1,000-run experiment 100 at a time with "Load more", and keeps hostile names as text', async () => {
    const api = await activeApi();
    await useTrackingUri(api, generatedServer.baseUrl);
    const exp = await experiment(api, generated.experimentName);
    let nodes = await children(api, exp);
    assert.equal(runIds(nodes).length, 100);
    let more = nodes.find((n): n is NodeOf<'loadMore'> => n.kind === 'loadMore');
    assert.ok(more);
    assert.equal(api.explorer.experiments.getTreeItem(more).description, '100 loaded');
    let pages = 1;
    while (more !== undefined) {
      await vscode.commands.executeCommand('mlflow.runs.loadMore', more);
      nodes = await children(api, exp);
      more = nodes.find((n): n is NodeOf<'loadMore'> => n.kind === 'loadMore');
      pages++;
    }
    assert.equal(pages, 11, '1,003 runs are 11 pages of 100');
    assert.deepEqual(runIds(nodes), generated.runIds);

    for (const name of HOSTILE_NAMES) {
      const node = nodes.find((n): n is NodeOf<'run'> => n.kind === 'run' && n.run.info.runName === name);
      assert.ok(node, `hostile run ${JSON.stringify(name.slice(0, 20))}`);
      const item = api.explorer.experiments.getTreeItem(node);
      const label = labelOf(item);
      assert.ok(
        label.length <= 120 && !Array.from(label).some((c) => c.charCodeAt(0) < 0x20),
        JSON.stringify(label),
      );
      const tooltip = item.tooltip as vscode.MarkdownString;
      assert.equal(tooltip.isTrusted, false);
      assert.equal(tooltip.supportHtml, false);
      // Markdown link syntax is escaped, so `[click](command:…)` cannot become a link.
      assert.ok(!tooltip.value.includes('[click](command:'), tooltip.value.slice(0, 80));
      const tags = await children(
        api,
        (await children(api, node)).find((n) => n.kind === 'section' && n.section === 'tags'),
      );
      const team = tags.map((t) => api.explorer.experiments.getTreeItem(t)).find((t) => t.label === 'team');
      assert.ok(team && String(team.description).length <= 120, 'a 1 MB tag value is cut');
    }
  });

  it('lists models with versions and aliases, copies URIs, and moves an alias on the REST server', async () => {
    const api = await activeApi();
    await useTrackingUri(api, server.baseUrl);
    const rec = ids().models['iris-classifier'];
    assert.ok(rec?.aliases);
    const models = await api.explorer.models.getChildren();
    const iris = models.find((n) => n.kind === 'registeredModel' && n.model.name === 'iris-classifier');
    assert.ok(iris);
    const versions = (await api.explorer.models.getChildren(iris)).filter(
      (n): n is NodeOf<'modelVersion'> => n.kind === 'modelVersion',
    );
    assert.deepEqual(versions.map((v) => v.version).sort(), [...rec.versions].sort());
    for (const [alias, version] of Object.entries(rec.aliases)) {
      assert.deepEqual(
        versions.find((v) => v.version === version)?.modelVersion.aliases.includes(alias),
        true,
        `@${alias} on v${version}`,
      );
    }
    const plain = versions.find((v) => v.modelVersion.aliases.length === 0);
    assert.ok(plain);
    assert.equal(
      await vscode.commands.executeCommand('mlflow.models.copyUri', plain),
      `models:/iris-classifier/${plain.version}`,
    );
    assert.equal(await vscode.env.clipboard.readText(), `models:/iris-classifier/${plain.version}`);

    const moved = await vscode.commands.executeCommand<boolean>(
      'mlflow.models.setAlias',
      plain,
      'champion',
      true,
    );
    assert.equal(moved, true);
    // The view reloads from the top after a write; take the fresh model node as a user would see it.
    const irisAfter = (await api.explorer.models.getChildren()).find(
      (n) => n.kind === 'registeredModel' && n.model.name === 'iris-classifier',
    );
    assert.ok(irisAfter);
    const after = (await api.explorer.models.getChildren(irisAfter)).filter(
      (n): n is NodeOf<'modelVersion'> => n.kind === 'modelVersion',
    );
    assert.deepEqual(
      after.filter((v) => v.modelVersion.aliases.includes('champion')).map((v) => v.version),
      [plain.version],
    );
    assert.match(
      String(
        api.explorer.models.getTreeItem(
          after.find((v) => v.version === plain.version) ?? (after[0] as ExplorerNode),
        ).description,
      ),
      /@champion/,
    );

    const runNode = (await children(api, await experiment(api, 'iris-classification'))).find(
      (n): n is NodeOf<'run'> => n.kind === 'run',
    );
    assert.ok(runNode);
    assert.equal(await vscode.commands.executeCommand('mlflow.runs.copyId', runNode), runNode.runId);
    assert.equal(
      await vscode.commands.executeCommand('mlflow.runs.rename', runNode, 'renamed in VS Code'),
      true,
    );
    const renamed = (await children(api, await experiment(api, 'iris-classification'))).find(
      (n): n is NodeOf<'run'> => n.kind === 'run' && n.runId === runNode.runId,
    );
    assert.equal(renamed?.name, 'renamed in VS Code');
  });

  it("reveals a model version's source run in the Experiments view", async () => {
    const api = await activeApi();
    await useTrackingUri(api, server.baseUrl);
    const runId = ids().runs.sweep.children[0] ?? '';
    assert.equal(await vscode.commands.executeCommand('mlflow.models.showSourceRun', runId), true);
    assert.deepEqual(
      api.explorer.experimentsView.selection.map((n) => (n.kind === 'run' ? n.runId : n.kind)),
      [runId],
    );
  });

  it('shows one error node on a dead server, and a 401 until the token is there (prefix + Bearer, the Databricks/Azure ML shape)', async () => {
    const api = await activeApi();
    const dead = http.createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((r) =>
      dead.close(() => {
        r();
      }),
    );
    await useTrackingUri(api, `http://127.0.0.1:${port}`);
    const nodes = await children(api);
    assert.deepEqual(
      nodes.map((n) => (n.kind === 'message' ? [n.text, n.retry] : n.kind)),
      [['Cannot reach the tracking server', true]],
    );

    await useTrackingUri(api, guarded.baseUrl);
    const refused = await children(api);
    assert.deepEqual(
      refused.map((n) => (n.kind === 'message' ? n.text : n.kind)),
      ['The server asks for credentials (401)'],
    );
    process.env.MLFLOW_TRACKING_TOKEN = 'dapi-test-token';
    await vscode.commands.executeCommand('mlflow.experiments.refresh');
    const names = (await children(api)).map((n) => (n.kind === 'experiment' ? n.experiment.name : n.kind));
    assert.ok(names.includes('iris-classification'), names.join(', '));
    delete process.env.MLFLOW_TRACKING_TOKEN;
  });

  it('keeps a local store read-only: a rename is refused before anything is written', async () => {
    const api = await activeApi();
    await clearTrackingUriSetting();
    await waitForConnection(
      api,
      (s) => s.status === 'ready' && s.source === 'workspace',
      'the workspace store',
    );
    const run = (await children(api, await experiment(api, 'iris-classification'))).find(
      (n): n is NodeOf<'run'> => n.kind === 'run',
    );
    assert.ok(run);
    const pending = vscode.commands.executeCommand<boolean>('mlflow.runs.rename', run, 'x');
    // The warning offers to start a server; dismissing it resolves the command with "not renamed".
    await new Promise((r) => setTimeout(r, 1000));
    await vscode.commands.executeCommand('notifications.clearAll');
    assert.equal(
      await Promise.race([
        pending,
        new Promise((r) =>
          setTimeout(() => {
            r('no answer');
          }, 10_000),
        ),
      ]),
      false,
    );
    const again = (await children(api, await experiment(api, 'iris-classification'))).find(
      (n): n is NodeOf<'run'> => n.kind === 'run' && n.runId === run.runId,
    );
    assert.equal(again?.name, run.name);
  });
});
