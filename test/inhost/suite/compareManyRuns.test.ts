import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MlflowExtensionApi } from '../../../src/extension/api';
import { SqliteRegistryStore } from '../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import type { ComparePanel } from '../../../src/extension/compare/comparePanel';
import type { CompareSeries } from '../../../src/protocol/compareRuns';
import { unpackSeries } from '../../../src/protocol/seriesBatch';
import { GENERATED_METRICS, GeneratedHistoryStore } from '../../support/mlflow/generatedHistoryStore';
import { startMlflowTestServer, type MlflowTestServer } from '../../support/mlflow/mlflowTestServer';
import { closeEditorsAndDisconnect, connectTo, probeOf, repoRoot, until } from './helpers';

const RUNS = 300;

/**
 * 300 runs: the webview asks for 200 points a run, so one bulk-interval answer holds 100 runs and
 * one series message 100 runs. Sent as three typed arrays per run, such a message lost every array
 * past VS Code's 253rd on the way and the charts drew 14 runs of each 100 (found by the bench).
 */
describe('compare panel with 300 runs (real extension host and webview, generated histories)', () => {
  let api: MlflowExtensionApi;
  let server: MlflowTestServer;
  let store: GeneratedHistoryStore;

  before(async function () {
    this.timeout(60_000);
    const db = await SqliteDatabase.open(
      path.join(repoRoot().fsPath, 'test', 'fixtures', 'mlflow-2.17.2', 'sqlite', 'mlflow.db'),
    );
    store = new GeneratedHistoryStore(new SqliteTrackingStore(db), {
      runs: RUNS,
      steps: 2000,
      metricKeys: GENERATED_METRICS,
    });
    server = await startMlflowTestServer(store, new SqliteRegistryStore(db));
    api = await connectTo(server.baseUrl);
  });

  after(async () => {
    await closeEditorsAndDisconnect();
    await server.close();
    store.dispose();
  });

  it('draws every point the host sent: all runs of every chart, in messages of 100 runs', async function () {
    this.timeout(180_000);
    const panel = await vscode.commands.executeCommand<ComparePanel>(
      'mlflow.runs.compare',
      undefined,
      store.runIds,
    );
    const record = probeOf(api, 'compare', panel.panel);
    const drawn = await until('the charts drawn report', () => record.lastReceived('compare/drawn'), 150_000);
    const messages = record.sent.filter((m): m is CompareSeries => m.type === 'compare/series');
    assert.ok(
      Math.max(...messages.map((m) => m.batch.runIds.length)) >= 100,
      'some message carries 100 runs',
    );
    const sent = messages.flatMap((m) => unpackSeries(m.batch));
    assert.equal(sent.length, RUNS * GENERATED_METRICS.length, 'each run of each shown metric sent once');
    assert.equal(drawn.charts, GENERATED_METRICS.length);
    assert.equal(
      drawn.points,
      sent.reduce((n, s) => n + s.values.length, 0),
      'the webview drew exactly the points it was sent',
    );
    assert.ok(drawn.maxDatasetPoints <= 4 * drawn.canvasWidth, JSON.stringify(drawn));
  });
});
