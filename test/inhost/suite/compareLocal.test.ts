import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import type { MlflowExtensionApi } from '../../../src/extension/api';
import type { ComparePanel } from '../../../src/extension/compare/comparePanel';
import type { CompareSeries } from '../../../src/protocol/compareRuns';
import { unpackSeries } from '../../../src/protocol/seriesBatch';
import { closeEditorsAndDisconnect, connectTo, probeOf, repoRoot, until } from './helpers';

const DB = (): string =>
  path.join(repoRoot().fsPath, 'test', 'fixtures', 'mlflow-2.17.2', 'sqlite', 'mlflow.db');
const IRIS = [
  'cc8c8745b34f45ada9edf6334e96c203',
  'd51fa9a8403e40a9a872d48d0643ce74',
  '5479c2e952464803bc764edb72ee0164',
];

/**
 * On a local store only the first shown metric is read ahead of the webview (the store is read in
 * the extension host's thread, which the new webview's start waits for); the others follow once
 * the page is up. Every chart must still get its whole history.
 */
describe('compare panel on a local mlflow.db (real extension host and webview)', () => {
  let api: MlflowExtensionApi;
  let store: SqliteTrackingStore;

  before(async function () {
    this.timeout(60_000);
    store = new SqliteTrackingStore(await SqliteDatabase.open(DB()));
    api = await connectTo(`sqlite:///${DB()}`);
  });

  after(async () => {
    await closeEditorsAndDisconnect();
    store.dispose();
  });

  it("draws every default chart with each run's whole history", async function () {
    this.timeout(120_000);
    const runs = await Promise.all(IRIS.map((id) => store.getRun(id)));
    assert.equal(runs.length, IRIS.length, 'the fixture holds the three iris runs');
    const ids = runs.map((r) => r.info.runId);
    const panel = await vscode.commands.executeCommand<ComparePanel>('mlflow.runs.compare', undefined, ids);
    const record = probeOf(api, 'compare', panel.panel);
    const drawn = await until('the charts drawn report', () => record.lastReceived('compare/drawn'), 90_000);
    const keys = [...new Set(runs.flatMap((r) => r.data.metrics.map((m) => m.key)))].sort().slice(0, 6);
    assert.equal(drawn.charts, keys.length, 'one chart per default metric');
    const sent = record.sent.filter((m): m is CompareSeries => m.type === 'compare/series');
    for (const key of keys) {
      const got = new Map(
        sent
          .filter((m) => m.metricKey === key)
          .flatMap((m) => unpackSeries(m.batch).map((s) => [s.runId, s])),
      );
      for (const run of runs.filter((r) => r.data.metrics.some((m) => m.key === key))) {
        const history = await store.getMetricHistory({ runId: run.info.runId, metricKey: key });
        assert.deepEqual(
          [...(got.get(run.info.runId)?.values ?? [])],
          history.map((m) => m.value),
          `${key} of ${run.info.runId}: every point, in order`,
        );
      }
    }
    assert.ok(drawn.maxDatasetPoints <= 4 * drawn.canvasWidth, JSON.stringify(drawn));
  });
});
