import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { listRunModels } from '../../../../src/core/explorer/runModels';
import { runOverview } from '../../../../src/core/runDetail/runOverview';
import type { Run } from '../../../../src/core/tracking/entities/run';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { FIXTURES } from '../../../support/mlflow/recordedExchange';

describe('runOverview (run detail panel content)', () => {
  it('shapes a recorded run: facts, sorted params and metrics, the note, its model and no system tags', async () => {
    const store = new SqliteTrackingStore(
      await SqliteDatabase.open(path.join(FIXTURES, 'sqlite', 'mlflow.db')),
    );
    try {
      const run = await store.getRun('5479c2e952464803bc764edb72ee0164');
      const o = runOverview(run, Date.now(), {
        experimentName: 'iris-classification',
        models: await listRunModels(store, run),
      });
      assert.equal(o.name, 'rf-100');
      assert.equal(o.facts.find((f) => f.label === 'Experiment')?.value, 'iris-classification (1)');
      assert.equal(o.facts.find((f) => f.label === 'Status')?.value, 'finished');
      assert.deepEqual(
        o.params.map((p) => p.label),
        run.data.params.map((p) => p.key).sort(),
      );
      assert.deepEqual(
        o.metrics.map((m) => m.key),
        run.data.metrics.map((m) => m.key).sort(),
      );
      assert.equal(o.note, run.data.tags.find((t) => t.key === 'mlflow.note.content')?.value ?? '');
      assert.deepEqual(
        o.models.map((m) => m.uri),
        ['runs:/5479c2e952464803bc764edb72ee0164/model'],
      );
      assert.ok(
        o.tags.every(
          (t) => !['mlflow.note.content', 'mlflow.log-model.history', 'mlflow.runName'].includes(t.label),
        ),
      );
    } finally {
      store.dispose();
    }
  });

  it('cuts hostile values to text of bounded size', () => {
    const run: Run = {
      info: {
        runId: 'r1',
        runName: '<b>x</b>\u0007',
        experimentId: '1',
        userId: undefined,
        status: 'RUNNING',
        startTime: 1000,
        endTime: undefined,
        artifactUri: undefined,
        lifecycleStage: 'active',
      },
      data: {
        metrics: [],
        params: [{ key: 'p', value: 'v'.repeat(1_000_000) }],
        tags: [
          { key: 'mlflow.parentRunId', value: 'parent1' },
          { key: 'note', value: '<script>' },
        ],
      },
      inputs: { datasetInputs: [], modelInputs: [] },
      outputs: { modelOutputs: [] },
    };
    const o = runOverview(run, 61_000, { models: [] });
    assert.equal(o.name, '<b>x</b>\u241f');
    assert.ok((o.params[0]?.value.length ?? 0) <= 5000);
    assert.equal(o.parentId, 'parent1');
    assert.deepEqual(o.tags, [{ label: 'note', value: '<script>' }]);
    assert.equal(o.facts.find((f) => f.label === 'Duration')?.value, '1 min 0 s');
  });

  it('says when the run had uncommitted changes, and whether MLflow logged the diff', () => {
    const withTags = (tags: Run['data']['tags']): Run => ({
      info: {
        runId: 'r2',
        runName: 'dirty',
        experimentId: '1',
        userId: undefined,
        status: 'FINISHED',
        startTime: 1000,
        endTime: 2000,
        artifactUri: undefined,
        lifecycleStage: 'active',
      },
      data: { metrics: [], params: [], tags },
      inputs: { datasetInputs: [], modelInputs: [] },
      outputs: { modelOutputs: [] },
    });
    const fact = (tags: Run['data']['tags']): string | undefined =>
      runOverview(withTags(tags), 3000, { models: [] }).facts.find((f) => f.label === 'Uncommitted changes')
        ?.value;
    assert.equal(fact([{ key: 'mlflow.source.git.dirty', value: 'false' }]), undefined);
    assert.equal(fact([{ key: 'mlflow.source.git.dirty', value: 'true' }]), 'yes');
    assert.equal(
      fact([
        { key: 'mlflow.source.git.dirty', value: 'True' },
        { key: 'mlflow.git.diff', value: '+x' },
      ]),
      'yes (diff logged as mlflow.git.diff)',
    );
  });
});
