// Benchmark probe (npm run bench), not a regression test: inside the real extension host, connect
// to each store the bench names (the loopback REST test server, a 10,000-run mlflow.db, a ~100 MB
// mlflow.db), time the Experiments view's first page of runs, reveal a run in the view, and measure
// the extension host's memory before and after paging through every run with "Load more".
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { MlflowExtensionApi } from '../../../src/extension/api';
import type { ConnectionState } from '../../../src/extension/connection/connectionState';
import type { ExplorerNode, NodeOf } from '../../../src/extension/explorer/explorerNode';

const EXTENSION_ID = 'mlflow-tools.mlflow-vscode';

/** The store to measure, as the bench describes it in $MLFLOW_BENCH_SOURCE (one per extension host, so memory starts clean). */
interface BenchSource {
  readonly label: string;
  readonly uri: string;
  readonly experimentName: string;
  readonly runs: number;
  /** Also page through every run with "Load more" and measure memory. */
  readonly pageAll: boolean;
}

/** Repeated first-page measurements after the cold one (each after a Refresh, which reopens the store). */
const WARM_SAMPLES = Number(process.env.MLFLOW_BENCH_WARM_SAMPLES ?? 5);

// The extension host is not started with --expose-gc; the flag can still be set at run time and
// `gc` taken from a fresh context, so the memory figures are after a full collection.
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

function memory(): { heapUsedMb: number; rssMb: number } {
  collect();
  collect();
  const m = process.memoryUsage();
  return { heapUsedMb: m.heapUsed / 1024 / 1024, rssMb: m.rss / 1024 / 1024 };
}

const isRun = (n: ExplorerNode): n is NodeOf<'run'> => n.kind === 'run';

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}

/** Experiments → the named experiment → its first page, each node's TreeItem built as the view would. */
async function firstPage(
  api: MlflowExtensionApi,
  name: string,
): Promise<{ experiment: NodeOf<'experiment'>; nodes: ExplorerNode[]; expandMs: number }> {
  const tree = api.explorer.experiments;
  const experiment = (await tree.getChildren()).find(
    (n): n is NodeOf<'experiment'> => n.kind === 'experiment' && n.experiment.name === name,
  );
  assert.ok(experiment, `experiment ${name} is listed`);
  const started = performance.now();
  const nodes = await tree.getChildren(experiment);
  nodes.forEach((n) => tree.getTreeItem(n));
  const expandMs = performance.now() - started;
  assert.equal(nodes.filter(isRun).length, 100, 'a first page of 100 runs');
  assert.ok(
    nodes.some((n) => n.kind === 'loadMore'),
    'a "Load more" node follows',
  );
  return { experiment, nodes, expandMs };
}

/**
 * Connect as a user does: "Connect to Tracking Server" with the address, or "Open Local Store"
 * with the mlflow.db; MLFLOW_BENCH_CONNECT=setting writes the setting instead (as the bench did
 * before the commands applied a connection ahead of its setting's write).
 */
async function connect(uri: string): Promise<void> {
  const local = /^sqlite:\/\/\//.exec(uri);
  if (process.env.MLFLOW_BENCH_CONNECT === 'setting') {
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('trackingUri', uri, vscode.ConfigurationTarget.Workspace);
  } else if (local !== null) {
    await vscode.commands.executeCommand(
      'mlflow.connection.openLocalStore',
      vscode.Uri.file(uri.slice(local[0].length)),
    );
  } else {
    await vscode.commands.executeCommand('mlflow.connection.connectServer', uri);
  }
}

