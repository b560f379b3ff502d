import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SqliteRegistryStore } from '../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import type { TrackingStore } from '../../../src/core/tracking/trackingStore';
import type { MlflowExtensionApi } from '../../../src/extension/api';
import type { ExplorerNode, NodeOf } from '../../../src/extension/explorer/explorerNode';
import {
  adjustableTrackingStore,
  type TrackingAdjustments,
} from '../../support/mlflow/adjustableTrackingStore';
import { startMlflowTestServer, type MlflowTestServer } from '../../support/mlflow/mlflowTestServer';
import {
  startScriptedServer,
  type ReceivedRequest,
  type ScriptedAnswer,
  type ScriptedServer,
} from '../../support/mlflow/scriptedServer';
import { overlayStores } from '../../support/mlflow/writableOverlay';
import { activeApi, clearTrackingUriSetting, repoRoot, until, waitForConnection } from './helpers';

interface RecordedIds {
  experiments: Record<string, string>;
  runs: { running: string; with_artifacts: string; iris_all: string[]; wine_all: string[] };
  models: Record<string, { versions: string[]; aliases?: Record<string, string> }>;
}

const fixtures = (...p: string[]): string =>
  path.join(repoRoot().fsPath, 'test', 'fixtures', 'mlflow-2.17.2', ...p);
const ids = (): RecordedIds =>
  JSON.parse(fs.readFileSync(fixtures('ids', 'sqlite-v2.17.2.json'), 'utf8')) as RecordedIds;
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

async function experiment(api: MlflowExtensionApi, experimentId: string): Promise<NodeOf<'experiment'>> {
  const found = (await api.explorer.experiments.getChildren()).find(
    (n): n is NodeOf<'experiment'> => n.kind === 'experiment' && n.experiment.experimentId === experimentId,
  );
  assert.ok(found, `experiment ${experimentId} is listed`);
  return found;
}

async function runNode(
  api: MlflowExtensionApi,
  experimentId: string,
  runId: string,
): Promise<NodeOf<'run'> | undefined> {
  const nodes = await api.explorer.experiments.getChildren(await experiment(api, experimentId));
  return nodes.find((n): n is NodeOf<'run'> => n.kind === 'run' && n.runId === runId);
}

async function section(api: MlflowExtensionApi, run: ExplorerNode, name: string): Promise<ExplorerNode[]> {
  const s = (await api.explorer.experiments.getChildren(run)).find(
    (n) => n.kind === 'section' && n.section === name,
  );
  return s === undefined ? [] : api.explorer.experiments.getChildren(s);
}

async function versions(api: MlflowExtensionApi, name: string): Promise<Array<NodeOf<'modelVersion'>>> {
  const model = (await api.explorer.models.getChildren()).find(
    (n) => n.kind === 'registeredModel' && n.model.name === name,
  );
  assert.ok(model, `model ${name} is listed`);
  return (await api.explorer.models.getChildren(model)).filter(
    (n): n is NodeOf<'modelVersion'> => n.kind === 'modelVersion',
  );
}

/**
 * Answer the quick picks a palette command opens by accepting the highlighted (first) item, as a
 * user pressing Enter would, until the command has finished.
 */
