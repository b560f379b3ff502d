// Bench piece for the compare panel as a user sees it: N runs × 5 metrics × 10,000 steps served
// by the loopback MLflow test server (generated histories), the panel opened in a real code-server
// window, timed from the command to the webview's own report that every chart is drawn.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { SqliteRegistryStore } from '../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../src/core/tracking/sqlite/sqliteTrackingStore';
import { launchChromium, makeSandbox, removeSandbox, startCodeServer } from '../test/harness/codeServer';
import { runSuiteInPage } from '../test/harness/runInHost';
import { GENERATED_METRICS, GeneratedHistoryStore } from '../test/support/mlflow/generatedHistoryStore';
import { startMlflowTestServer } from '../test/support/mlflow/mlflowTestServer';
import { FIXTURES } from '../test/support/mlflow/recordedExchange';

// 100 runs is the DESIGN.md case, but on this machine the panel does not finish drawing 100 runs
// within the probe's 10 minutes (an open problem, see the README); 30 runs measures what works.
const RUNS = Number(process.env.BENCH_COMPARE_RUNS ?? 30);
const STEPS = 10_000;
const round = (x: number): number => Math.round(x * 10) / 10;

/** Expects the tests bundle (esbuild --tests) to be built. */
export async function compareDrawn(): Promise<Record<string, unknown>> {
  const db = await SqliteDatabase.open(path.join(FIXTURES, 'sqlite', 'mlflow.db'));
  const store = new GeneratedHistoryStore(new SqliteTrackingStore(db), { runs: RUNS, steps: STEPS, metricKeys: GENERATED_METRICS });
  const mlflow = await startMlflowTestServer(store, new SqliteRegistryStore(db));
  const dirs = makeSandbox('bench-compare');
  fs.writeFileSync(path.join(dirs.workspace, 'notes.txt'), 'bench workspace\n');
  const out = path.join(dirs.root, 'bench.jsonl');
  const resultsFile = path.join(dirs.root, 'results.json');
  const server = await startCodeServer(dirs, {
    env: { MLFLOW_INHOST_SUITE: 'bench-compare', MLFLOW_BENCH_OUT: out, MLFLOW_INHOST_RESULTS: resultsFile, MLFLOW_BENCH_SERVER: mlflow.baseUrl, MLFLOW_BENCH_RUN_IDS: store.runIds.join(',') },
  });
  const ctx = await launchChromium(chromium, dirs);
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const outcome = await runSuiteInPage(server, page, dirs.workspace, resultsFile, 600_000);
    if (outcome.exitCode !== 0) {
      throw new Error(`compare probe failed: ${JSON.stringify(outcome.results?.failed ?? outcome.exitCode)}`);
    }
    const r = JSON.parse(fs.readFileSync(out, 'utf8').trim().split('\n')[0] ?? '{}') as { commandToDrawnMs: number; ms: number; charts: number; points: number; maxDatasetPoints: number; canvasWidth: number; heapBytes: number };
    return {
      shape: { runs: RUNS, metrics: GENERATED_METRICS.length, stepsPerHistory: STEPS },
      commandToAllChartsDrawnMs: round(r.commandToDrawnMs),
      snapshotToAllChartsDrawnMs: round(r.ms),
      charts: r.charts,
      pointsHandedToChartJs: r.points,
      maxPointsPerDataset: r.maxDatasetPoints,
      canvasWidthPx: r.canvasWidth,
      withinFourTimesCanvasWidth: r.maxDatasetPoints <= 4 * r.canvasWidth,
      webviewHeapMb: round(r.heapBytes / 1024 / 1024),
      budgetMs: 1000,
      withinBudget: r.commandToDrawnMs <= 1000,
    };
  } finally {
    await ctx.close().catch(() => undefined);
    await server.stop();
    removeSandbox(dirs);
    await mlflow.close();
    store.dispose();
  }
}

if (require.main === module) {
  void compareDrawn().then((r) => {
    console.log(JSON.stringify(r, null, 2));
  });
}
