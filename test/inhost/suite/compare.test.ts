import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SqliteRegistryStore } from '../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import type { MlflowExtensionApi } from '../../../src/extension/api';
import type { ComparePanel } from '../../../src/extension/compare/comparePanel';
import type { CompareSeries, CompareSnapshot } from '../../../src/protocol/compareRuns';
import { unpackSeries, type SeriesPayload } from '../../../src/protocol/seriesBatch';
import type { RunDetailSnapshot } from '../../../src/protocol/runDetail';
import type { PanelRecord } from '../../../src/extension/shared/webviews/panelProbe';
import { startMlflowTestServer, type MlflowTestServer } from '../../support/mlflow/mlflowTestServer';
import { closeEditorsAndDisconnect, connectTo, probeOf, repoRoot, until } from './helpers';

const fixtures = (...p: string[]): string =>
  path.join(repoRoot().fsPath, 'test', 'fixtures', 'mlflow-2.17.2', ...p);
interface HistoryBody {
  metrics: Array<{ value: number; step: number; timestamp: number }>;
}
const recordedHistory = (file: string): HistoryBody =>
  (JSON.parse(fs.readFileSync(fixtures('rest', file), 'utf8')) as { response: { body: HistoryBody } })
    .response.body;
const recordedQuery = (file: string): Array<[string, string]> =>
  (
    JSON.parse(fs.readFileSync(fixtures('rest', file), 'utf8')) as {
      request: { query: Array<[string, string]> };
    }
  ).request.query;

const snapshotOf = (p: PanelRecord<'compare'>): CompareSnapshot | undefined =>
  p.sent.filter((m): m is CompareSnapshot => m.type === 'compare/snapshot').at(-1);
/**
 * A metric's series as the webview assembles them from the host's deltas: from the last message
 * that reset the key up to the one that completed it. Undefined until it is complete.
 */
function completeSeries(
  p: PanelRecord<'compare'>,
  key: string,
): { messages: CompareSeries[]; series: SeriesPayload[] } | undefined {
  const all = p.sent.filter((m): m is CompareSeries => m.type === 'compare/series' && m.metricKey === key);
  const from = all.map((m) => m.reset).lastIndexOf(true);
  const to = all.findIndex((m, i) => i >= from && m.complete);
  if (from < 0 || to < 0) {
    return undefined;
  }
  const messages = all.slice(from, to + 1);
  return { messages, series: messages.flatMap((m) => unpackSeries(m.batch)) };
}

