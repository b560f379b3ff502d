import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import initSqlJs from 'sql.js';
import { StoreError } from '../../../../src/core/common/storeError';
import { SqliteRegistryStore } from '../../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { FIXTURES } from '../../../support/mlflow/recordedExchange';

const WASM = require.resolve('sql.js/dist/sql-wasm.wasm');

/** A database shaped like an old MLflow schema: no latest_metrics, datasets, aliases or registry. */
async function oldSchemaBytes(): Promise<Uint8Array> {
  const SQL = await initSqlJs({ locateFile: () => WASM });
  const db = new SQL.Database();
  db.run(`
    CREATE TABLE experiments (experiment_id INTEGER PRIMARY KEY, name TEXT, artifact_location TEXT, lifecycle_stage TEXT);
    CREATE TABLE experiment_tags (key TEXT, value TEXT, experiment_id INTEGER);
    CREATE TABLE runs (run_uuid TEXT PRIMARY KEY, name TEXT, user_id TEXT, status TEXT, start_time INTEGER, end_time INTEGER, lifecycle_stage TEXT, artifact_uri TEXT, experiment_id INTEGER);
    CREATE TABLE params (key TEXT, value TEXT, run_uuid TEXT);
    CREATE TABLE tags (key TEXT, value TEXT, run_uuid TEXT);
    CREATE TABLE metrics (key TEXT, value FLOAT, timestamp INTEGER, run_uuid TEXT, step INTEGER, is_nan BOOLEAN);
    INSERT INTO experiments VALUES (0, 'Default', '/tmp/mlruns/0', 'active');
    INSERT INTO runs VALUES ('r1', 'old-run', 'bob', 'FINISHED', 10, 20, 'active', '/tmp/mlruns/0/r1/artifacts', 0);
    INSERT INTO params VALUES ('alpha', '0.5', 'r1');
    INSERT INTO metrics VALUES ('loss', 0.9, 1, 'r1', 0, 0), ('loss', 0.4, 2, 'r1', 1, 0), ('loss', 0.7, 3, 'r1', 0, 0), ('acc', 0, 4, 'r1', 3, 1);
  `);
  const bytes = db.export();
  db.close();
  return bytes;
}

describe('SqliteDatabase loading and schema versions', () => {
  // sql.js keeps the first module it loads for the whole process, so each injection route is
  // checked in a fresh Node process, with the wasm copied outside node_modules.
  for (const mode of ['locate', 'binary'] as const) {
    it(`loads sql.js from an injected ${mode === 'locate' ? 'locateFile' : 'wasmBinary'} (as a bundled extension must)`, () => {
      const probe = path.resolve(__dirname, '../../../support/mlflow/sqlJsProbe.ts');
      const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', probe, mode], { encoding: 'utf8' });
      assert.deepEqual(JSON.parse(out), {
        located: mode === 'locate' ? ['sql-wasm.wasm'] : [],
        experiments: 6,
      });
    });
  }

  it('knows which tables and columns the recorded 2.17.2 schema has', async () => {
    const db = await SqliteDatabase.open(path.join(FIXTURES, 'sqlite', 'mlflow.db'));
    assert.equal(db.hasTable('trace_info'), true);
    assert.equal(db.hasTable('logged_models'), false);
    assert.equal(db.hasColumn('runs', 'deleted_time'), true);
    assert.equal(db.hasColumn('runs', 'nope'), false);
    db.close();
  });

  it('reads an old schema without latest_metrics, datasets or registry tables', async () => {
    const db = await SqliteDatabase.fromBytes(await oldSchemaBytes());
    const store = new SqliteTrackingStore(db);
    const run = await store.getRun('r1');
    // Latest = largest step, then latest timestamp: step 1 for loss; NaN kept for acc.
    assert.deepEqual(
      run.data.metrics.find((m) => m.key === 'loss'),
      { key: 'loss', value: 0.4, timestamp: 2, step: 1 },
    );
    assert.ok(Number.isNaN(run.data.metrics.find((m) => m.key === 'acc')?.value));
    assert.deepEqual(run.inputs.datasetInputs, []);
    assert.equal((await store.searchExperiments({})).items[0]?.creationTime, undefined);
    assert.deepEqual(await new SqliteRegistryStore(db).searchRegisteredModels({}), {
      items: [],
      nextPageToken: undefined,
    });
    store.dispose();
  });

  it('refuses a SQLite file that is not an MLflow database, and a missing file', async () => {
    const SQL = await initSqlJs({ locateFile: () => WASM });
    const other = new SQL.Database();
    other.run('CREATE TABLE notes (x TEXT)');
    await assert.rejects(SqliteDatabase.fromBytes(other.export()), (e: unknown) =>
      StoreError.is(e, 'unsupported'),
    );
    other.close();
    await assert.rejects(SqliteDatabase.open(path.join(FIXTURES, 'nope.db')), (e: unknown) =>
      StoreError.is(e, 'not-found'),
    );
  });
});
