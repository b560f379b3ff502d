// TEST DOUBLE support — not MLflow. Builds an MLflow 2.8-shaped mlflow.db from the DDL fixture
// (test/fixtures/sqlite-schemas/mlflow-2.8.sql) and fills it with the recorded 2.17.2 rows, in the
// columns 2.8 has, so that the same data can be read in the older shape.
import * as fs from 'node:fs';
import * as path from 'node:path';
import initSqlJs, { type Database } from 'sql.js';
import { FIXTURES } from './recordedExchange';

const WASM = require.resolve('sql.js/dist/sql-wasm.wasm');
const DDL = path.resolve(__dirname, '../../fixtures/sqlite-schemas/mlflow-2.8.sql');

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
export async function mlflow28Bytes(): Promise<Uint8Array> {
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
