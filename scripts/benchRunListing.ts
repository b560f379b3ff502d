// Bench pieces for the data layer and the Experiments view: a generated 10,000-run experiment
// (a copy of the recorded mlflow.db plus generated rows) read through the SQLite store directly,
// through the REST store against the project's own loopback test server over the same database,
// and, where real MLflow venvs exist (../shared/real-mlflow/), through the REST store against a
// real `mlflow server` over a copy of it, next to raw HTTP paging of that same server: the test
// server answers in a fraction of a real one's time, so only the real figures say what a user waits.
import { spawnSync } from 'node:child_process';
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
import { Group } from '../test/real/processGroup';
import { compareVersions, findVenvs, type Venv } from '../test/real/realMlflowTier';
import { startRealTrackingServer } from '../test/real/realTrackingServer';

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
  const all = await collectPages((pageToken) =>
    store.searchRuns({ experimentIds: [experimentId], maxResults: 1000, pageToken }),
  );
  const listAllMs = performance.now() - t;
  // What the view holds after "Load more" through every page: the pager's runs.
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const pager = new RunPager();
  t = performance.now();
  while (pager.hasMore) {
    pager.append(
      await store.searchRuns({ experimentIds: [experimentId], maxResults: 100, pageToken: pager.nextToken }),
    );
  }
  const pageAllBy100Ms = performance.now() - t;
  global.gc?.();
  const heldMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  if (first.items.length !== 100 || all.length !== RUNS || pager.loaded.length !== RUNS) {
    throw new Error(`unexpected counts: ${first.items.length}, ${all.length}, ${pager.loaded.length}`);
  }
  return {
    firstPageMs: round(firstPageMs),
    listAllMs: round(listAllMs),
    pageAllBy100Ms: round(pageAllBy100Ms),
    heapHeldMb: round(heldMb),
  };
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
      const real = await realServers(file, gen.experimentId, tmp);
      const realFirstPages = Object.values(real.measured).map((m) => m.extension.firstPageMs);
      return {
        runs: RUNS,
        dbBytes: fs.statSync(file).size,
        sqlite: sqliteResult,
        restViaLoopbackTestServer: restResult,
        restViaRealMlflowServer: real.measured,
        ...(real.skipped === undefined ? {} : { realMlflowSkipped: real.skipped }),
        firstPageBudgetMs: 1000,
        withinBudget: [sqliteResult.firstPageMs, restResult.firstPageMs, ...realFirstPages].every(
          (ms) => ms <= 1000,
        ),
      };
    } finally {
      await server.close();
      sqlite.dispose();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

interface RealFigures {
  readonly server: string;
  readonly coldFirstPageMs: number;
  readonly extension: ListingFigures;
  /** The same 10,000 runs by plain POST runs/search pages of 1,000 and JSON.parse: what any client pays. */
  readonly rawHttpListAllMs: number;
  readonly extensionOverRawListAll: number;
}

/** The schema the generated database has: the recorded MLflow 2.17.2 store's. */
const DB_SCHEMA_VERSION = '2.17.2';
const REAL_SERVER_START_MS = 180_000;

/** List the 10,000 runs through a real server of every venv that can open the database. */
async function realServers(
  file: string,
  experimentId: string,
  tmp: string,
): Promise<{ measured: Record<string, RealFigures>; skipped?: string }> {
  const { venvs, reason } = findVenvs(process.env);
  // an older MLflow cannot open a database migrated past its own schema
  const usable = venvs.filter((v) => compareVersions(v.version, DB_SCHEMA_VERSION) >= 0);
  const measured: Record<string, RealFigures> = {};
  if (usable.length === 0) {
    return {
      measured,
      skipped:
        reason ||
        `no venv of MLflow ${DB_SCHEMA_VERSION} or later (${venvs.map((v) => v.version).join(', ')})`,
    };
  }
  for (const venv of usable) {
    measured[venv.version] = await realServer(venv, file, experimentId, tmp);
  }
  const older = venvs.filter((v) => !usable.includes(v)).map((v) => v.version);
  return older.length === 0
    ? { measured }
    : { measured, skipped: `MLflow ${older.join(', ')}: cannot open a ${DB_SCHEMA_VERSION} database` };
}

async function realServer(venv: Venv, file: string, experimentId: string, tmp: string): Promise<RealFigures> {
  const dir = path.join(tmp, `real-${venv.version}`);
  fs.mkdirSync(path.join(dir, 'artifacts'), { recursive: true });
  const db = path.join(dir, 'mlflow.db');
  fs.copyFileSync(file, db);
  const env = {
    ...process.env,
    PATH: `${path.dirname(venv.python)}${path.delimiter}${process.env.PATH ?? ''}`,
    GUNICORN_CMD_ARGS: '--no-control-socket',
  };
  if (venv.version !== DB_SCHEMA_VERSION) {
    const up = spawnSync(venv.python, ['-m', 'mlflow', 'db', 'upgrade', `sqlite:///${db}`], {
      cwd: dir,
      env,
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (up.status !== 0) {
      throw new Error(
        `mlflow db upgrade (${venv.version}) failed: ${(up.stderr || up.stdout).trim().split('\n').slice(-5).join('\n')}`,
      );
    }
  }
  // MLflow's default workers: what `mlflow server` gives a user
  const server = await startRealTrackingServer(venv, {
    dbFile: db,
    artifacts: path.join(dir, 'artifacts'),
    env,
    logFile: path.join(dir, 'server.log'),
    cwd: dir,
    timeoutMs: REAL_SERVER_START_MS,
  });
  try {
    const store = new RestTrackingStore(new RestClient({ baseUrl: server.uri }));
    // the server's very first search pays for its own warm-up (imports, SQLAlchemy, the
    // workers' first connections): reported apart, then measured warm like the test server
    const t = performance.now();
    await store.searchRuns({ experimentIds: [experimentId], maxResults: 100 });
    const coldFirstPageMs = round(performance.now() - t);
    const extension = await measure(store, experimentId);
    const raw = await rawListAll(server.uri, experimentId);
    return {
      server: `real MLflow ${venv.version} (mlflow server, default workers, sqlite)`,
      coldFirstPageMs,
      extension,
      rawHttpListAllMs: round(raw),
      extensionOverRawListAll: Math.round((extension.listAllMs / raw) * 100) / 100,
    };
  } finally {
    await server.group.stop();
  }
}

async function rawListAll(baseUrl: string, experimentId: string): Promise<number> {
  const t = performance.now();
  let token: string | undefined;
  let count = 0;
  do {
    const res = await fetch(`${baseUrl}/api/2.0/mlflow/runs/search`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        experiment_ids: [experimentId],
        max_results: 1000,
        ...(token === undefined ? {} : { page_token: token }),
      }),
    });
    const page = (await res.json()) as { runs?: unknown[]; next_page_token?: string };
    count += page.runs?.length ?? 0;
    token = page.next_page_token;
  } while (token);
  if (count !== RUNS) {
    throw new Error(`raw paging saw ${String(count)} runs, not ${String(RUNS)}`);
  }
  return performance.now() - t;
}

if (require.main === module) {
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      Group.killAll();
      process.exit(130);
    });
  }
  void runListing().then((r) => {
    console.log(JSON.stringify(r, null, 2));
  });
}
