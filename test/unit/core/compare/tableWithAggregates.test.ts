import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { HistoryAggregates } from '../../../../src/core/compare/historyAggregates';
import { readRuns } from '../../../../src/core/compare/readRuns';
import { buildTableWithAggregates } from '../../../../src/core/compare/tableWithAggregates';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../../src/core/tracking/sqlite/sqliteTrackingStore';
import type { MetricHistoryRequest } from '../../../../src/core/tracking/trackingStore';
import { FIXTURES } from '../../../support/mlflow/recordedExchange';

describe('compare table with min/max rows from full histories (recorded mlflow.db)', () => {
  let store: SqliteTrackingStore;
  before(async () => {
    store = new SqliteTrackingStore(await SqliteDatabase.open(path.join(FIXTURES, 'sqlite', 'mlflow.db')));
  });
  after(() => {
    store.dispose();
  });

  it('reads runs in order and reports the ones it cannot read', async () => {
    const ids = [
      'cc8c8745b34f45ada9edf6334e96c203',
      'ffffffffffffffffffffffffffffffff',
      '5479c2e952464803bc764edb72ee0164',
    ];
    const { runs, missing } = await readRuns(store, ids);
    assert.deepEqual(
      runs.map((r) => r.info.runId),
      [ids[0], ids[2]],
    );
    assert.deepEqual(missing, [ids[1]]);
  });

  it('puts min and max rows under each shown metric, computed from the whole history and cached', async () => {
    const { runs } = await readRuns(store, [
      'cc8c8745b34f45ada9edf6334e96c203',
      '5479c2e952464803bc764edb72ee0164',
    ]);
    let reads = 0;
    const counting = Object.create(store) as SqliteTrackingStore;
    counting.getMetricHistory = (r: MetricHistoryRequest) => {
      reads++;
      return store.getMetricHistory(r);
    };
    const source = new HistoryAggregates(() => Promise.resolve(counting));
    const table = await buildTableWithAggregates(runs, ['loss'], source);
    const labels = table.rows.filter((r) => r.section === 'metrics').map((r) => r.label);
    const at = labels.indexOf('loss');
    assert.deepEqual(labels.slice(at, at + 3), ['loss', 'loss (min)', 'loss (max)']);
    assert.ok(!labels.includes('accuracy (min)'), 'only shown metrics get min/max rows');
    for (const [i, run] of runs.entries()) {
      const history = await store.getMetricHistory({ runId: run.info.runId, metricKey: 'loss' });
      const values = history.map((m) => m.value);
      assert.equal(table.rows.find((r) => r.label === 'loss (min)')?.cells[i]?.value, Math.min(...values));
      assert.equal(table.rows.find((r) => r.label === 'loss (max)')?.cells[i]?.value, Math.max(...values));
    }
    assert.equal(reads, 2);
    await buildTableWithAggregates(runs, ['loss'], source);
    assert.equal(reads, 2, 'finished runs are read once');
    source.clear();
    await buildTableWithAggregates(runs, ['loss'], source);
    assert.equal(reads, 4, 'clear() forgets (a new connection)');
  });

  it('leaves the table alone when no metric is shown', async () => {
    const { runs } = await readRuns(store, ['cc8c8745b34f45ada9edf6334e96c203']);
    const table = await buildTableWithAggregates(
      runs,
      [],
      new HistoryAggregates(() => Promise.reject(new Error('must not read'))),
    );
    assert.ok(table.rows.every((r) => !r.label.endsWith('(min)')));
  });
});
