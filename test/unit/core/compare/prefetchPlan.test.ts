import * as assert from 'node:assert/strict';
import { HistoryAggregates } from '../../../../src/core/compare/historyAggregates';
import {
  chartPointsFor,
  DEFAULT_SHOWN_METRICS,
  metricKeysOf,
  pointsPerRunCap,
  prefetchPlan,
} from '../../../../src/core/compare/prefetchPlan';
import type { Metric } from '../../../../src/core/tracking/entities/metric';
import type { Run } from '../../../../src/core/tracking/entities/run';

/** The parts of a run the plan and the aggregates read (a test double: only these fields are set). */
function run(id: string, metricKeys: readonly string[], status = 'FINISHED'): Run {
  return {
    info: { runId: id, experimentId: '1', status },
    data: {
      metrics: metricKeys.map((key) => ({ key, value: 0, timestamp: 0, step: 0 })),
      params: [],
      tags: [],
    },
    inputs: { datasetInputs: [] },
  } as unknown as Run;
}

const history = (values: number[]): Metric[] =>
  values.map((value, step) => ({ key: 'loss', value, step, timestamp: step }));

describe('compare prefetch plan and recorded aggregates', () => {
  it("plans the webview's default charts: the first sorted metric keys of every run", () => {
    const runs = [run('a', ['val_loss', 'loss', 'z7']), run('b', ['acc', 'loss', 'm1', 'm2', 'm3'])];
    const plan = prefetchPlan(runs);
    assert.deepEqual(metricKeysOf(runs), ['acc', 'loss', 'm1', 'm2', 'm3', 'val_loss', 'z7']);
    assert.equal(DEFAULT_SHOWN_METRICS, 6);
    assert.deepEqual(plan.keys, ['acc', 'loss', 'm1', 'm2', 'm3', 'val_loss']);
    assert.equal(plan.maxPoints, 2500, 'two runs: the per-run cap, whatever width asks for less');
  });

  it("takes a page's chart width within the run count's cap, never under 100 points", () => {
    assert.equal(chartPointsFor(1838, 3), 1838, 'a few runs: what the width shows');
    assert.equal(chartPointsFor(1838, 100), 400, '100 runs: the cap');
    assert.equal(chartPointsFor(40, 3), 100, 'a narrow chart still gets a line its shape');
    assert.equal(chartPointsFor(5000, 1), 2500, "never over MLflow's 2,500");
  });

  it('asks at most 40,000 points per chart, between 100 and 2,500 per run', () => {
    assert.equal(pointsPerRunCap(3), 2500);
    assert.equal(pointsPerRunCap(16), 2500);
    assert.equal(pointsPerRunCap(17), 2352);
    assert.equal(pointsPerRunCap(100), 400);
    assert.equal(pointsPerRunCap(300), 133);
    assert.equal(pointsPerRunCap(500), 100);
    assert.equal(pointsPerRunCap(10_000), 100);
    assert.equal(pointsPerRunCap(0), 2500);
  });

  it('keeps the aggregates of a recorded history, so the table reads no history again', async () => {
    let opened = 0;
    const aggregates = new HistoryAggregates(() => {
      opened++;
      return Promise.reject(new Error('no store: every aggregate was recorded'));
    });
    const done = run('done', ['loss']);
    const live = run('live', ['loss'], 'RUNNING');
    aggregates.record(done, 'loss', history([3, 1, 2]));
    aggregates.record(live, 'loss', history([5, 4]));
    await aggregates.ensure([done], ['loss']);
    assert.equal(opened, 0, 'nothing left to read for the finished run');
    assert.deepEqual(aggregates.get('done', 'loss'), { min: 1, max: 3, last: 2, lastStep: 2, count: 3 });
    assert.equal(aggregates.get('live', 'loss')?.min, 4);
    // A running run's figures are not cached: ensure reads its history again.
    await assert.rejects(aggregates.ensure([live], ['loss']), /no store/);
    assert.equal(opened, 1);
  });
});