async function measure(api: MlflowExtensionApi, source: BenchSource): Promise<Record<string, unknown>> {
  const before = memory();
  const connectStarted = performance.now();
  // Where connect → ready goes: the setting's change event reaching this host, and the write's promise.
  let settingChangedAt = NaN;
  const watch = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('mlflow.trackingUri') && Number.isNaN(settingChangedAt)) {
      settingChangedAt = performance.now();
    }
  });
  // The view reloads as the connection changes, not when the command returns (after the write).
  let settingWrittenAt = NaN;
  const connecting = connect(source.uri).then(() => {
    settingWrittenAt = performance.now();
  });
  const uriOf = (s: ConnectionState): string | undefined => (s.status === 'ready' ? s.uri : undefined);
  for (let i = 0; i < 3000 && uriOf(api.connection()) !== source.uri; i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.equal(uriOf(api.connection()), source.uri, 'connected to the bench store');
  const readyAt = performance.now();
  const cold = await firstPage(api, source.experimentName);
  const connectToFirstPageMs = performance.now() - connectStarted;
  const readyToFirstPageMs = performance.now() - readyAt;
  await connecting;
  watch.dispose();

  // The view is open, so reveal goes to the workbench: it expands the experiment there (asking
  // the provider for the same, already loaded children) and selects the newest run.
  const newest = cold.nodes.find(isRun);
  assert.ok(newest);
  const revealStarted = performance.now();
  await api.explorer.experimentsView.reveal(newest, { select: true, focus: false, expand: false });
  const revealMs = performance.now() - revealStarted;
  assert.deepEqual(
    api.explorer.experimentsView.selection.map((n) => n.id),
    [newest.id],
    'the run is selected in the view',
  );

  const warm: number[] = [];
  for (let i = 0; i < WARM_SAMPLES; i++) {
    const started = performance.now();
    await vscode.commands.executeCommand('mlflow.experiments.refresh');
    await firstPage(api, source.experimentName);
    warm.push(performance.now() - started);
  }

  let paging: Record<string, unknown> | undefined;
  if (source.pageAll) {
    const tree = api.explorer.experiments;
    const experiment = (await tree.getChildren()).find(
      (n): n is NodeOf<'experiment'> =>
        n.kind === 'experiment' && n.experiment.name === source.experimentName,
    );
    assert.ok(experiment);
    const firstPageMemory = memory();
    const started = performance.now();
    let nodes = await tree.getChildren(experiment);
    let pages = 1;
    const pageMs: number[] = [];
    for (
      let more = nodes.find((n) => n.kind === 'loadMore');
      more !== undefined;
      more = nodes.find((n) => n.kind === 'loadMore')
    ) {
      const pageStarted = performance.now();
      await vscode.commands.executeCommand('mlflow.runs.loadMore', more);
      nodes = await tree.getChildren(experiment);
      pageMs.push(performance.now() - pageStarted);
      pages++;
    }
    const pageAllMs = performance.now() - started;
    const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    assert.equal(nodes.filter(isRun).length, source.runs, 'every run is loaded');
    const after = memory();
    paging = {
      pages,
      pageAllByLoadMoreMs: pageAllMs,
      loadMoreMsFirst10: mean(pageMs.slice(0, 10)),
      loadMoreMsLast10: mean(pageMs.slice(-10)),
      heapUsedMbAfterFirstPage: firstPageMemory.heapUsedMb,
      heapUsedMbAfterAllPages: after.heapUsedMb,
      heapHeldForAllRunsMb: after.heapUsedMb - firstPageMemory.heapUsedMb,
      rssMbAfterFirstPage: firstPageMemory.rssMb,
      rssMbAfterAllPages: after.rssMb,
    };
  }
  return {
    label: source.label,
    runs: source.runs,
    connectToFirstPageMs,
    connectToSettingChangedMs: settingChangedAt - connectStarted,
    connectToSettingWrittenMs: settingWrittenAt - connectStarted,
    connectToReadyMs: readyAt - connectStarted,
    readyToFirstPageMs,
    coldExpandToFirstPageMs: cold.expandMs,
    revealInViewMs: revealMs,
    refreshToFirstPageMsSamples: warm,
    medianRefreshToFirstPageMs: median(warm),
    heapUsedMbBeforeConnect: before.heapUsedMb,
    rssMbBeforeConnect: before.rssMb,
    ...(paging ?? {}),
  };
}

describe('Experiments view benchmark probe', () => {
  it('times the first page of runs of the bench store and the memory held after paging through all', async function () {
    this.timeout(1_200_000);
    const { MLFLOW_BENCH_OUT: out, MLFLOW_BENCH_SOURCE: source } = process.env;
    assert.ok(out && source, 'the bench sets MLFLOW_BENCH_OUT and MLFLOW_BENCH_SOURCE');
    const ext = vscode.extensions.getExtension<MlflowExtensionApi>(EXTENSION_ID);
    assert.ok(ext);
    const api = await ext.activate();
    await vscode.commands.executeCommand('mlflow.experiments.focus');
    fs.appendFileSync(out, `${JSON.stringify(await measure(api, JSON.parse(source) as BenchSource))}\n`);
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('trackingUri', undefined, vscode.ConfigurationTarget.Workspace);
  });
});
