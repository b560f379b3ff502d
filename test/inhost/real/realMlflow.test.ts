// The real-MLflow tier's in-host suite: the flows users run, in the real extension host, against a
// real tracking server filled by the real client of one MLflow version, with `mlflow.pythonPath`
// pointing at that version's venv (whose folder is not on PATH). test/real/realMlflowTier.ts
// starts the server, fills it and passes what it filled through the environment (tierProtocol.ts).
// The steps share one server and run in order; each records its time in the tier's report.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitForPing } from '../../../src/core/serving/waitForPing';
import { COMMANDS } from '../../../src/extension/shared/commandIds/commandIds';
import type { ExplorerNode, NodeOf } from '../../../src/extension/explorer/explorerNode';
import { PROJECT_COMMANDS } from '../../../src/extension/shared/commandIds/projectCommandIds';
import type { RunEntryPointResult } from '../../../src/extension/projects/runEntryPoint';
import type { LoggedModelResult } from '../../../src/extension/scaffold/logScaffoldedModel';
import { SCAFFOLD_COMMANDS } from '../../../src/extension/shared/commandIds/scaffoldCommandIds';
import { freePort } from '../../../src/extension/shared/freePort';
import type { ModelServerInfo } from '../../../src/extension/serving/modelServer';
import { treeModelTargets } from '../../../src/extension/serving/treeModelTarget';
import type { TryItPanel } from '../../../src/extension/serving/tryItPanel';
import type { TryItHostMessage } from '../../../src/protocol/tryIt';
import { TIER_ENV, type FillSummary, type TierReport } from '../../real/tierProtocol';
import { fromWireFigures } from '../../../src/core/runsTable/wireNumber';
import type { RunsTablePanel } from '../../../src/extension/runsTable/runsTablePanel';
import { RUNS_TABLE_COMMANDS } from '../../../src/extension/shared/commandIds/runsTableCommandIds';
import type { RunsTableFigures, RunsTableRows, RunsTableSeries } from '../../../src/protocol/runsTable';
import { unpackSeries } from '../../../src/protocol/seriesBatch';
import type { ComparePanel } from '../../../src/extension/compare/comparePanel';
import type { CompareSeries, CompareSnapshot } from '../../../src/protocol/compareRuns';
import {
  activeApi,
  clearTrackingUriSetting,
  mlflowLog,
  probeOf,
  until,
  waitForConnection,
  workspaceRoot,
} from '../suite/helpers';

const SERVE_MS = 240_000;

function required(name: string): string {
  const v = process.env[name];
  if (!v) {
    throw new Error(`${name} is not set: run this suite through test/real/realMlflowTier.ts`);
  }
  return v;
}

const trackingUri = required(TIER_ENV.trackingUri);
const python = required(TIER_ENV.python);
const reportFile = required(TIER_ENV.report);
const summary = JSON.parse(fs.readFileSync(required(TIER_ENV.summary), 'utf8')) as FillSummary;
const version = summary.mlflowVersion;
const major = Number(version.split('.')[0]);
const atLeast = (want: readonly number[]): boolean => {
  const have = version.split('.').map(Number);
  for (let i = 0; i < want.length; i++) {
    const h = have[i] ?? 0;
    const w = want[i] ?? 0;
    if (h !== w) {
      return h > w;
    }
  }
  return true;
};
const report: TierReport = { steps: [] };
const writeReport = (): void => {
  fs.writeFileSync(reportFile, JSON.stringify(report, null, 2));
};

const mlmodel = (): vscode.Uri => vscode.Uri.joinPath(workspaceRoot(), 'models', 'iris-real', 'MLmodel');
const scoringBody = (): string =>
  JSON.stringify({ dataframe_split: { columns: summary.columns, data: summary.exampleRows } });

