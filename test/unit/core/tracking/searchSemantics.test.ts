import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import initSqlJs from 'sql.js';
import { StoreError } from '../../../../src/core/common/storeError';
import { parseRun, type Run } from '../../../../src/core/tracking/entities/run';
import { FileTrackingStore } from '../../../../src/core/tracking/file/fileTrackingStore';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../../src/core/tracking/sqlite/sqliteTrackingStore';
import type { TrackingStore } from '../../../../src/core/tracking/trackingStore';

// test/fixtures/search-semantics/record.py wrote the same runs with real MLflow 2.8.0, 2.17.2 and
// 3.11.1 into a file store and a SQLite store, and recorded what each store answered to every
// filter (run names in order, or the error). The local stores must answer the same.
const ROOT = path.resolve(__dirname, '../../../fixtures/search-semantics');
const WASM = require.resolve('sql.js/dist/sql-wasm.wasm');

type Answer = { runs: string[] } | { error_code: string; message: string };
interface StoreAnswers {
  readonly experiment_id: string;
  readonly runs: unknown[];
  readonly answers: Readonly<Record<string, Answer>>;
}
interface Recording {
  readonly mlflow_version: string;
  readonly filters: readonly string[];
  readonly stores: { readonly file: StoreAnswers; readonly sqlite: StoreAnswers };
}

function load(version: string): Recording {
  return JSON.parse(fs.readFileSync(path.join(ROOT, `v${version}`, 'answers.json'), 'utf8')) as Recording;
}

/** MLflow's messages end in Python set reprs, in no fixed order: compare up to the first of them. */
function gist(message: string): string {
  return message.split(/'?\{|\[/)[0] ?? message;
}

async function sqliteStore(version: string): Promise<SqliteTrackingStore> {
  const SQL = await initSqlJs({ locateFile: () => WASM });
  const db = new SQL.Database();
  db.run(fs.readFileSync(path.join(ROOT, `v${version}`, 'mlflow.sql'), 'utf8'));
  const bytes = db.export();
  db.close();
  return new SqliteTrackingStore(await SqliteDatabase.fromBytes(bytes));
}

/** The file store lists dataset inputs in directory order; compare them sorted. */
function sortedInputs(run: Run): Run {
  const inputs = [...run.inputs.datasetInputs].sort((a, b) =>
    `${a.dataset.name}/${a.dataset.digest}`.localeCompare(`${b.dataset.name}/${b.dataset.digest}`),
  );
  const tags = [...run.data.tags].sort((a, b) => a.key.localeCompare(b.key));
  const params = [...run.data.params].sort((a, b) => a.key.localeCompare(b.key));
  return { ...run, data: { ...run.data, tags, params }, inputs: { ...run.inputs, datasetInputs: inputs } };
}

async function answer(store: TrackingStore, experimentId: string, filter: string): Promise<string> {
  try {
    const page = await store.searchRuns({
      experimentIds: [experimentId],
      filter,
      runViewType: 'ALL',
      maxResults: 1000,
    });
    return page.items.map((r) => r.info.runName).join(',');
  } catch (e) {
    return StoreError.is(e) ? `error ${e.errorCode ?? '?'}: ${e.message}` : `thrown ${String(e)}`;
  }
}

for (const version of ['2.8.0', '2.17.2', '3.11.1']) {
  describe(`local stores search runs as real MLflow ${version}'s stores of the same kind do`, () => {
    const rec = load(version);
    // `IS NULL` came with MLflow 3; a local store accepts it whatever MLflow wrote the store, as
    // the newest server would on that store, so 2.x's "Invalid clause" is not expected there.
    const newest = load('3.11.1');
    const stores: Array<['file' | 'sqlite', () => Promise<TrackingStore>]> = [
      ['file', () => Promise.resolve(new FileTrackingStore(path.join(ROOT, `v${version}`, 'mlruns')))],
      ['sqlite', () => sqliteStore(version)],
    ];
    for (const [kind, open] of stores) {
      const recorded = rec.stores[kind];
      it(`${kind}: every run, dataset inputs included, as MLflow's ${kind} store gives it`, async () => {
        const store = await open();
        const mine = await store.searchRuns({
          experimentIds: [recorded.experiment_id],
          runViewType: 'ALL',
          maxResults: 1000,
        });
        assert.ok(
          mine.items.some((r) => r.inputs.datasetInputs.length === 2),
          'a run with two dataset inputs',
        );
        assert.deepEqual(
          mine.items.map(sortedInputs),
          recorded.runs.map((r) => sortedInputs(parseRun(r))),
        );
        store.dispose();
      });

      it(`${kind}: each of ${String(rec.filters.length)} filters matches the same runs or fails with the same error`, async () => {
        const store = await open();
        const want: Record<string, string> = {};
        const got: Record<string, string> = {};
        for (const filter of rec.filters) {
          const a = / IS (NOT )?NULL/.test(filter)
            ? (newest.stores[kind].answers[filter] ?? recorded.answers[filter])
            : recorded.answers[filter];
          assert.ok(a !== undefined, filter);
          // 2.8.0 gave comparator errors the code INTERNAL_ERROR (a 500); later versions, and so
          // the local stores, give INVALID_PARAMETER_VALUE.
          const code =
            'runs' in a
              ? ''
              : a.error_code === 'INTERNAL_ERROR' && a.message.startsWith('Invalid comparator')
                ? 'INVALID_PARAMETER_VALUE'
                : a.error_code;
          const expected = 'runs' in a ? a.runs.join(',') : `error ${code}: ${gist(a.message)}`;
          want[filter] = expected;
          const mine = await answer(store, recorded.experiment_id, filter);
          // An error matches when it has MLflow's code and MLflow's wording up to its set repr.
          got[filter] =
            mine.startsWith('error ') && expected.startsWith('error ') && mine.startsWith(expected)
              ? expected
              : mine;
        }
        assert.deepEqual(got, want);
        store.dispose();
      });
    }
  });
}