describe('run detail and compare panels (real extension host, MLflow REST test double)', () => {
  let api: MlflowExtensionApi;
  let server: MlflowTestServer;
  let tracking: SqliteTrackingStore;

  before(async function () {
    this.timeout(60_000);
    const db = await SqliteDatabase.open(fixtures('sqlite', 'mlflow.db'));
    tracking = new SqliteTrackingStore(db, { artifactsDestination: fixtures('sqlite', 'mlartifacts') });
    server = await startMlflowTestServer(tracking, new SqliteRegistryStore(db));
    api = await connectTo(server.baseUrl);
  });

  after(async () => {
    await closeEditorsAndDisconnect();
    await server.close();
    tracking.dispose();
  });

  it('compares three recorded runs: the table, then each metric history exactly as the server recorded it', async function () {
    this.timeout(90_000);
    const loss = recordedHistory('040-metrics-get-history.json').metrics;
    const lossRun = recordedQuery('040-metrics-get-history.json').find(([k]) => k === 'run_id')?.[1] ?? '';
    const iris = ['cc8c8745b34f45ada9edf6334e96c203', lossRun, 'd51fa9a8403e40a9a872d48d0643ce74'];
    const panel = await vscode.commands.executeCommand<ComparePanel>('mlflow.runs.compare', undefined, iris);
    assert.deepEqual(panel.comparedRunIds, iris);
    const record = probeOf(api, 'compare', panel.panel);
    const snap = await until('the table snapshot', () => snapshotOf(record));
    assert.deepEqual(snap.table.runIds, iris, 'runs are columns, in the order chosen');
    assert.deepEqual(
      snap.runs.map((r) => r.runId),
      iris,
    );
    assert.equal(new Set(snap.runs.map((r) => r.color)).size, 3, 'each run has its own colour');
    const recordedRuns = await Promise.all(iris.map((id) => tracking.getRun(id)));
    const keys = [...new Set(recordedRuns.flatMap((r) => r.data.metrics.map((m) => m.key)))].sort();
    assert.deepEqual(snap.metricKeys, keys);
    const params = snap.table.rows.filter((r) => r.section === 'params').map((r) => r.key);
    assert.deepEqual(
      params,
      [...new Set(recordedRuns.flatMap((r) => r.data.params.map((p) => p.key)))].sort(),
    );
    assert.ok(keys.includes('loss'), 'the recorded runs log a loss history');
    // A new page tells at `ready` how many points per run its charts show, so the host posts the
    // default metrics' series right after the first snapshot instead of a round trip later, when
    // the page asks (its ask then finds them sent); the loss series arrives complete.
    const ready = record.lastReceived('ready');
    assert.ok(ready?.chartPoints !== undefined && ready.chartPoints >= 100, JSON.stringify(ready));
    const shownAt = await until('the host showing the series', () => record.timings.showMetrics);
    const askedAt = await until('the page asking for series', () =>
      record.firstReceivedAt('compare/showMetrics'),
    );
    assert.ok(shownAt <= askedAt, `series shown at ${String(shownAt)}, asked for at ${String(askedAt)}`);
    const series = await until('the complete loss series', () => completeSeries(record, 'loss'));
    const runsWithLoss = recordedRuns
      .filter((r) => r.data.metrics.some((m) => m.key === 'loss'))
      .map((r) => r.info.runId);
    assert.deepEqual(
      series.series.map((s) => s.runId).sort(),
      [...runsWithLoss].sort(),
      'each run with a loss history is sent once, none twice',
    );
    assert.equal(
      series.messages.filter((m) => m.reset).length,
      1,
      'only the first message of the load resets the key',
    );
    const mine = series.series.find((s) => s.runId === lossRun);
    assert.ok(mine, 'the recorded run has a loss series');
    assert.deepEqual(
      [...mine.values],
      loss.map((m) => m.value),
    );
    assert.deepEqual(
      [...mine.steps],
      loss.map((m) => m.step),
    );
    // The webview opens on the step axis, so the wall-clock times stay on the host until asked for.
    assert.equal(mine.times, undefined);
    assert.ok(series.messages.every((m) => m.batch.times === undefined));
    // The webview reports what it drew: every chart, and never more than 4 points per canvas pixel.
    const drawn = await until('the charts drawn report', () => record.lastReceived('compare/drawn'), 60_000);
    assert.ok(drawn.charts >= 1 && drawn.points > 0, JSON.stringify(drawn));
    assert.ok(drawn.maxDatasetPoints <= 4 * drawn.canvasWidth, JSON.stringify(drawn));
    // min/max rows of the shown metrics come from the full history.
    const finalSnap = await until('a snapshot with min/max rows', () => {
      const s = snapshotOf(record);
      return s?.table.rows.some((r) => r.label === 'loss (min)') === true ? s : undefined;
    });
    const minRow = finalSnap.table.rows.find((r) => r.label === 'loss (min)');
    const col = finalSnap.table.runIds.indexOf(lossRun);
    assert.equal(minRow?.cells[col]?.value, Math.min(...loss.map((m) => m.value)));
  });

  it('renders every panel with a CSP of its own fresh nonce and nothing that could run server data', async () => {
    const a = await vscode.commands.executeCommand<ComparePanel>('mlflow.runs.compare', undefined, [
      'cc8c8745b34f45ada9edf6334e96c203',
      'd51fa9a8403e40a9a872d48d0643ce74',
    ]);
    const b = await vscode.commands.executeCommand<ComparePanel>('mlflow.runs.compare', undefined, [
      'cc8c8745b34f45ada9edf6334e96c203',
      'd51fa9a8403e40a9a872d48d0643ce74',
    ]);
    const nonce = (html: string): string => /script-src 'nonce-([^']+)'/.exec(html)?.[1] ?? '';
    for (const p of [a, b]) {
      const html = p.panel.webview.html;
      assert.match(html, /default-src 'none'/);
      assert.doesNotMatch(html, /unsafe-eval/);
      assert.ok(nonce(html).length >= 16);
      assert.equal(p.panel.webview.options.enableCommandUris, false);
    }
    assert.notEqual(nonce(a.panel.webview.html), nonce(b.panel.webview.html));
    a.panel.dispose();
    b.panel.dispose();
    assert.equal(
      api.panels.compares().includes(a),
      false,
      'a closed panel is gone (and its requests aborted)',
    );
  });

  it('keeps the comparison basket in workspace state and compares it', async () => {
    await vscode.commands.executeCommand('mlflow.runs.clearComparison');
    const count = await vscode.commands.executeCommand<number>('mlflow.runs.addToComparison', undefined, [
      'cc8c8745b34f45ada9edf6334e96c203',
      'f249baddd7c545c2894ae69d3cb273fb',
    ]);
    assert.equal(count, 2);
    assert.deepEqual(api.panels.basket.runIds, [
      'cc8c8745b34f45ada9edf6334e96c203',
      'f249baddd7c545c2894ae69d3cb273fb',
    ]);
    const panel = await vscode.commands.executeCommand<ComparePanel>('mlflow.runs.compare');
    assert.deepEqual(panel.comparedRunIds, api.panels.basket.runIds);
    panel.panel.dispose();
    await vscode.commands.executeCommand('mlflow.runs.clearComparison');
    assert.deepEqual(api.panels.basket.runIds, []);
  });

  it('opens a run in the detail panel: overview, params, metrics and one chart per metric', async function () {
    this.timeout(60_000);
    const runId = '5479c2e952464803bc764edb72ee0164';
    await vscode.commands.executeCommand('mlflow.runs.openById', runId);
    const panel = await until('the run panel', () => api.panels.runDetail(runId));
    const record = probeOf(api, 'runDetail', panel.panel);
    const snap = await until('the run snapshot', () =>
      record.sent.find((m): m is RunDetailSnapshot => m.type === 'runDetail/snapshot'),
    );
    const run = await tracking.getRun(runId);
    assert.equal(snap.runId, runId);
    assert.equal(snap.facts.find((f) => f.label === 'Run ID')?.value, runId);
    assert.deepEqual(
      snap.params.map((p) => p.label),
      run.data.params.map((p) => p.key).sort(),
    );
    assert.deepEqual(
      snap.metrics.map((m) => m.key),
      run.data.metrics.map((m) => m.key).sort(),
    );
    assert.ok(
      snap.models.some((m) => m.uri === `runs:/${runId}/model`),
      'the logged model is listed with its URI',
    );
    await until('a series per metric', () =>
      record.sent.filter((m) => m.type === 'runDetail/series').length === snap.metrics.length
        ? true
        : undefined,
    );
    panel.panel.dispose();
  });

  it('compares two model versions: their source runs side by side and the MLmodel in a diff editor', async function () {
    this.timeout(60_000);
    const { registry } = await api.stores();
    const [v1, v2] = await Promise.all([
      registry.getModelVersion('iris-classifier', '1'),
      registry.getModelVersion('iris-classifier', '2'),
    ]);
    const node = (v: typeof v1): unknown => ({
      kind: 'modelVersion',
      id: `mv:${v.name}:${v.version}`,
      name: v.name,
      version: v.version,
      modelVersion: v,
      parentId: `rm:${v.name}`,
    });
    const before = api.panels.compares().length;
    const ok = await vscode.commands.executeCommand('mlflow.models.compareVersions', node(v1), [
      node(v1),
      node(v2),
    ]);
    assert.equal(ok, true);
    const panels = api.panels.compares();
    assert.equal(panels.length, before + 1);
    assert.deepEqual(panels.at(-1)?.comparedRunIds, [v1.runId, v2.runId]);
    const diffs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputTextDiff);
    const mlmodel = diffs.find((t) => t.label.startsWith('MLmodel:'));
    assert.ok(mlmodel, `an MLmodel diff is open (tabs: ${diffs.map((t) => t.label).join(', ')})`);
    const input = mlmodel.input as vscode.TabInputTextDiff;
    const left = (await vscode.workspace.openTextDocument(input.original)).getText();
    assert.match(left, /flavors:/);
    assert.match(left, /signature:/);
  });
});
