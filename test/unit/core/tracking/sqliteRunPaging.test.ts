import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { collectPages } from '../../../../src/core/common/paging';
import { searchRunsInMemory, inView } from '../../../../src/core/tracking/search/runSearch';
import { loadRuns } from '../../../../src/core/tracking/sqlite/loadRuns';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../../src/core/tracking/sqlite/sqliteTrackingStore';
import type { ViewType } from '../../../../src/core/tracking/trackingStore';
import { generateRunsDb } from '../../../support/mlflow/generateRunsDb';
import { FIXTURES } from '../../../support/mlflow/recordedExchange';

describe('SqliteTrackingStore paging (ordered ids from SQL, runs read per page)', () => {
  it('orders runs exactly as the in-memory search does, for every experiment and view of the recorded db', async () => {
    const db = await SqliteDatabase.open(path.join(FIXTURES, 'sqlite', 'mlflow.db'));
    const store = new SqliteTrackingStore(db);
    try {
      for (const exp of ['0', '1', '2', '3', '4', '5']) {
        for (const view of ['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL'] as ViewType[]) {
          const want = searchRunsInMemory(
            loadRuns(db, 'r.experiment_id = ?', [exp]).filter((r) => inView(r.info.lifecycleStage, view)),
            undefined,
            undefined,
            'sql',
          );
          const got = await collectPages((pageToken) =>
            store.searchRuns({ experimentIds: [exp], runViewType: view, maxResults: 3, pageToken }),
          );
          assert.deepEqual(got, want, `experiment ${exp}, ${view}`);
        }
      }
    } finally {
      store.dispose();
    }
  });

  it('pages a generated 1,000-run experiment in order, filtered or not, with whole runs on each page', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-paging-'));
    try {
      const gen = await generateRunsDb(path.join(FIXTURES, 'sqlite', 'mlflow.db'), path.join(tmp, 'g.db'), {
        runs: 1000,
      });
      const db = await SqliteDatabase.open(path.join(tmp, 'g.db'));
      const store = new SqliteTrackingStore(db);
      try {
        const all = await collectPages((pageToken) =>
          store.searchRuns({ experimentIds: [gen.experimentId], maxResults: 100, pageToken }),
        );
        assert.deepEqual(
          all.map((r) => r.info.runId),
          gen.runIds,
        );
        assert.ok(all.every((r) => r.data.params.length === 2 && r.data.metrics.length === 1));
        const rf = await collectPages((pageToken) =>
          store.searchRuns({
            experimentIds: [gen.experimentId],
            filter: "params.model = 'rf'",
            orderBy: ['metrics.accuracy DESC'],
            maxResults: 100,
            pageToken,
          }),
        );
        assert.equal(rf.length, 500);
        const acc = rf.map((r) => r.data.metrics[0]?.value ?? Number.NaN);
        assert.deepEqual(
          acc,
          [...acc].sort((a, b) => b - a),
        );
      } finally {
        store.dispose();
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
