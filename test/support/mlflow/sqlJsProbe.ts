// Test helper run in a child process: opens the recorded mlflow.db through SqliteDatabase with the
// wasm given only by `locateFile` (argv[2] = 'locate') or `wasmBinary` (argv[2] = 'binary'), from a
// copy outside node_modules, and prints what happened as JSON. Not product code.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { FIXTURES } from './recordedExchange';

void (async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqljs-'));
  const wasm = path.join(dir, 'copy.wasm');
  fs.copyFileSync(require.resolve('sql.js/dist/sql-wasm.wasm'), wasm);
  const located: string[] = [];
  const bytes = fs.readFileSync(path.join(FIXTURES, 'sqlite', 'mlflow.db'));
  const db =
    process.argv[2] === 'binary'
      ? await SqliteDatabase.fromBytes(bytes, { wasmBinary: fs.readFileSync(wasm) })
      : await SqliteDatabase.fromBytes(bytes, {
          locateFile: (file) => {
            located.push(file);
            return wasm;
          },
        });
  const experiments = db.all('SELECT count(*) AS n FROM experiments')[0]?.n;
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  process.stdout.write(JSON.stringify({ located, experiments }));
})();