async function acceptPicks<T>(pending: Thenable<T>, what: string): Promise<T> {
  const state: { done: boolean } = { done: false };
  const settled = Promise.resolve(pending).finally(() => {
    state.done = true;
  });
  const finished = (): boolean => state.done;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (finished()) {
      return settled;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out answering the quick picks of ${what}`);
    }
    await new Promise((r) => setTimeout(r, 300));
    if (!finished()) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
  }
}

/** Forward a request received by the scripted server to the real test server and pass its answer back. */
async function forward(to: MlflowTestServer, req: ReceivedRequest): Promise<ScriptedAnswer> {
  const query = new URLSearchParams(req.query).toString();
  const res = await fetch(`${to.baseUrl}${req.path}${query === '' ? '' : `?${query}`}`, {
    method: req.method,
    headers: { 'Content-Type': 'application/json' },
    body: req.method === 'GET' || req.body === '' ? undefined : req.body,
  });
  return { status: res.status, body: await res.text() };
}

describe('Explorer actions against the MLflow REST test server (real extension host)', () => {
  let server: MlflowTestServer;
  let prefixed: MlflowTestServer;
  let scripted: ScriptedServer;
  let served: TrackingStore;
  let adjust: TrackingAdjustments;
  const disposers: Array<() => void> = [];

  before(async function () {
    this.timeout(120_000);
    const db = await SqliteDatabase.open(fixtures('sqlite', 'mlflow.db'));
    const sqlite = new SqliteTrackingStore(db, { artifactsDestination: fixtures('sqlite', 'mlartifacts') });
    disposers.push(() => {
      sqlite.dispose();
    });
    const adjustable = adjustableTrackingStore(sqlite);
    adjust = adjustable.adjust;
    const stores = overlayStores(adjustable.tracking, new SqliteRegistryStore(db));
    served = stores.tracking;
    server = await startMlflowTestServer(stores.tracking, stores.registry, { writes: stores.writes });
    prefixed = await startMlflowTestServer(stores.tracking, stores.registry, {
      pathPrefix: '/team/mlflow',
      bearerToken: 'dapi-actions',
    });
    scripted = await startScriptedServer();
  });

  after(async () => {
    delete process.env.DATABRICKS_HOST;
    delete process.env.DATABRICKS_TOKEN;
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('runs.pageSize', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('autoRefreshSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    await clearTrackingUriSetting();
    await Promise.all([server.close(), prefixed.close(), scripted.close()]);
    disposers.forEach((d) => {
      d();
    });
  });

  beforeEach(async () => {
    const api = await activeApi();
    await useTrackingUri(api, server.baseUrl);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('mlflow.runs.clearFilter');
    if ((await activeApi()).explorer.model.query.showDeleted) {
      await vscode.commands.executeCommand('mlflow.experiments.showDeleted');
    }
  });

  it('deletes a run and restores it: the tree and the server agree', async () => {
    const api = await activeApi();
    const rec = ids();
    const iris = rec.experiments['iris-classification'] ?? '';
    const id = rec.runs.iris_all[1] ?? '';
    const node = await runNode(api, iris, id);
    assert.ok(node);
    assert.equal(await vscode.commands.executeCommand('mlflow.runs.delete', node, true), true);
    assert.equal(
      (await served.getRun(id)).info.lifecycleStage,
      'deleted',
      'the server holds the run as deleted',
    );
    assert.equal(await runNode(api, iris, id), undefined, 'the deleted run left the view');

    await vscode.commands.executeCommand('mlflow.experiments.showDeleted');
    const deleted = await runNode(api, iris, id);
    assert.ok(deleted, 'shown again with deleted runs included');
    const item = api.explorer.experiments.getTreeItem(deleted);
    assert.equal(item.contextValue, 'mlflow.run.finished.deleted');
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'trash');

    assert.equal(await vscode.commands.executeCommand('mlflow.runs.restore', deleted), true);
    assert.equal(
      (await served.getRun(id)).info.lifecycleStage,
      'active',
      'the server holds the run as active again',
    );
    await vscode.commands.executeCommand('mlflow.experiments.showDeleted');
    const restored = await runNode(api, iris, id);
    assert.ok(restored);
    assert.equal(api.explorer.experiments.getTreeItem(restored).contextValue, 'mlflow.run.finished');
  });

  it('sets a run tag and deletes it again', async () => {
    const api = await activeApi();
    const rec = ids();
    const iris = rec.experiments['iris-classification'] ?? '';
    const id = rec.runs.iris_all[2] ?? '';
    const node = await runNode(api, iris, id);
    assert.ok(node);
    assert.equal(
      await vscode.commands.executeCommand('mlflow.runs.editTags', node, 'review', 'approved by <b>QA</b>'),
      true,
    );
    assert.equal(
      (await served.getRun(id)).data.tags.find((t) => t.key === 'review')?.value,
      'approved by <b>QA</b>',
    );
    const withTag = await runNode(api, iris, id);
    assert.ok(withTag);
    const shown = (await section(api, withTag, 'tags'))
      .map((n) => api.explorer.experiments.getTreeItem(n))
      .find((t) => labelOf(t) === 'review');
    assert.equal(shown?.description, 'approved by <b>QA</b>', 'the view shows the new tag as text');

    assert.equal(await vscode.commands.executeCommand('mlflow.runs.editTags', withTag, 'review', ''), true);
    assert.equal(
      (await served.getRun(id)).data.tags.some((t) => t.key === 'review'),
      false,
      'the server dropped the tag',
    );
    const without = await runNode(api, iris, id);
    assert.ok(without);
    assert.equal(
      (await section(api, without, 'tags')).some(
        (n) => labelOf(api.explorer.experiments.getTreeItem(n)) === 'review',
      ),
      false,
    );
    assert.equal(
      await vscode.commands.executeCommand('mlflow.runs.editTags', without, 'mlflow.user', 'x'),
      false,
      "MLflow's own tag keys are refused",
    );
  });

  it('sets an experiment kind: the server holds the tag, the item shows it and GenAI leads with Traces', async () => {
    const api = await activeApi();
    const iris = ids().experiments['iris-classification'] ?? '';
    const kindTag = async (): Promise<string | undefined> =>
      (await served.getExperiment(iris)).tags.find((t) => t.key === 'mlflow.experimentKind')?.value;
    const before = await experiment(api, iris);
    assert.equal((api.explorer.experiments.getTreeItem(before).iconPath as vscode.ThemeIcon).id, 'beaker');
    assert.equal((await api.explorer.experiments.getChildren(before)).at(-1)?.kind, 'traces');

    assert.equal(
      await vscode.commands.executeCommand('mlflow.experiments.setKind', before, 'genai_development', true),
      true,
    );
    assert.equal(await kindTag(), 'genai_development', 'the server holds the kind tag');
    const genai = await experiment(api, iris);
    const item = api.explorer.experiments.getTreeItem(genai);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'sparkle');
    assert.equal(item.description, `#${iris} · GenAI apps & agents`);
    const tooltip = (item.tooltip as vscode.MarkdownString).value.replace(/\\/g, '').replace(/&nbsp;/g, ' ');
    assert.ok(tooltip.includes('Kind: GenAI apps') && tooltip.includes('(genai_development)'), tooltip);
    assert.equal((await api.explorer.experiments.getChildren(genai))[0]?.kind, 'traces', 'Traces lead');

    assert.equal(
      await vscode.commands.executeCommand(
        'mlflow.experiments.setKind',
        genai,
        'custom_model_development',
        true,
      ),
      true,
    );
    assert.equal(await kindTag(), 'custom_model_development');
    const ml = await experiment(api, iris);
    assert.equal((api.explorer.experiments.getTreeItem(ml).iconPath as vscode.ThemeIcon).id, 'graph');
    assert.equal((await api.explorer.experiments.getChildren(ml)).at(-1)?.kind, 'traces', 'runs lead again');
    assert.equal(
      await vscode.commands.executeCommand(
        'mlflow.experiments.setKind',
        ml,
        'custom_model_development',
        true,
      ),
      false,
      'setting the kind it has is a no-op',
    );

    // A local store refuses, as every write does: the warning is dismissed, nothing is written.
    await clearTrackingUriSetting();
    await waitForConnection(
      api,
      (s) => s.status === 'ready' && s.source === 'workspace',
      'the workspace store',
    );
    const local = (await api.explorer.experiments.getChildren()).find(
      (n): n is NodeOf<'experiment'> => n.kind === 'experiment',
    );
    assert.ok(local);
    const state = { done: false };
    const pending = Promise.resolve(
      vscode.commands.executeCommand<boolean>('mlflow.experiments.setKind', local, 'genai_development', true),
    ).finally(() => {
      state.done = true;
    });
    while (!state.done) {
      await new Promise((r) => setTimeout(r, 300));
      await vscode.commands.executeCommand('notifications.clearAll');
    }
    assert.equal(await pending, false, 'refused on the read-only store');
  });

  it('deletes an alias: the version loses it in the view and on the server', async () => {
    const api = await activeApi();
    const rec = ids().models['wine-quality-regressor'];
    const holder = rec?.aliases?.champion;
    assert.ok(holder);
    const before = (await versions(api, 'wine-quality-regressor')).find((v) => v.version === holder);
    assert.ok(before?.modelVersion.aliases.includes('champion'));
    assert.equal(
      await vscode.commands.executeCommand('mlflow.models.deleteAlias', before, 'champion', true),
      true,
    );
    const stores = await api.stores();
    assert.equal(
      (await stores.registry.getRegisteredModel('wine-quality-regressor')).aliases.some(
        (a) => a.alias === 'champion',
      ),
      false,
    );
    const after = (await versions(api, 'wine-quality-regressor')).find((v) => v.version === holder);
    assert.ok(after);
    assert.equal(after.modelVersion.aliases.includes('champion'), false);
    assert.doesNotMatch(String(api.explorer.models.getTreeItem(after).description), /@champion/);
  });

  it('copies runs:/<id>/<path>, models:/<name>/<version> and models:/<name>@<alias> to the clipboard', async () => {
    const api = await activeApi();
    const rec = ids();
    const run = await runNode(api, rec.experiments['iris-classification'] ?? '', rec.runs.with_artifacts);
    assert.ok(run);
    const logged = (await section(api, run, 'models')).find((n) => n.kind === 'loggedModel');
    assert.ok(logged);
    assert.equal(
      await vscode.commands.executeCommand('mlflow.models.copyUri', logged),
      `runs:/${rec.runs.with_artifacts}/model`,
    );
    assert.equal(await vscode.env.clipboard.readText(), `runs:/${rec.runs.with_artifacts}/model`);

    const aliases = rec.models['iris-classifier']?.aliases ?? {};
    const [alias, version] = Object.entries(aliases)[0] ?? ['', ''];
    const node = (await versions(api, 'iris-classifier')).find((v) => v.version === version);
    assert.ok(node);
    assert.equal(
      await vscode.commands.executeCommand('mlflow.models.copyUri', node, alias),
      `models:/iris-classifier@${alias}`,
    );
    assert.equal(await vscode.env.clipboard.readText(), `models:/iris-classifier@${alias}`);
    const plain = (await versions(api, 'iris-classifier')).find((v) => v.modelVersion.aliases.length === 0);
    assert.ok(plain);
    assert.equal(
      await vscode.commands.executeCommand('mlflow.models.copyUri', plain),
      `models:/iris-classifier/${plain.version}`,
    );
    assert.equal(await vscode.env.clipboard.readText(), `models:/iris-classifier/${plain.version}`);
  });

  it("opens a run and a model version in the server's own UI, below a path prefix and on a Databricks host", async () => {
    const api = await activeApi();
    const rec = ids();
    const iris = rec.experiments['iris-classification'] ?? '';
    const run = await runNode(api, iris, rec.runs.with_artifacts);
    assert.ok(run);
    const opened = await vscode.commands.executeCommand<vscode.Uri | undefined>(
      'mlflow.explorer.openInBrowser',
      run,
    );
    assert.equal(
      opened?.toString(true),
      `${server.baseUrl}/#/experiments/${iris}/runs/${rec.runs.with_artifacts}`,
    );
    const version = (await versions(api, 'iris-classifier'))[0];
    assert.ok(version);
    const openedVersion = await vscode.commands.executeCommand<vscode.Uri | undefined>(
      'mlflow.explorer.openInBrowser',
      version,
    );
    assert.equal(
      openedVersion?.toString(true),
      `${server.baseUrl}/#/models/iris-classifier/versions/${version.version}`,
    );

    // A Databricks workspace: the host comes from DATABRICKS_HOST, as the REST client takes it.
    process.env.DATABRICKS_HOST = prefixed.baseUrl;
    process.env.DATABRICKS_TOKEN = 'dapi-actions';
    await useTrackingUri(api, 'databricks');
    const onDatabricks = await runNode(api, iris, rec.runs.with_artifacts);
    assert.ok(onDatabricks, 'the run is listed through the prefixed, token-guarded server');
    const db = await vscode.commands.executeCommand<vscode.Uri | undefined>(
      'mlflow.explorer.openInBrowser',
      onDatabricks,
    );
    assert.equal(
      db?.toString(true),
      `${prefixed.baseUrl}/ml/experiments/${iris}/runs/${rec.runs.with_artifacts}`,
    );
    delete process.env.DATABRICKS_HOST;
    delete process.env.DATABRICKS_TOKEN;
  });

  it('opens a PNG artifact byte for byte, and refuses a 60 MB one without fetching it', async () => {
    const api = await activeApi();
    const rec = ids();
    const runId = rec.runs.with_artifacts;
    adjust.extraArtifacts.set(runId, [{ path: 'huge.bin', isDir: false, fileSize: 60 * 1024 * 1024 }]);
    await vscode.commands.executeCommand('mlflow.experiments.refresh');
    const run = await runNode(api, rec.experiments['iris-classification'] ?? '', runId);
    assert.ok(run);
    const root = await section(api, run, 'artifacts');
    const plots = root.find((n) => n.kind === 'artifact' && n.file.path === 'plots');
    assert.ok(plots);
    const png = (await api.explorer.experiments.getChildren(plots)).find(
      (n): n is NodeOf<'artifact'> => n.kind === 'artifact' && n.file.path.endsWith('.png'),
    );
    assert.ok(png);
    const uri = vscode.Uri.from({ scheme: 'mlflow-artifact', path: `/${runId}/${png.file.path}` });
    const bytes = await vscode.workspace.fs.readFile(uri);
    const onDisk = fs.readFileSync(
      fixtures(
        'sqlite',
        'mlartifacts',
        rec.experiments['iris-classification'] ?? '',
        runId,
        'artifacts',
        ...png.file.path.split('/'),
      ),
    );
    assert.equal(Buffer.compare(Buffer.from(bytes), onDisk), 0, 'the same PNG bytes');
    assert.equal(await vscode.commands.executeCommand('mlflow.artifacts.open', png), true);
    const tab = await until('the image tab', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputCustom && input.uri.toString() === uri.toString()
        ? input
        : undefined;
    });
    assert.equal(tab.viewType, 'imagePreview.previewEditor');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

    const huge = root.find(
      (n): n is NodeOf<'artifact'> => n.kind === 'artifact' && n.file.path === 'huge.bin',
    );
    assert.ok(huge, 'the listing shows the large file');
    adjust.reads.length = 0;
    assert.equal(
      await vscode.commands.executeCommand('mlflow.artifacts.open', huge),
      false,
      'not opened in an editor',
    );
    await vscode.commands.executeCommand('notifications.clearAll');
    await assert.rejects(
      Promise.resolve(
        vscode.workspace.fs.readFile(
          vscode.Uri.from({ scheme: 'mlflow-artifact', path: `/${runId}/huge.bin` }),
        ),
      ),
      (err: Error) => /huge\.bin is larger than 50 MB.*Download Artifacts/.test(err.message),
    );
    assert.deepEqual(adjust.reads, [], 'no byte of the large file was asked for');
    adjust.extraArtifacts.clear();
  });

  it('refreshes a running run that finished on the server while the view is visible, then stops polling', async function () {
    this.timeout(120_000);
    const api = await activeApi();
    const rec = ids();
    const iris = rec.experiments['iris-classification'] ?? '';
    await vscode.commands.executeCommand('mlflow.experiments.refresh');
    await vscode.commands.executeCommand('mlflow.experiments.focus');
    await until('the Experiments view to be visible', () =>
      api.explorer.experimentsView.visible ? true : undefined,
    );
    const running = await runNode(api, iris, rec.runs.running);
    assert.ok(running);
    assert.equal(running.run.info.status, 'RUNNING');
    await until('the poll to start', () => (api.explorer.poller.active ? true : undefined));

    // mlflow.autoRefreshSeconds = 0 turns automatic refresh off; back to the default turns it on.
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('autoRefreshSeconds', 0, vscode.ConfigurationTarget.Workspace);
    await until('the poll to stop for autoRefreshSeconds = 0', () =>
      api.explorer.poller.active ? undefined : true,
    );
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('autoRefreshSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    await until('the poll to start again', () => (api.explorer.poller.active ? true : undefined));

    adjust.status.set(rec.runs.running, 'FINISHED');
    try {
      await until(
        'the run to be refreshed as finished',
        () =>
          api.explorer.model.loadedRunsOf(iris).find((r) => r.info.runId === rec.runs.running)?.info
            .status === 'FINISHED'
            ? true
            : undefined,
        60_000,
      );
      const finished = await runNode(api, iris, rec.runs.running);
      assert.ok(finished);
      assert.equal((api.explorer.experiments.getTreeItem(finished).iconPath as vscode.ThemeIcon).id, 'pass');
      await until('the poll to stop with no run running', () =>
        api.explorer.poller.active ? undefined : true,
      );
    } finally {
      adjust.status.clear();
    }
  });

  it('loads runs in pages of mlflow.runs.pageSize', async () => {
    const api = await activeApi();
    const sweep = ids().experiments['hyperparam-sweep'] ?? '';
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('runs.pageSize', 10, vscode.ConfigurationTarget.Workspace);
    try {
      const exp = await experiment(api, sweep);
      const nodes = await api.explorer.experiments.getChildren(exp);
      assert.equal(api.explorer.model.loadedRunsOf(sweep).length, 10);
      const more = nodes.find((n): n is NodeOf<'loadMore'> => n.kind === 'loadMore');
      assert.ok(more);
      assert.equal(api.explorer.experiments.getTreeItem(more).description, '10 loaded');
      await vscode.commands.executeCommand('mlflow.runs.loadMore', more);
      assert.equal(api.explorer.model.loadedRunsOf(sweep).length, 11, 'the rest of the 11 sweep runs');
    } finally {
      await vscode.workspace
        .getConfiguration('mlflow')
        .update('runs.pageSize', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('shows a filter the server rejects as one node that reopens the filter, keeping it', async () => {
    const api = await activeApi();
    const iris = ids().experiments['iris-classification'] ?? '';
    const bad = 'metrics.accuracy >';
    await vscode.commands.executeCommand('mlflow.runs.filter', bad);
    const nodes = await api.explorer.experiments.getChildren(await experiment(api, iris));
    assert.equal(nodes.length, 1);
    const node = nodes[0];
    assert.ok(node?.kind === 'message');
    assert.match(node.text, /^The server rejected the filter: /);
    const item = api.explorer.experiments.getTreeItem(node);
    assert.equal(item.command?.command, 'mlflow.runs.filter', 'clicking it opens the filter box');
    assert.equal(api.explorer.model.query.filter, bad, 'the refused filter is what the box opens with');
    assert.equal(api.explorer.experimentsView.message, `Runs filtered by: ${bad}`);
  });

  it('completes filter keys from the selected experiment only', async () => {
    const api = await activeApi();
    const rec = ids();
    const iris = rec.experiments['iris-classification'] ?? '';
    const wine = rec.experiments['wine-regression'] ?? '';
    const stores = await api.stores();
    const metricKeys = async (exp: string): Promise<Set<string>> =>
      new Set(
        (await stores.tracking.searchRuns({ experimentIds: [exp], maxResults: 1000 })).items.flatMap((r) =>
          r.data.metrics.map((m) => m.key),
        ),
      );
    const irisKeys = await metricKeys(iris);
    const wineOnly = [...(await metricKeys(wine))].filter((k) => !irisKeys.has(k));
    assert.ok(wineOnly.length > 0, 'the fixture has metrics only the wine runs log');
    const irisNode = await experiment(api, iris);
    const wineNode = await experiment(api, wine);
    await api.explorer.experiments.getChildren(irisNode);
    await api.explorer.experiments.getChildren(wineNode);

    await api.explorer.experimentsView.reveal(irisNode, { select: true, focus: false, expand: false });
    const keys = api.explorer.filterKeys();
    for (const k of wineOnly) {
      assert.ok(
        !keys.some((key) => key === `metrics.${k}` || key === `metrics.\`${k}\``),
        `${k} is a wine key`,
      );
    }
    assert.ok([...irisKeys].every((k) => keys.some((key) => key.startsWith('metrics.') && key.includes(k))));

    await api.explorer.experimentsView.reveal(wineNode, { select: true, focus: false, expand: false });
    const wineKeys = api.explorer.filterKeys();
    assert.ok(wineOnly.every((k) => wineKeys.some((key) => key.startsWith('metrics.') && key.includes(k))));
  });

  it("runs node commands from the palette through a quick pick of recent runs or of a model's versions", async () => {
    const api = await activeApi();
    const rec = ids();
    const iris = rec.experiments['iris-classification'] ?? '';
    const irisNode = await experiment(api, iris);
    await api.explorer.experimentsView.reveal(irisNode, { select: true, focus: false, expand: false });
    const stores = await api.stores();
    // A whole page: the writable test double filters deleted runs out after paging.
    const newest = (
      await stores.tracking.searchRuns({
        experimentIds: [iris],
        maxResults: 100,
        orderBy: ['attributes.start_time DESC'],
      })
    ).items[0];
    assert.ok(newest);
    const copied = await acceptPicks(
      vscode.commands.executeCommand<string | undefined>('mlflow.runs.copyId'),
      'Copy Run ID',
    );
    assert.equal(copied, newest.info.runId);
    assert.equal(await vscode.env.clipboard.readText(), newest.info.runId);

    const model = (await api.explorer.models.getChildren()).find(
      (n) => n.kind === 'registeredModel' && n.model.name === 'iris-classifier',
    );
    assert.ok(model);
    await vscode.commands.executeCommand('mlflow.models.focus');
    await api.explorer.modelsView.reveal(model, { select: true, focus: false, expand: false });
    const newestVersion = [...(rec.models['iris-classifier']?.versions ?? [])].sort(
      (a, b) => Number(b) - Number(a),
    )[0];
    const uri = await acceptPicks(
      vscode.commands.executeCommand<string | undefined>('mlflow.models.copyUri'),
      'Copy Model URI',
    );
    assert.equal(uri, `models:/iris-classifier/${newestVersion ?? ''}`);
  });

  it('lets a newer load cancel the one it supersedes: a slow stale answer never shows', async function () {
    this.timeout(60_000);
    const api = await activeApi();
    const iris = ids().experiments['iris-classification'] ?? '';
    const filter = "params.C = '1.0'";
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let staleAsked = false;
    scripted.script(async (req) => {
      const isRuns = req.path.endsWith('/runs/search') || req.path.endsWith('/registered-models/search');
      if (isRuns && !req.body.includes('params.C') && !req.query.some(([k]) => k === 'page_token')) {
        staleAsked = true;
        // Every unfiltered search answers only after the newer (filtered) one has: a late reset
        // from the connection change may restart the first load, and its retry must be stale too.
        await gate;
      }
      return forward(server, req);
    });
    await useTrackingUri(api, scripted.baseUrl);
    const exp = await experiment(api, iris);
    const first = api.explorer.experiments.getChildren(exp);
    await until('the first search to reach the server', () => (staleAsked ? true : undefined));
    await vscode.commands.executeCommand('mlflow.runs.filter', filter);
    const fresh = await api.explorer.experiments.getChildren(await experiment(api, iris));
    release();
    const want = (
      await (await api.stores()).tracking.searchRuns({ experimentIds: [iris], filter, maxResults: 100 })
    ).items
      .map((r) => r.info.runId)
      .sort();
    assert.ok(want.length > 0 && want.length < 7, `the filter selects some iris runs (${want.length})`);
    assert.deepEqual(runIds(fresh).sort(), want);
    assert.deepEqual(runIds(await first).sort(), want, 'the superseded request answers with the newer load');
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(
      api.explorer.model
        .loadedRunsOf(iris)
        .map((r) => r.info.runId)
        .sort(),
      want,
      'the late stale answer was dropped',
    );
  });

  it('lets a newer load of the Models view supersede a slow one', async function () {
    this.timeout(60_000);
    const api = await activeApi();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let asked = 0;
    scripted.script(async (req) => {
      if (req.path.endsWith('/registered-models/search') && asked++ === 0) {
        await gate;
        return {
          status: 200,
          body: JSON.stringify({
            registered_models: [{ name: 'stale-model', creation_timestamp: 1, last_updated_timestamp: 1 }],
          }),
        };
      }
      return forward(server, req);
    });
    await useTrackingUri(api, scripted.baseUrl);
    const first = api.explorer.models.getChildren();
    await until('the first models search to reach the server', () => (asked > 0 ? true : undefined));
    await vscode.commands.executeCommand('mlflow.models.refresh');
    const fresh = await api.explorer.models.getChildren();
    release();
    const names = (nodes: readonly ExplorerNode[]): string[] =>
      nodes.map((n) => (n.kind === 'registeredModel' ? n.model.name : n.kind));
    const want = Object.keys(ids().models).sort();
    assert.deepEqual(names(fresh).sort(), want);
    assert.deepEqual(names(await first).sort(), want, 'the superseded request answers with the newer load');
    assert.ok(!names(await api.explorer.models.getChildren()).includes('stale-model'));
  });
});
