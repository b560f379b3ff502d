import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FileRegistryStore } from '../../../src/core/registry/fileRegistryStore';
import { FileTrackingStore } from '../../../src/core/tracking/file/fileTrackingStore';
import type { MlflowExtensionApi } from '../../../src/extension/api';
import type { ExplorerNode, NodeOf } from '../../../src/extension/explorer/explorerNode';
import { makeGitRepository, writeFileStore, type TestRepository } from '../../support/code/codeFixtures';
import { startMlflowTestServer, type MlflowTestServer } from '../../support/mlflow/mlflowTestServer';
import { activeApi, clearTrackingUriSetting, until, waitForConnection, workspaceRoot } from './helpers';

const EXPERIMENT = '424242';
const TRAIN_V1 = 'import mlflow\nmlflow.set_experiment("code-lens-test")\nmlflow.log_metric("loss", 1)\n';
const TRAIN_V2 =
  'import mlflow\nmlflow.set_experiment("code-lens-test")\nwith mlflow.start_run():\n    mlflow.log_metric("loss", 1)\n    mlflow.log_metrics({"accuracy": 0.5})\n';
const WORKING =
  'import mlflow as mf\n\nmf.set_experiment("code-lens-test")\nmf.autolog()\nwith mf.start_run():\n    mf.log_metric("loss", 1)\n    mf.log_metrics({\n        "accuracy": 0.5,\n        "f1": 0.1,\n    })\n';

/** The lenses of WORKING over the runs below: each call form, by line. */
const EXPECTED_LENSES = [
  '2: MLflow: 3 runs · latest elsewhere: finished · Open Experiment',
  '3: MLflow autolog: latest second finished · Compare Latest 2 Runs',
  '4: MLflow run: latest second finished · Compare Latest 2 Runs',
  '5: loss: last 0.5 · best 0.5 (2 runs) · Compare Latest Runs',
  '7: accuracy: last 0.7 · best 0.7 (2 runs) · Compare Latest Runs',
  "8: f1: not logged by this file's latest runs yet",
];

const runIdOf = (n: number): string => `${String(n).padStart(2, '0')}${'c0de'.repeat(7)}00ff`.slice(0, 32);

async function useTrackingUri(api: MlflowExtensionApi, uri: string): Promise<void> {
  await vscode.workspace
    .getConfiguration('mlflow')
    .update('trackingUri', uri, vscode.ConfigurationTarget.Workspace);
  await waitForConnection(api, (s) => s.status === 'ready' && s.uri === uri, uri);
}

async function runNodes(api: MlflowExtensionApi): Promise<Map<string, NodeOf<'run'>>> {
  const experiment = (await api.explorer.experiments.getChildren()).find(
    (n): n is NodeOf<'experiment'> => n.kind === 'experiment' && n.experiment.experimentId === EXPERIMENT,
  );
  assert.ok(experiment, 'the test experiment is listed');
  const runs = (await api.explorer.experiments.getChildren(experiment)).filter(
    (n: ExplorerNode): n is NodeOf<'run'> => n.kind === 'run',
  );
  return new Map(runs.map((r) => [r.name, r]));
}

function activeDiff(): vscode.TabInputTextDiff {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  assert.ok(input instanceof vscode.TabInputTextDiff, 'a diff editor is active');
  return input;
}

const textOf = async (uri: vscode.Uri): Promise<string> =>
  (await vscode.workspace.openTextDocument(uri)).getText();

async function lensTitles(file: vscode.Uri): Promise<string[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
    'vscode.executeCodeLensProvider',
    file,
    100,
  );
  return lenses.map((l) => `${String(l.range.start.line)}: ${l.command?.title ?? ''}`);
}

