import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import initSqlJs from 'sql.js';
import { collectPages } from '../../../../src/core/common/paging';
import type { TrackingTarget } from '../../../../src/core/connection/trackingUri';
import { openStores } from '../../../../src/core/stores/openStores';
import { openTraceStore } from '../../../../src/core/stores/openTraceStore';
import type { TraceInfo } from '../../../../src/core/traces/entities/traceInfo';
import { isNoTraces } from '../../../../src/core/traces/traceStore';
import { mlflow28Bytes } from '../../../support/mlflow/mlflow28Database';

const WASM = require.resolve('sql.js/dist/sql-wasm.wasm');
const FIXTURES = path.resolve(__dirname, '../../../fixtures');

/** What a store holds, counted from the files themselves (SQL / directory listings), not by our readers. */
interface Counted {
  readonly tables?: number;
  readonly experiments: number;
  readonly runs: number;
  /** Undefined where the schema has no logged models. */
  readonly loggedModels: number | undefined;
  /** Undefined where the schema has no traces. */
  readonly traces: number | undefined;
}

/** `workspace` counts only that workspace's rows (what the readers show without choosing one). */
async function countSqlite(file: string, workspace?: string): Promise<Counted> {
  const SQL = await initSqlJs({ locateFile: () => WASM });
  const db = new SQL.Database(fs.readFileSync(file));
  const one = (sql: string): number => Number(db.exec(sql)[0]?.values[0]?.[0] ?? 0);
  const has = (table: string): boolean =>
    one(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '${table}'`) === 1;
  const inWorkspace =
    workspace === undefined
      ? ''
      : ` WHERE experiment_id IN (SELECT experiment_id FROM experiments WHERE workspace = '${workspace}')`;
  const counted = {
    tables: one("SELECT count(*) FROM sqlite_master WHERE type = 'table'"),
    experiments: one(`SELECT count(*) FROM experiments${inWorkspace}`),
    runs: one(`SELECT count(*) FROM runs${inWorkspace}`),
    loggedModels: has('logged_models') ? one(`SELECT count(*) FROM logged_models${inWorkspace}`) : undefined,
    traces: has('trace_info') ? one(`SELECT count(*) FROM trace_info${inWorkspace}`) : undefined,
  };
  db.close();
  return counted;
}

function countMlruns(root: string): Counted {
  const dirs = (p: string): string[] =>
    fs.existsSync(p) ? fs.readdirSync(p).filter((d) => fs.statSync(path.join(p, d)).isDirectory()) : [];
  const experiments = [
    ...dirs(root).map((d) => path.join(root, d)),
    ...dirs(path.join(root, '.trash')).map((d) => path.join(root, '.trash', d)),
  ].filter((d) => fs.existsSync(path.join(d, 'meta.yaml')));
  const sum = (f: (exp: string) => number): number => experiments.reduce((n, e) => n + f(e), 0);
  const models = sum((e) => dirs(path.join(e, 'models')).filter((d) => d.startsWith('m-')).length);
  const traces = sum((e) => dirs(path.join(e, 'traces')).length);
  return {
    experiments: experiments.length,
    runs: sum((e) => dirs(e).filter((d) => fs.existsSync(path.join(e, d, 'meta.yaml'))).length),
    loggedModels: models,
    traces,
  };
}

interface SchemaCase {
  readonly name: string;
  readonly target: () => Promise<TrackingTarget>;
  readonly count: (target: TrackingTarget) => Promise<Counted> | Counted;
  readonly expect?: Partial<Counted>;
}

const sqliteAt = (...p: string[]): (() => Promise<TrackingTarget>) => {
  const file = path.join(FIXTURES, ...p);
  return () => Promise.resolve({ kind: 'sqlite', uri: `sqlite:///${file}`, path: file, display: file });
};
const mlrunsAt = (...p: string[]): (() => Promise<TrackingTarget>) => {
  const dir = path.join(FIXTURES, ...p);
  return () => Promise.resolve({ kind: 'file', uri: `file://${dir}`, path: dir, display: dir });
};
const pathOf = (t: TrackingTarget): string => (t.kind === 'sqlite' || t.kind === 'file' ? t.path : '');

/** Every schema version present in the fixtures: the 2.8 DDL, recorded 2.17.2 and 3.11.1 stores. */
const CASES: readonly SchemaCase[] = [
  {
    name: 'mlflow.db, MLflow 2.8 schema (built from test/fixtures/sqlite-schemas/mlflow-2.8.sql)',
    target: async () => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-28-')), 'mlflow.db');
      fs.writeFileSync(file, await mlflow28Bytes());
      return { kind: 'sqlite', uri: `sqlite:///${file}`, path: file, display: file };
    },
    count: (t) => countSqlite(pathOf(t)),
    expect: { loggedModels: undefined, traces: undefined },
  },
  {
    name: 'mlflow.db, MLflow 2.17.2 (recorded)',
    target: sqliteAt('mlflow-2.17.2', 'sqlite', 'mlflow.db'),
    count: (t) => countSqlite(pathOf(t)),
    expect: { loggedModels: undefined },
  },
  {
    name: 'mlflow.db, MLflow 3.11.1 (recorded, 46 tables)',
    target: sqliteAt('mlflow-3.11.1', 'sqlite', 'mlflow.db'),
    count: (t) => countSqlite(pathOf(t)),
    expect: { tables: 46, experiments: 4, loggedModels: 5, traces: 43 },
  },
  {
    name: 'mlflow.db, MLflow 3.11.1 with workspaces (recorded; default workspace)',
    target: sqliteAt('mlflow-3.11.1', 'sqlite-workspaces', 'mlflow.db'),
    // Without a workspace chosen the readers show the default one.
    count: (t) => countSqlite(pathOf(t), 'default'),
  },
  {
    name: 'mlruns, MLflow 2.17.2 server file store (recorded)',
    target: mlrunsAt('mlflow-2.17.2', 'mlruns'),
    count: (t) => countMlruns(pathOf(t)),
  },
  {
    name: 'mlruns, MLflow 2.17.2 client-written (recorded)',
    target: mlrunsAt('mlflow-2.17.2', 'mlruns-local'),
    count: (t) => countMlruns(pathOf(t)),
  },
  {
    name: 'mlruns, MLflow 3.11.1 server file store (recorded)',
    target: mlrunsAt('mlflow-3.11.1', 'mlruns'),
    count: (t) => countMlruns(pathOf(t)),
    expect: { experiments: 2, loggedModels: 2, traces: 13 },
  },
];