async function predictionsOf(url: string): Promise<unknown> {
  const res = await fetch(`${url}/invocations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: scoringBody(),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  assert.equal(res.status, 200, text.slice(0, 500));
  return (JSON.parse(text) as { predictions?: unknown }).predictions;
}

async function serve(arg: unknown, answers: Record<string, unknown>): Promise<ModelServerInfo> {
  const info = await vscode.commands.executeCommand<ModelServerInfo | undefined>(COMMANDS.serveStart, arg, {
    envManager: 'local',
    ...answers,
  });
  if (!info) {
    const failed = (await activeApi()).servers().find((s) => s.status === 'failed');
    assert.fail(
      `Serve returned no server${failed ? `; the failed server's last log line: ${String(failed.lastLogLine)}` : ''}\n${lastErrors()}`,
    );
  }
  assert.equal(info.status, 'running');
  return info;
}

/** The commands that failed in this window, as the extension logged them (its error messages). */
function lastErrors(): string {
  return mlflowLog()
    .split('\n')
    .filter((l) => / failed: /.test(l))
    .slice(-3)
    .join('\n');
}

const groupAlive = (pid: number): boolean => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function stopAll(): Promise<void> {
  for (const s of (await activeApi()).servers()) {
    await vscode.commands.executeCommand(COMMANDS.serveStop, s.id);
  }
}

/** `mlflow models serve` of the same folder from a shell (python found on PATH), until /ping answers. */
async function shellServe(folder: string): Promise<number> {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(
    '/bin/sh',
    ['-c', 'exec python -m mlflow models serve -m "$MODEL" --env-manager local -h 127.0.0.1 -p "$PORT" -w 1'],
    {
      // in the workspace, with the tracking URI the extension gives its servers (without one,
      // MLflow would make an ./mlruns wherever it runs)
      cwd: workspaceRoot().fsPath,
      env: {
        ...process.env,
        PATH: `${path.dirname(python)}${path.delimiter}${process.env.PATH ?? ''}`,
        MLFLOW_TRACKING_URI: trackingUri,
        MODEL: folder,
        PORT: String(port),
      },
      detached: true,
      // read like a terminal would, as the extension reads its servers' output
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.resume();
  child.stderr.resume();
  try {
    const outcome = await waitForPing(`http://127.0.0.1:${String(port)}`, {
      signal: new AbortController().signal,
      timeoutMs: SERVE_MS,
      stillRunning: () => child.exitCode === null,
    });
    assert.equal(outcome, 'ready', 'the shell serve became ready');
    return Date.now() - started;
  } finally {
    if (child.pid !== undefined) {
      const pid = child.pid;
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await until('the shell serve to end', () => (groupAlive(pid) ? undefined : true), 20_000);
    }
  }
}

function childNodes(view: 'experiments' | 'models', parent?: ExplorerNode): Promise<ExplorerNode[]> {
  return activeApi().then((api) => api.explorer[view].getChildren(parent));
}

async function runNode(): Promise<NodeOf<'run'>> {
  const experiment = (await childNodes('experiments')).find(
    (n) => n.kind === 'experiment' && n.experiment.name === summary.experimentName,
  );
  assert.ok(experiment, `the experiment ${summary.experimentName} is listed`);
  const run = (await childNodes('experiments', experiment)).find(
    (n): n is NodeOf<'run'> => n.kind === 'run' && n.runId === summary.runId,
  );
  assert.ok(run, `the run ${summary.runId} is listed under it`);
  return run;
}

async function championNode(): Promise<NodeOf<'modelVersion'>> {
  const model = (await childNodes('models')).find(
    (n) => n.kind === 'registeredModel' && n.model.name === summary.registeredModel,
  );
  assert.ok(model, `the registered model ${summary.registeredModel} is listed`);
  const versions = (await childNodes('models', model)).filter(
    (n): n is NodeOf<'modelVersion'> => n.kind === 'modelVersion',
  );
  const v = versions.find((n) => n.version === summary.modelVersion);
  assert.ok(v, `version ${summary.modelVersion} is listed; got ${versions.map((n) => n.version).join(', ')}`);
  return v;
}

