import { readFile } from 'node:fs/promises';
import initSqlJs from 'sql.js';
import { StoreError } from '../../common/storeError';

/** A cell as sql.js returns it. */
export type SqlCell = number | string | Uint8Array | null;
/** A result row keyed by column name. */
export type SqlRow = Readonly<Record<string, SqlCell>>;

/**
 * How to find sql.js's WebAssembly file. Plain Node resolves `sql.js/dist/sql-wasm.wasm` from
 * node_modules; a bundled extension has no node_modules, so it passes `locateFile` (pointing at
 * its copy in `dist/`) or the bytes themselves in `wasmBinary`.
 */
export interface SqlJsLoadOptions {
  readonly wasmBinary?: Uint8Array;
  readonly locateFile?: (file: string) => string;
}

let engine: Promise<initSqlJs.SqlJsStatic> | undefined;

/**
 * sql.js initialises its WebAssembly module once per process and ignores the options of later
 * calls, so the first store opened decides where the wasm comes from. The extension therefore
 * opens its first database with `locateFile`/`wasmBinary` set; tests rely on the Node default.
 */
function loadEngine(options: SqlJsLoadOptions): Promise<initSqlJs.SqlJsStatic> {
  if (engine === undefined) {
    const bytes = options.wasmBinary;
    engine =
      bytes !== undefined
        ? initSqlJs({
            wasmBinary: bytes.buffer.slice(
              bytes.byteOffset,
              bytes.byteOffset + bytes.byteLength,
            ) as ArrayBuffer,
          })
        : initSqlJs({ locateFile: options.locateFile ?? ((file) => require.resolve(`sql.js/dist/${file}`)) });
    // A failed load (wasm not found) must not poison every later attempt.
    engine.catch(() => {
      engine = undefined;
    });
  }
  return engine;
}

/**
 * A read-only view of an MLflow SQLite database, loaded into memory with sql.js (WebAssembly, so
 * no native module to rebuild for each VS Code). Never written back: the file on disk is untouched.
 * Knows which tables and columns exist so the stores can cope with MLflow's schema versions.
 */
export class SqliteDatabase {
  private readonly columns = new Map<string, Set<string>>();

  private constructor(private readonly db: initSqlJs.Database) {
    for (const row of this.all("SELECT name FROM sqlite_master WHERE type = 'table'")) {
      const table = String(row.name);
      const cols = this.all(`PRAGMA table_info("${table.replace(/"/g, '""')}")`).map((c) => String(c.name));
      this.columns.set(table, new Set(cols));
    }
    if (!this.hasTable('experiments') || !this.hasTable('runs')) {
      db.close();
      throw new StoreError(
        'unsupported',
        'This SQLite file is not an MLflow tracking database (no experiments/runs tables).',
      );
    }
  }

  /** Open the database file at `filePath`. */
  static async open(filePath: string, options: SqlJsLoadOptions = {}): Promise<SqliteDatabase> {
    // The engine (a WebAssembly module, compiled once) loads while the file is read, not after.
    const engineLoad = loadEngine(options);
    engineLoad.catch(() => undefined);
    let bytes: Buffer;
    try {
      bytes = await readFile(filePath);
    } catch (err: unknown) {
      throw new StoreError(
        'not-found',
        `Cannot read ${filePath}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    return SqliteDatabase.fromBytes(bytes, options);
  }

  /** Open a database from its bytes. */
  static async fromBytes(bytes: Uint8Array, options: SqlJsLoadOptions = {}): Promise<SqliteDatabase> {
    const engine = await loadEngine(options);
    let db: initSqlJs.Database;
    try {
      db = new engine.Database(bytes);
      db.exec('SELECT count(*) FROM sqlite_master');
    } catch (err: unknown) {
      throw new StoreError(
        'unsupported',
        `Not a SQLite database: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    return new SqliteDatabase(db);
  }

  hasTable(table: string): boolean {
    return this.columns.has(table);
  }

  hasColumn(table: string, column: string): boolean {
    return this.columns.get(table)?.has(column) === true;
  }

  /** Run a query with positional parameters and return every row. */
  all(sql: string, params: ReadonlyArray<string | number | null> = []): SqlRow[] {
    const stmt = this.db.prepare(sql);
    try {
      stmt.bind([...params]);
      const rows: SqlRow[] = [];
      while (stmt.step()) {
        rows.push(stmt.getAsObject());
      }
      return rows;
    } finally {
      stmt.free();
    }
  }

  /**
   * Rows as arrays of their cells, in the order selected: for long results (a metric history),
   * where building an object per row cost ten times the query (120 ms vs 11 ms for 10,000 rows).
   */
  values(sql: string, params: ReadonlyArray<string | number | null> = []): SqlCell[][] {
    const stmt = this.db.prepare(sql);
    try {
      stmt.bind([...params]);
      const rows: SqlCell[][] = [];
      while (stmt.step()) {
        rows.push(stmt.get());
      }
      return rows;
    } finally {
      stmt.free();
    }
  }

  close(): void {
    this.db.close();
  }
}

/** A nullable text cell. */
export function text(v: SqlCell | undefined): string | undefined {
  return v === null || v === undefined
    ? undefined
    : typeof v === 'string'
      ? v
      : typeof v === 'number'
        ? String(v)
        : undefined;
}

/** A nullable integer cell. */
export function int(v: SqlCell | undefined): number | undefined {
  return typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : undefined;
}