describe('every schema version in the fixtures reads fully (experiments, runs, logged models, traces)', () => {
  for (const c of CASES) {
    it(c.name, async function () {
      this.timeout(30_000);
      const target = await c.target();
      const counted = await c.count(target);
      for (const [k, v] of Object.entries(c.expect ?? {})) {
        assert.equal(counted[k as keyof Counted], v, `the fixture itself: ${k}`);
      }
      const stores = await openStores(target);
      const traceStore = await openTraceStore(target);
      try {
        const experiments = await collectPages((pageToken) =>
          stores.tracking.searchExperiments({ viewType: 'ALL', maxResults: 1000, pageToken }),
        );
        assert.equal(experiments.length, counted.experiments, 'experiments');
        let runs = 0;
        let models = 0;
        let traces = 0;
        for (const e of experiments) {
          const ids = [e.experimentId];
          const found = await collectPages((pageToken) =>
            stores.tracking.searchRuns({
              experimentIds: ids,
              runViewType: 'ALL',
              maxResults: 1000,
              pageToken,
            }),
          );
          runs += found.length;
          for (const r of found) {
            // Each run also reads on its own, with its datasets and model inputs/outputs.
            assert.equal((await stores.tracking.getRun(r.info.runId)).info.runId, r.info.runId);
          }
          const logged = await collectPages((pageToken) =>
            stores.tracking.searchLoggedModels({ experimentIds: ids, maxResults: 100, pageToken }),
          );
          for (const m of logged) {
            // Stored as integers (sqlite column, meta.yaml); read as MLflow's status names.
            assert.match(m.status ?? '', /^LOGGED_MODEL_/, `${m.modelId} status`);
            assert.equal((await stores.tracking.getLoggedModel(m.modelId)).modelId, m.modelId);
          }
          models += logged.length;
          const infos: TraceInfo[] = [];
          let pageToken: string | undefined;
          do {
            const page = await traceStore.searchTraces({
              experimentId: e.experimentId,
              maxResults: 100,
              pageToken,
            });
            if (isNoTraces(page)) {
              assert.equal(counted.traces ?? 0, 0, `no trace tables, yet: ${page.reason}`);
              break;
            }
            infos.push(...page.items);
            pageToken = page.nextPageToken;
          } while (pageToken !== undefined);
          traces += infos.length;
        }
        assert.equal(runs, counted.runs, 'runs');
        assert.equal(models, counted.loggedModels ?? 0, 'logged models');
        assert.equal(traces, counted.traces ?? 0, 'traces');
        await stores.registry.searchRegisteredModels({ maxResults: 100 });
      } finally {
        traceStore.dispose();
        stores.dispose();
      }
    });
  }
});