describe('Runs and their code (real git repository, file store and REST test server)', function () {
  this.timeout(120_000);
  let api: MlflowExtensionApi;
  let repo: TestRepository;
  let mlruns: string;
  let server: MlflowTestServer | undefined;

  before(async () => {
    api = await activeApi();
    repo = makeGitRepository(path.join(workspaceRoot().fsPath, `code-repo-${String(process.pid)}`), [
      { 'train.py': TRAIN_V1 },
      { 'train.py': TRAIN_V2, 'utils.py': 'def helper():\n    return 1\n' },
    ]);
    fs.writeFileSync(path.join(repo.root, 'train.py'), WORKING);
    mlruns = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-code-')), 'mlruns');
    const [c1 = '', c2 = ''] = repo.commits;
    writeFileStore(mlruns, EXPERIMENT, 'code-lens-test', [
      {
        runId: runIdOf(1),
        name: 'first',
        startTime: 1767225600000,
        tags: {
          'mlflow.source.name': `/home/ci/${path.basename(repo.root)}/train.py`,
          'mlflow.source.git.commit': c1,
        },
        metrics: { loss: 0.9, accuracy: 0.4 },
      },
      {
        runId: runIdOf(2),
        name: 'second',
        startTime: 1767312000000,
        tags: {
          'mlflow.source.name': 'train.py',
          'mlflow.source.git.commit': c2,
          'mlflow.source.git.dirty': 'true',
          'mlflow.git.diff': '--- a/train.py\n+++ b/train.py\n',
        },
        metrics: { loss: 0.5, accuracy: 0.7 },
      },
      {
        runId: runIdOf(3),
        name: 'elsewhere',
        startTime: 1767398400000,
        tags: {
          'mlflow.source.name': 'other.py',
          'mlflow.source.git.commit': 'deadbeef'.repeat(5),
          'mlflow.source.git.repoURL': 'https://example.invalid/team/other.git',
        },
        metrics: { loss: 0.01 },
      },
    ]);
    await useTrackingUri(api, vscode.Uri.file(mlruns).toString());
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await clearTrackingUriSetting();
    await server?.close();
    fs.rmSync(repo.root, { recursive: true, force: true });
  });

  it("opens a run's entry point as it was at the run's commit, read-only", async () => {
    const runs = await runNodes(api);
    const result = await vscode.commands.executeCommand<{ opened: string }>(
      'mlflow.code.openAtCommit',
      runs.get('first'),
    );
    assert.ok(result.opened, JSON.stringify(result));
    const editor = await until('the commit document is active', () =>
      vscode.window.activeTextEditor?.document.uri.toString() === result.opened
        ? vscode.window.activeTextEditor
        : undefined,
    );
    assert.equal(editor.document.getText(), TRAIN_V1);
    // the test workbench turns the Git extension off (git.enabled false): git show serves it
    assert.equal(editor.document.uri.scheme, 'mlflow-git', 'a history document, not the working file');
  });

  it("diffs the run's commit against the working file and says the run was dirty", async () => {
    const runs = await runNodes(api);
    const result = await vscode.commands.executeCommand<{ right: string; dirty: boolean }>(
      'mlflow.code.compareWithWorkspace',
      runs.get('second'),
    );
    assert.equal(result.dirty, true);
    const diff = await until('the diff editor', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff ? input : undefined;
    });
    assert.equal(await textOf(diff.original), TRAIN_V2);
    assert.equal(diff.modified.fsPath, path.join(repo.root, 'train.py'));
    assert.equal(await textOf(diff.modified), WORKING);
  });

  it("diffs two runs' entry points and lists the files changed between their commits", async () => {
    const runs = await runNodes(api);
    const second = runs.get('second');
    const first = runs.get('first');
    const result = await vscode.commands.executeCommand<{ changed: { status: string; path: string }[] }>(
      'mlflow.code.compareRuns',
      second,
      [second, first],
    );
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.deepEqual(result.changed.map((c) => `${c.status} ${c.path}`).sort(), ['A utils.py', 'M train.py']);
    const diff = activeDiff();
    assert.equal(await textOf(diff.original), TRAIN_V1, 'the older run on the left');
    assert.equal(await textOf(diff.modified), TRAIN_V2);
  });

  it('says when a run’s commit is not in the workspace, naming the repository', async () => {
    const runs = await runNodes(api);
    const result = await vscode.commands.executeCommand<{ problem: string; message: string }>(
      'mlflow.code.openAtCommit',
      runs.get('elsewhere'),
    );
    assert.equal(result.problem, 'notInWorkspace');
    assert.match(
      result.message,
      /^elsewhere: Commit deadbeef of https:\/\/example\.invalid\/team\/other\.git is not in any repository open in this workspace\.$/,
    );
  });

  it("opens the commit's version as the Git extension's git: document once it is enabled", async () => {
    const git = vscode.extensions.getExtension<{ enabled: boolean }>('vscode.git');
    assert.ok(git, 'code-server ships the Git extension');
    await vscode.workspace
      .getConfiguration('git')
      .update('enabled', true, vscode.ConfigurationTarget.Workspace);
    try {
      const exports = git.isActive ? git.exports : await git.activate();
      await until('the Git extension is enabled', () => (exports.enabled ? true : undefined));
      const runs = await runNodes(api);
      const result = await vscode.commands.executeCommand<{ opened: string }>(
        'mlflow.code.openAtCommit',
        runs.get('first'),
      );
      const uri = vscode.Uri.parse(result.opened);
      assert.equal(uri.scheme, 'git', result.opened);
      assert.equal(await textOf(uri), TRAIN_V1);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace
        .getConfiguration('git')
        .update('enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('serves mlflow-git: documents (the fallback without the Git extension) only for resolved repositories', async () => {
    const [c1 = ''] = repo.commits;
    const doc = (root: string, commit: string, file: string): vscode.Uri =>
      vscode.Uri.from({ scheme: 'mlflow-git', path: `/${file}`, query: JSON.stringify({ root, commit }) });
    assert.ok(api.code.repositories.isKnownRoot(repo.root), 'resolved by the tests above');
    assert.equal(await textOf(doc(repo.root, c1, 'train.py')), TRAIN_V1);
    const refused = async (uri: vscode.Uri): Promise<void> => {
      await assert.rejects(
        async () => (await vscode.workspace.openTextDocument(uri)).getText(),
        uri.toString(),
      );
    };
    await refused(doc(os.tmpdir(), c1, 'train.py'));
    await refused(doc(repo.root, '--output=/tmp/x', 'train.py'));
    await refused(doc(repo.root, c1, '../../etc/passwd'));
  });

  it('refuses a commit tag that is not a hash without running git', async () => {
    const result = await vscode.commands.executeCommand<{ problem: string }>('mlflow.code.openAtCommit', {
      kind: 'trace',
      info: {
        traceId: 'tr-1',
        requestTimeMs: 0,
        tags: { 'mlflow.source.git.commit': '--output=/tmp/x' },
        metadata: {},
      },
    });
    assert.equal(result.problem, 'noCommit');
  });

  it('shows metric lenses in the training script from the local store', async () => {
    const file = vscode.Uri.file(path.join(repo.root, 'train.py'));
    await vscode.window.showTextDocument(file);
    api.code.lenses.invalidate();
    assert.deepEqual(await lensTitles(file), EXPECTED_LENSES);
  });

  it('shows the experiment lens in a notebook cell', async () => {
    const file = path.join(repo.root, 'explore.ipynb');
    const cell = (source: string): Record<string, unknown> => ({
      cell_type: 'code',
      metadata: {},
      outputs: [],
      execution_count: null,
      source: [source],
    });
    fs.writeFileSync(
      file,
      JSON.stringify({
        cells: [cell('import mlflow\nmlflow.set_experiment("code-lens-test")\n'), cell('print(1)\n')],
        metadata: { language_info: { name: 'python' } },
        nbformat: 4,
        nbformat_minor: 5,
      }),
    );
    const notebook = await vscode.workspace.openNotebookDocument(vscode.Uri.file(file));
    await vscode.window.showNotebookDocument(notebook);
    const [first, second] = notebook.getCells();
    assert.ok(first && second);
    assert.equal(first.document.uri.scheme, 'vscode-notebook-cell');
    assert.deepEqual(await lensTitles(first.document.uri), [
      '1: MLflow: 3 runs · latest elsewhere: finished · Open Experiment',
    ]);
    assert.deepEqual(await lensTitles(second.document.uri), []);
  });

  it('shows the same lenses through the REST test server, and none when turned off', async () => {
    server = await startMlflowTestServer(new FileTrackingStore(mlruns), new FileRegistryStore(mlruns));
    await useTrackingUri(api, server.baseUrl);
    const file = vscode.Uri.file(path.join(repo.root, 'train.py'));
    const before = server.received.length;
    assert.deepEqual(await lensTitles(file), EXPECTED_LENSES);
    assert.ok(
      server.received.slice(before).some((c) => c.path.endsWith('runs/search')),
      'read from the server',
    );
    // cached: asking again (as each keystroke would) sends nothing
    const cachedAt = server.received.length;
    await lensTitles(file);
    assert.equal(server.received.length, cachedAt);
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('codeLens.metrics', false, vscode.ConfigurationTarget.Workspace);
    try {
      assert.deepEqual(await lensTitles(file), []);
    } finally {
      await vscode.workspace
        .getConfiguration('mlflow')
        .update('codeLens.metrics', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