describe(`real MLflow ${version} (real extension host, real tracking server, real CLI)`, function () {
  this.timeout(SERVE_MS + 60_000);
  let folderServer: ModelServerInfo | undefined;

  before(async () => {
    const config = vscode.workspace.getConfiguration('mlflow');
    await config.update('pythonPath', python, vscode.ConfigurationTarget.Global);
    const api = await activeApi();
    await config.update('trackingUri', trackingUri, vscode.ConfigurationTarget.Workspace);
    await waitForConnection(api, (s) => s.status === 'ready' && s.uri === trackingUri, trackingUri, 60_000);
  });

  afterEach(function () {
    const t = this.currentTest;
    if (t) {
      report.steps.push({ title: t.title, ms: t.duration ?? 0, state: t.state ?? 'pending' });
      writeReport();
    }
  });

  after(async () => {
    await stopAll();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await clearTrackingUriSetting();
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('pythonPath', undefined, vscode.ConfigurationTarget.Global);
  });

  it("finds MLflow through mlflow.pythonPath only: the venv is not on the extension host's PATH", () => {
    const bin = path.dirname(python);
    assert.equal((process.env.PATH ?? '').split(path.delimiter).includes(bin), false, `${bin} is on PATH`);
    assert.equal(vscode.workspace.getConfiguration('mlflow').get('pythonPath'), python);
  });

  it('browses the filled server: the experiment, the run with its params and metric history, the registered version with its alias', async () => {
    const api = await activeApi();
    const run = await runNode();
    assert.equal(run.run.info.status, 'FINISHED');
    assert.equal(run.name, summary.runName);
    assert.deepEqual(Object.fromEntries(run.run.data.params.map((p) => [p.key, p.value])), summary.params);
    const stores = await api.stores();
    const history = await stores.tracking.getMetricHistory({
      runId: summary.runId,
      metricKey: summary.metricKey,
    });
    assert.deepEqual(
      history.map((m) => m.step),
      [...Array(summary.metricSteps).keys()],
      'every step of the metric, as logged',
    );
    const champion = await championNode();
    assert.deepEqual(champion.modelVersion.aliases, [summary.alias]);
  });

  it("opens the experiment's Runs Table: the run, its metric's min / max / first / last / value at a step and its line chart series, read from the server", async () => {
    const api = await activeApi();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const panel = await vscode.commands.executeCommand<RunsTablePanel>(
      RUNS_TABLE_COMMANDS.open,
      summary.experimentId,
    );
    assert.equal(panel.panel.title, `Runs: ${summary.experimentName}`);
    const record = probeOf(api, 'runsTable', panel.panel);
    const rows = await until('every page of runs', () => {
      const pages = record.sent.filter((m): m is RunsTableRows => m.type === 'runsTable/rows');
      return pages.at(-1)?.done === true ? pages.flatMap((p) => p.rows) : undefined;
    });
    const row = rows.find((r) => r.runId === summary.runId);
    assert.ok(row, 'the filled run is a row');
    assert.equal(row.name, summary.runName);
    assert.deepEqual(row.metrics, [[summary.metricKey, summary.metricValues.at(-1)]]);
    // 2.8.0 has no get-history-bulk-interval: the store reads the whole history there instead.
    const values = summary.metricValues;
    await panel.onMessage({ type: 'runsTable/needFigures', key: summary.metricKey, steps: [2] });
    const figures = await until('the figures of the metric', () =>
      record.sent
        .filter((m): m is RunsTableFigures => m.type === 'runsTable/figures' && m.key === summary.metricKey)
        .flatMap((m) => m.figures)
        .find(([id]) => id === summary.runId),
    );
    assert.ok(figures[1] !== null, 'figures computed');
    assert.deepEqual(fromWireFigures(figures[1]), {
      min: Math.min(...values),
      max: Math.max(...values),
      first: values[0],
      last: values.at(-1),
      at: new Map([[2, values[2]]]),
    });
    await panel.onMessage({
      type: 'runsTable/needSeries',
      key: summary.metricKey,
      runIds: [summary.runId],
      maxPoints: 100,
      times: true,
    });
    const series = await until('the line chart series', () =>
      record.sent
        .filter((m): m is RunsTableSeries => m.type === 'runsTable/series' && m.key === summary.metricKey)
        .flatMap((m) => unpackSeries(m.batch))
        .find((s) => s.runId === summary.runId),
    );
    assert.deepEqual([...series.steps], [...values.keys()]);
    assert.deepEqual([...series.values], values);
    assert.equal(series.times?.length, values.length, 'with the times a time axis needs');
    panel.panel.dispose();
  });

  it("compares the run: its metric's chart from the server's history, and min / max rows beside the latest value", async () => {
    const api = await activeApi();
    const values = summary.metricValues;
    // One run picked asks "Compare with…" for another; the basket compares what it holds, one run too.
    await vscode.commands.executeCommand('mlflow.runs.addToComparison', await runNode());
    const panel = await vscode.commands.executeCommand<ComparePanel>('mlflow.runs.compare');
    const record = probeOf(api, 'compare', panel.panel);
    const drawn = await until('the charts drawn', () => record.lastReceived('compare/drawn'), 90_000);
    assert.equal(drawn.charts, 1, 'one chart: the one metric');
    const series = record.sent
      .filter((m): m is CompareSeries => m.type === 'compare/series' && m.metricKey === summary.metricKey)
      .flatMap((m) => unpackSeries(m.batch))
      .find((x) => x.runId === summary.runId);
    assert.deepEqual([...(series?.values ?? [])], values, 'every logged point, in order');
    const row = (label: string): number | undefined =>
      record.sent
        .filter((m): m is CompareSnapshot => m.type === 'compare/snapshot')
        .flatMap((m) => m.table.rows)
        .filter((r) => r.label === label)
        .at(-1)?.cells[0]?.value;
    await until('the min and max rows', () =>
      row(`${summary.metricKey} (max)`) === undefined ? undefined : true,
    );
    assert.equal(row(`${summary.metricKey} (min)`), Math.min(...values));
    assert.equal(row(`${summary.metricKey} (max)`), Math.max(...values));
    assert.equal(row(summary.metricKey), values.at(-1));
    panel.panel.dispose();
    await vscode.commands.executeCommand('mlflow.runs.clearComparison');
  });

  it(`opens the run's logged model in the Experiments view and serves it (${major >= 3 ? 'models:/m-<id>' : 'runs:/<id>/model'})`, async () => {
    const run = await runNode();
    const sections = await childNodes('experiments', run);
    const models = sections.find((n) => n.kind === 'section' && n.section === 'models');
    assert.ok(
      models,
      `the run has a Models section; it has ${sections.map((n) => (n.kind === 'section' ? n.section : n.kind)).join(', ')}`,
    );
    const logged = (await childNodes('experiments', models)).find(
      (n): n is NodeOf<'loggedModel'> => n.kind === 'loggedModel',
    );
    assert.ok(logged, 'the run lists its logged model');
    const expected = major >= 3 ? `models:/${String(summary.loggedModelId)}` : summary.runModelUri;
    assert.equal(treeModelTargets(logged)?.[0]?.modelUri, expected);
    const info = await serve(logged, {});
    assert.equal(info.modelUri, expected);
    assert.deepEqual(await predictionsOf(info.url), summary.expectedPredictions);
    await vscode.commands.executeCommand(COMMANDS.serveStop, info.id);
  });

  it("MLflow 3: the experiment's Logged Models node lists the model, browses its own artifacts and serves it as models:/m-<id>", async function () {
    if (major < 3) {
      this.skip();
    }
    const experiment = (await childNodes('experiments')).find(
      (n) => n.kind === 'experiment' && n.experiment.name === summary.experimentName,
    );
    assert.ok(experiment);
    const node = (await childNodes('experiments', experiment)).find((n) => n.kind === 'loggedModels');
    assert.ok(node, 'the experiment has a Logged Models node');
    const logged = (await childNodes('experiments', node)).find(
      (n): n is NodeOf<'loggedModel'> =>
        n.kind === 'loggedModel' && n.logged?.modelId === summary.loggedModelId,
    );
    assert.ok(logged, `the node lists ${String(summary.loggedModelId)}`);
    const artifacts = (await childNodes('experiments', logged)).find(
      (n) => n.kind === 'loggedModelSection' && n.section === 'artifacts',
    );
    assert.ok(artifacts, 'the model has an Artifacts folder');
    // Listed by the real server's logged-models/<id>/artifacts/directories.
    const files = (await childNodes('experiments', artifacts)).flatMap((n) =>
      n.kind === 'artifact' ? [n.file.path] : [],
    );
    assert.ok(files.includes('MLmodel'), `MLmodel among ${files.join(', ')}`);
    const mlmodel = new TextDecoder().decode(
      await vscode.workspace.fs.readFile(
        vscode.Uri.from({ scheme: 'mlflow-artifact', path: `/${String(summary.loggedModelId)}/MLmodel` }),
      ),
    );
    assert.match(mlmodel, new RegExp(`^model_id: ${String(summary.loggedModelId)}$`, 'm'));
    const info = await serve(logged, {});
    assert.equal(info.modelUri, `models:/${String(summary.loggedModelId)}`);
    assert.deepEqual(await predictionsOf(info.url), summary.expectedPredictions);
    await vscode.commands.executeCommand(COMMANDS.serveStop, info.id);
  });

  it('serves the registered version @alias from the Models view, and Try it answers the real predictions', async () => {
    const champion = await championNode();
    const info = await serve(champion, { alias: summary.alias });
    assert.equal(info.modelUri, `models:/${summary.registeredModel}@${summary.alias}`);
    const panel = await vscode.commands.executeCommand<TryItPanel | undefined>(COMMANDS.serveTryIt, info.id);
    assert.ok(panel, 'Try it returns its panel');
    const record = probeOf(await activeApi(), 'tryIt', panel.panel);
    const init = await until(
      'the Try it panel to load its request',
      () =>
        record.sent.find(
          (m): m is Extract<TryItHostMessage, { type: 'tryIt/init' }> => m.type === 'tryIt/init',
        ),
      60_000,
    );
    // MLflow writes serving_input_example.json since 2.14; older models have only input_example.json
    assert.equal(init.source, atLeast([2, 14]) ? 'serving_input_example.json' : 'input_example.json');
    const from = record.sent.length;
    await panel.receive({ type: 'tryIt/send', body: init.body, contentType: init.contentType });
    const answer = await until(
      'the answer in the panel',
      () => record.sent.slice(from).find((m) => m.type === 'tryIt/response' || m.type === 'tryIt/error'),
      60_000,
    );
    assert.equal(answer.type, 'tryIt/response', JSON.stringify(answer));
    assert.equal(answer.status, 200, answer.body);
    assert.deepEqual(
      (JSON.parse(answer.body) as { predictions?: unknown }).predictions,
      summary.expectedPredictions,
    );
    await vscode.commands.executeCommand(COMMANDS.serveStop, info.id);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('serves the workspace MLmodel (its CodeLens target) until /ping answers, and it predicts', async () => {
    const folder = path.dirname(mlmodel().fsPath);
    const timedServe = async (): Promise<number> => {
      const started = Date.now();
      folderServer = await serve(mlmodel(), {});
      return Date.now() - started;
    };
    if (process.env[TIER_ENV.bench] !== '1') {
      await timedServe();
    } else {
      // Two rounds, a shell serve and the extension's in each, so both see the same machine load;
      // the order alternates (shell first, then extension first) so neither always meets the
      // colder page cache; the best of each is compared (this machine is shared: the best is the
      // least disturbed).
      const bench = { shellMs: [] as number[], extensionMs: [] as number[] };
      const extensionRun = async (): Promise<void> => {
        if (folderServer) {
          await vscode.commands.executeCommand(COMMANDS.serveStop, folderServer.id);
          folderServer = undefined;
        }
        bench.extensionMs.push(await timedServe());
      };
      for (let round = 0; round < 2; round++) {
        if (round % 2 === 0) {
          bench.shellMs.push(await shellServe(folder));
          await extensionRun();
        } else {
          await extensionRun();
          // the extension's server keeps running for the steps after this one, on its own port
          bench.shellMs.push(await shellServe(folder));
        }
      }
      report.bench = bench;
      writeReport();
    }
    assert.ok(folderServer);
    assert.deepEqual(await predictionsOf(folderServer.url), summary.expectedPredictions);
  });

  it('Predict with Example runs `mlflow models predict` on the logged example and gives the real predictions', async () => {
    const text = await vscode.commands.executeCommand<string | undefined>(COMMANDS.predict, mlmodel());
    assert.ok(text !== undefined, `Predict with Example gave nothing\n${lastErrors()}`);
    assert.deepEqual(
      (JSON.parse(text) as { predictions?: unknown }).predictions,
      summary.expectedPredictions,
    );
  });

  it('Restart: a new process on the same port, which answers', async () => {
    assert.ok(folderServer?.pid, 'the MLmodel server of the step before is running');
    const before = folderServer;
    const again = await vscode.commands.executeCommand<ModelServerInfo | undefined>(
      COMMANDS.serveRestart,
      before.id,
    );
    assert.ok(again?.pid, `Restart returned no server\n${lastErrors()}`);
    assert.equal(again.port, before.port);
    assert.notEqual(again.pid, before.pid);
    assert.equal(again.status, 'running');
    assert.equal(groupAlive(before.pid ?? -1), false, 'the old process group is gone');
    assert.deepEqual(await predictionsOf(again.url), summary.expectedPredictions);
    folderServer = again;
  });

  it('Stop: the server and its workers are gone and the port is free', async () => {
    assert.ok(folderServer?.pid, 'the restarted server is running');
    const { id, pid, port } = folderServer;
    assert.equal(await vscode.commands.executeCommand<boolean>(COMMANDS.serveStop, id), true);
    await until("the server's process group to end", () => (groupAlive(pid) ? undefined : true), 30_000);
    assert.equal(
      (await activeApi()).servers().some((s) => s.id === id),
      false,
    );
    await assert.rejects(
      fetch(`http://127.0.0.1:${String(port)}/ping`, { signal: AbortSignal.timeout(5000) }),
    );
    folderServer = undefined;
  });

  it(
    atLeast([2, 12, 2])
      ? 'Log Model runs a scaffolded models-from-code log_model.py and the model is on the server'
      : 'Log Model refuses on this MLflow: models from code needs 2.12.2',
    async () => {
      const parent = path.join(workspaceRoot().fsPath, 'custom');
      fs.mkdirSync(parent, { recursive: true });
      const folder = await vscode.commands.executeCommand<vscode.Uri | undefined>(
        SCAFFOLD_COMMANDS.newCustomModel,
        { template: 'models-from-code', name: 'ticket_router', folder: parent },
      );
      assert.ok(folder, 'the scaffold was written');
      const script = vscode.Uri.file(path.join(folder.fsPath, 'log_model.py'));
      const result = await vscode.commands.executeCommand<LoggedModelResult | undefined>(
        SCAFFOLD_COMMANDS.logScaffolded,
        script,
        { then: 'copy' },
      );
      if (!atLeast([2, 12, 2])) {
        assert.equal(result, undefined);
        const said = await until(
          'the refusal in the MLflow log',
          () =>
            mlflowLog()
              .split('\n')
              .find((l) => l.includes(`${SCAFFOLD_COMMANDS.logScaffolded} failed:`)),
          15_000,
        );
        assert.match(said, new RegExp(`MLflow ${version.replace(/\./g, '\\.')} is too old`), said);
        return;
      }
      assert.ok(result, `Log Model gave nothing\n${lastErrors()}`);
      assert.match(
        result.modelUri,
        major >= 3 ? /^models:\/m-[0-9a-f]{32}$/ : /^runs:\/[0-9a-f]{32}\/ticket_router$/,
      );
      assert.equal(await vscode.env.clipboard.readText(), result.modelUri, 'the URI was copied');
      assert.equal((await activeApi()).lastLoggedModelUri(), result.modelUri);
    },
  );

  it('Run Project Entry Point runs a small MLproject with `mlflow run` and the run is in the tree', async () => {
    const mlproject = vscode.Uri.joinPath(workspaceRoot(), 'projects', 'tiny', 'MLproject');
    const answers = {
      values: { alpha: '0.3' },
      experimentName: 'tiny-from-vscode',
      envManager: 'local',
      submit: true,
    };
    const outcome = await vscode.commands.executeCommand<RunEntryPointResult | undefined>(
      PROJECT_COMMANDS.runEntryPoint,
      mlproject,
      'main',
      answers,
    );
    assert.ok(outcome, `Run Project Entry Point gave nothing\n${lastErrors()}`);
    assert.equal(outcome.status, 'succeeded', outcome.message);
    assert.match(outcome.runId ?? '', /^[0-9a-f]{32}$/);
    const api = await activeApi();
    const run = await (await api.stores()).tracking.getRun(outcome.runId ?? '');
    assert.deepEqual(
      run.data.params.map((p) => [p.key, p.value]),
      [['alpha', '0.3']],
    );
    assert.deepEqual(
      run.data.metrics.map((m) => [m.key, m.value]),
      [['score', 0.7]],
    );
    assert.equal(outcome.revealed, true, 'the run is revealed in the Experiments view');
  });

  it('Deploy: no built-in target deploys on this machine, so the extension refuses clearly (no traceback)', async () => {
    // MLflow's built-in targets: sagemaker (AWS) and, since 2.9, the databricks/http/https/openai
    // endpoint clients, whose create_deployment raises NotImplementedError.
    const target = atLeast([2, 9]) ? 'databricks' : 'azureml';
    const before = mlflowLog().split('\n').length;
    const result = await vscode.commands.executeCommand(
      COMMANDS.deploy,
      `models:/${summary.registeredModel}/${summary.modelVersion}`,
      { target, name: 'iris-real', config: '' },
    );
    assert.equal(result, undefined);
    const said = await until(
      'the refusal in the MLflow log',
      () =>
        mlflowLog()
          .split('\n')
          .slice(before - 1)
          .find((l) => l.includes(`${COMMANDS.deploy} failed:`)),
      60_000,
    );
    assert.doesNotMatch(said, /Traceback|File "/);
    assert.match(
      said,
      atLeast([2, 9])
        ? /cannot create deployments|not an installed deployment target|does not support|not implemented/i
        : /"azureml" is not an installed deployment target/,
      said,
    );
  });
});
