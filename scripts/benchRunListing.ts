// Bench pieces for the data layer and the Experiments view: a generated 10,000-run experiment
// (a copy of the recorded mlflow.db plus generated rows) read through the SQLite store directly
// and through the REST store against the loopback MLflow test server over the same database.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { collectPages } from '../src/core/common/paging';
import { RunPager } from '../src/core/explorer/runPager';
import { SqliteRegistryStore } from '../src/core/registry/sqliteRegistryStore';
import { RestClient } from '../src/core/tracking/rest/restClient';
import { RestTrackingStore } from '../src/core/tracking/rest/restTrackingStore';
import { SqliteDatabase } from '../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../src/core/tracking/sqlite/sqliteTrackingStore';
import type { TrackingStore } from '../src/core/tracking/trackingStore';
import { generateRunsDb } from '../test/support/mlflow/generateRunsDb';
import { startMlflowTestServer } from '../test/support/mlflow/mlflowTestServer';
import { FIXTURES } from '../test/support/mlflow/recordedExchange';

const RUNS = 10_000;
const round = (x: number): number => Math.round(x * 10) / 10;

interface ListingFigures {
  readonly firstPageMs: number;
  readonly listAllMs: number;
  readonly pageAllBy100Ms: number;
  readonly heapHeldMb: number;
}

async function measure(store: TrackingStore, experimentId: string): Promise<ListingFigures> {
  let t = performance.now();
  const first = await store.searchRuns({ experimentIds: [experimentId], maxResults: 100 });
  const firstPageMs = performance.now() - t;
  t = performance.now();
  const all = await collectPages((pageToken) => store.searchRuns({ experimentIds: [experimentId], maxResults: 1000, pageToken }));
  const listAllMs = performance.now() - t;
  // What the view holds after "Load more" through every page: the pager's runs.
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const pager = new RunPager();
  t = performance.now();
  while (pager.hasMore) {
    pager.append(await store.searchRuns({ experimentIds: [experimentId], maxResults: 100, pageToken: pager.nextToken }));
  }
  const pageAllBy100Ms = performance.now() - t;
  global.gc?.();
  const heldMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  if (first.items.length !== 100 || all.length !== RUNS || pager.loaded.length !== RUNS) {
    throw new Error(`unexpected counts: ${first.items.length}, ${all.length}, ${pager.loaded.length}`);
  }
  return { firstPageMs: round(firstPageMs), listAllMs: round(listAllMs), pageAllBy100Ms: round(pageAllBy100Ms), heapHeldMb: round(heldMb) };
}

/** First page, list all and page-through-all for 10,000 runs, REST and SQLite. */
export async function runListing(): Promise<Record<string, unknown>> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-bench-runs-'));
  try {
    const file = path.join(tmp, 'runs.db');
    const gen = await generateRunsDb(path.join(FIXTURES, 'sqlite', 'mlflow.db'), file, { runs: RUNS });
    const db = await SqliteDatabase.open(file);
    const sqlite = new SqliteTrackingStore(db);
    const sqliteResult = await measure(sqlite, gen.experimentId);
    const server = await startMlflowTestServer(sqlite, new SqliteRegistryStore(db));
    try {
      const rest = new RestTrackingStore(new RestClient({ baseUrl: server.baseUrl }));
      const restResult = await measure(rest, gen.experimentId);
      return {
        runs: RUNS,
        dbBytes: fs.statSync(file).size,
        sqlite: sqliteResult,
        restViaLoopbackTestServer: restResult,
        firstPageBudgetMs: 1000,
        withinBudget: sqliteResult.firstPageMs <= 1000 && restResult.firstPageMs <= 1000,
      };
    } finally {
      await server.close();
      sqlite.dispose();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void runListing().then((r) => { console.log(JSON.stringify(r, null, 2)); });
}
