import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import initSqlJs, { type Database } from 'sql.js';
import type { JsonObject } from '../../../../src/core/common/jsonFields';
import { SqliteRegistryStore } from '../../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { SQLITE_REGISTRY_CASES, SQLITE_TRACKING_CASES } from '../../../support/mlflow/equivalenceCases';
import { FIXTURES, loadExchange } from '../../../support/mlflow/recordedExchange';

const WASM = require.resolve('sql.js/dist/sql-wasm.wasm');
const DDL = path.resolve(__dirname, '../../../fixtures/sqlite-schemas/mlflow-2.8.sql');

function tables(db: Database): string[] {
  return (
    db.exec(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'alembic_version' ORDER BY name",
    )[0]?.values ?? []
  ).map((r) => String(r[0]));
}

function columns(db: Database, table: string): string[] {
  return (db.exec(`PRAGMA table_info("${table}")`)[0]?.values ?? []).map((r) => String(r[1]));
}

/**
 * An MLflow 2.8-shaped database: the schema from the DDL fixture, holding every recorded 2.17.2
 * row in the columns 2.8 has. The same data in the older shape must read the same.
 */
async function mlflow28Bytes(): Promise<Uint8Array> {
  const SQL = await initSqlJs({ locateFile: () => WASM });
  const recorded = new SQL.Database(fs.readFileSync(path.join(FIXTURES, 'sqlite', 'mlflow.db')));
  const db = new SQL.Database();
  db.run(fs.readFileSync(DDL, 'utf8'));
  db.run('BEGIN');
  for (const table of tables(db)) {
    const cols = columns(db, table)
      .map((c) => `"${c}"`)
      .join(', ');
    const rows = recorded.exec(`SELECT ${cols} FROM "${table}"`)[0]?.values ?? [];
    const insert = db.prepare(
      `INSERT INTO "${table}" (${cols}) VALUES (${cols
        .split(',')
        .map(() => '?')
        .join(', ')})`,
    );
    for (const row of rows) {
      insert.run(row);
    }
    insert.free();
  }
  db.run('COMMIT');
  recorded.close();
  const bytes = db.export();
  db.close();
  return bytes;
}

describe('SQLite stores over an MLflow 2.8 schema (no trace tables, no storage_location) built from DDL', () => {
  let db: SqliteDatabase;
  let tracking: SqliteTrackingStore;
  let registry: SqliteRegistryStore;
  before(async () => {
    db = await SqliteDatabase.fromBytes(await mlflow28Bytes());
    tracking = new SqliteTrackingStore(db, {
      artifactsDestination: path.join(FIXTURES, 'sqlite', 'mlartifacts'),
    });
    registry = new SqliteRegistryStore(db);
  });
  after(() => {
    tracking.dispose();
  });

  it('is the older shape and holds the recorded rows', async () => {
    assert.equal(db.hasTable('trace_info'), false);
    assert.equal(db.hasTable('trace_tags'), false);
    assert.equal(db.hasColumn('model_versions', 'storage_location'), false);
    assert.equal(db.hasTable('registered_model_aliases'), true);
    assert.equal((await tracking.searchExperiments({ viewType: 'ALL' })).items.length, 6);
  });

  for (const c of SQLITE_TRACKING_CASES) {
    it(`tracking ${loadExchange('rest', c.file).file} reads as the server answered`, async () => {
      const ex = loadExchange('rest', c.file);
      assert.deepEqual(await c.call(tracking), c.expected(ex.response.json as JsonObject));
    });
  }

  for (const c of SQLITE_REGISTRY_CASES) {
    it(`registry ${loadExchange('rest', c.file).file} reads as the server answered`, async () => {
      const ex = loadExchange('rest', c.file);
      assert.deepEqual(await c.call(registry), c.expected(ex.response.json as JsonObject));
    });
  }
});
