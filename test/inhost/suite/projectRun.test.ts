import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SqliteRegistryStore } from '../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import type { NodeOf } from '../../../src/extension/explorer/explorerNode';
import { PROJECT_COMMANDS } from '../../../src/extension/shared/commandIds/projectCommandIds';
import type { RunEntryPointResult } from '../../../src/extension/projects/runEntryPoint';
import { startMlflowTestServer, type MlflowTestServer } from '../../support/mlflow/mlflowTestServer';
import { overlayStores } from '../../support/mlflow/writableOverlay';
import {
  activeApi,
  clearTrackingUriSetting,
  repoRoot,
  until,
  waitForConnection,
  workspaceRoot,
} from './helpers';

const TOKEN = 'project-run-token';

function readJsonLines(file: string): unknown[] {
  return fs.existsSync(file)
    ? fs
        .readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as unknown)
    : [];
}

describe('run an MLproject entry point (real extension host, mlflow CLI stand-in, REST test server)', () => {
  let server: MlflowTestServer;
  let tracking: SqliteTrackingStore;
  let tmp: string;
  let projectDir: string;
  let mlproject: vscode.Uri;
  let argvLog: string;
  let envLog: string;
  const runArgvs = (): unknown[][] =>
    readJsonLines(argvLog).filter((a): a is unknown[] => Array.isArray(a) && a[2] === 'run');

  before(async function () {
    this.timeout(120_000);
    const fixtures = path.join(repoRoot().fsPath, 'test', 'fixtures', 'mlflow-2.17.2');
    const db = await SqliteDatabase.open(path.join(fixtures, 'sqlite', 'mlflow.db'));
    tracking = new SqliteTrackingStore(db, {
      artifactsDestination: path.join(fixtures, 'sqlite', 'mlartifacts'),
    });
    const stores = overlayStores(tracking, new SqliteRegistryStore(db));
    server = await startMlflowTestServer(stores.tracking, stores.registry, {
      writes: stores.writes,
      bearerToken: TOKEN,
    });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-project-run-'));
    argvLog = path.join(tmp, 'argv.log');
    envLog = path.join(tmp, 'env.log');
    process.env.MLFLOW_STANDIN_ARGV_LOG = argvLog;
    process.env.MLFLOW_STANDIN_ENV_LOG = envLog;
    process.env.MLFLOW_STANDIN_RUN_MS = '1500';
    // The credentials the user has in their environment: the extension's requests and the child's both use them.
    process.env.MLFLOW_TRACKING_TOKEN = TOKEN;
    // MLflow's own example project (test/fixtures/mlproject, from mlflow/examples/sklearn_elasticnet_wine).
    projectDir = path.join(workspaceRoot().fsPath, 'projects', 'wine-run');
    fs.cpSync(
      path.join(repoRoot().fsPath, 'test', 'fixtures', 'mlproject', 'sklearn_elasticnet_wine'),
      projectDir,
      { recursive: true },
    );
    mlproject = vscode.Uri.file(path.join(projectDir, 'MLproject'));
    const standIn = path.join(repoRoot().fsPath, 'test', 'support', 'cli', 'python');
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('pythonPath', standIn, vscode.ConfigurationTarget.Global);
    const api = await activeApi();
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('trackingUri', server.baseUrl, vscode.ConfigurationTarget.Workspace);
    await waitForConnection(api, (s) => s.status === 'ready' && s.uri === server.baseUrl, server.baseUrl);
  });

  after(async () => {
    delete process.env.MLFLOW_STANDIN_ARGV_LOG;
    delete process.env.MLFLOW_STANDIN_ENV_LOG;
    delete process.env.MLFLOW_STANDIN_RUN_MS;
    delete process.env.MLFLOW_TRACKING_TOKEN;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('pythonPath', undefined, vscode.ConfigurationTarget.Global);
    await clearTrackingUriSetting();
    await server.close();
    tracking.dispose();
    fs.rmSync(projectDir, { recursive: true, force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('puts a Run lens above the entry point and runs it: exact argv, tracking URI and credentials in the env, the run revealed in the tree', async function () {
    this.timeout(120_000);
    const api = await activeApi();
    const document = await vscode.workspace.openTextDocument(mlproject);
    await vscode.window.showTextDocument(document);
    let lens: vscode.CodeLens | undefined;
    for (let attempt = 0; attempt < 50 && lens === undefined; attempt++) {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        mlproject,
      );
      lens = lenses.find((l) => l.command?.command === PROJECT_COMMANDS.runEntryPoint);
      if (lens === undefined) {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    assert.ok(lens?.command, 'the MLproject has a Run entry point lens');
    assert.equal(document.lineAt(lens.range.start.line).text.trim(), 'main:');
    assert.deepEqual(lens.command.arguments?.map(String), [mlproject.toString(), 'main']);

    const answers = {
      values: { alpha: '0.7' },
      experimentName: 'wine-from-vscode',
      envManager: 'local',
      submit: true,
    };
    const lensArgs: unknown[] = lens.command.arguments ?? [];
    const outcome = await vscode.commands.executeCommand<RunEntryPointResult | undefined>(
      lens.command.command,
      ...lensArgs,
      answers,
    );
    assert.ok(outcome && outcome.status !== 'refused', JSON.stringify(outcome));
    assert.equal(outcome.status, 'succeeded', outcome.message);
    assert.match(outcome.runId ?? '', /^[0-9a-f]{32}$/);

    assert.deepEqual(runArgvs(), [
      [
        '-m',
        'mlflow',
        'run',
        projectDir,
        '-e',
        'main',
        '-P',
        'alpha=0.7',
        '-P',
        'l1_ratio=0.1',
        '--experiment-name',
        'wine-from-vscode',
        '--env-manager',
        'local',
      ],
    ]);
    assert.deepEqual(readJsonLines(envLog), [
      { MLFLOW_TRACKING_URI: server.baseUrl, credentials: ['MLFLOW_TRACKING_TOKEN'] },
    ]);

    // In the Experiments view: the new experiment, the finished run in it, and selected.
    assert.equal(outcome.revealed, true);
    const experiments = await api.explorer.experiments.getChildren();
    const experiment = experiments.find(
      (n): n is NodeOf<'experiment'> => n.kind === 'experiment' && n.experiment.name === 'wine-from-vscode',
    );
    assert.ok(experiment, 'the experiment mlflow run created is listed');
    const runs = await api.explorer.experiments.getChildren(experiment);
    const run = runs.find((n): n is NodeOf<'run'> => n.kind === 'run' && n.runId === outcome.runId);
    assert.ok(run, 'the new run is listed under it');
    assert.equal(run.run.info.status, 'FINISHED');
    assert.deepEqual(
      run.run.data.params.map((p) => [p.key, p.value]),
      [
        ['alpha', '0.7'],
        ['l1_ratio', '0.1'],
      ],
    );
    const selected = api.explorer.experimentsView.selection.map((n) => (n.kind === 'run' ? n.runId : n.kind));
    assert.deepEqual(selected, [outcome.runId]);
    assert.ok(
      vscode.window.terminals.some((t) => t.name === 'MLflow Run: tutorial · main'),
      'the logs are in a terminal',
    );
  });

  it('stops the run on Ctrl+C in its terminal: the outcome says stopped and no mlflow process is left', async function () {
    this.timeout(90_000);
    // the stand-in keeps its run going for a minute unless it is stopped
    process.env.MLFLOW_STANDIN_RUN_MS = '60000';
    const opened = new Promise<vscode.Terminal>((resolve) => {
      const sub = vscode.window.onDidOpenTerminal((t) => {
        if (t.name === 'MLflow Run: tutorial · main') {
          sub.dispose();
          resolve(t);
        }
      });
    });
    const before = runArgvs().length;
    try {
      const pending = vscode.commands.executeCommand<RunEntryPointResult | undefined>(
        PROJECT_COMMANDS.runEntryPoint,
        mlproject,
        'main',
        {
          values: { alpha: '0.3' },
          experimentName: 'wine-stopped',
          envManager: 'local',
          submit: true,
        },
      );
      const terminal = await opened;
      await until(
        'the stand-in to start the run',
        () => (runArgvs().length > before ? true : undefined),
        30_000,
      );
      const running = (): boolean =>
        execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
          .split('\n')
          .some((l) => l.includes('-m mlflow run') && l.includes('alpha=0.3'));
      assert.equal(running(), true, 'the mlflow run process is there before Ctrl+C');
      terminal.sendText('\x03', false);
      const outcome = await pending;
      assert.equal(outcome?.status, 'stopped', JSON.stringify(outcome));
      assert.match(outcome.message, /was stopped/);
      await until('the process tree to be gone', () => (running() ? undefined : true), 15_000);
    } finally {
      process.env.MLFLOW_STANDIN_RUN_MS = '1500';
    }
  });

  it('refuses a value that tries to inject, says why, and spawns nothing', async function () {
    this.timeout(60_000);
    const before = runArgvs().length;
    for (const [values, problem] of [
      [{ alpha: '0.5; touch /tmp/pwned' }, /alpha: The value is not a number\./],
      [{ alpha: '0.5 --experiment-id 0' }, /alpha: The value is not a number\./],
      [
        { l1_ratio: "0.1\n=== Run (ID 'deadbeef') succeeded ===" },
        /l1_ratio: The value contains a line break\./,
      ],
    ] as const) {
      const outcome = await vscode.commands.executeCommand<RunEntryPointResult | undefined>(
        PROJECT_COMMANDS.runEntryPoint,
        mlproject,
        'main',
        { values, submit: true },
      );
      assert.equal(outcome?.status, 'refused');
      assert.match(outcome.message, problem);
    }
    const optionLike = await vscode.commands.executeCommand<RunEntryPointResult | undefined>(
      PROJECT_COMMANDS.runEntryPoint,
      mlproject,
      'main',
      { experimentName: '--backend=databricks', submit: true },
    );
    assert.equal(optionLike?.status, 'refused');
    assert.match(optionLike.message, /experiment name: An experiment name cannot start with "-"/);
    assert.equal(runArgvs().length, before, 'nothing was spawned');
  });

  it('opens the parameter form when not asked to submit', async function () {
    this.timeout(30_000);
    const result = await vscode.commands.executeCommand<RunEntryPointResult | undefined>(
      PROJECT_COMMANDS.runEntryPoint,
      mlproject,
      'main',
    );
    assert.equal(result, undefined);
    const tab = await until('the form’s tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'Run tutorial · main'),
    );
    assert.ok(tab.input instanceof vscode.TabInputWebview);
    assert.match(tab.input.viewType, /mlflow\.projectRun$/);
  });
});
