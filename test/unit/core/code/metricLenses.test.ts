import * as assert from 'node:assert/strict';
import { isSourceOf, lensSpecs, runsOfFile, summarizeMetric } from '../../../../src/core/code/metricLenses';
import { findMlflowCalls } from '../../../../src/core/code/mlflowCalls';
import type { Run } from '../../../../src/core/tracking/entities/run';

function run(id: string, source: string, metrics: Record<string, number>, status = 'FINISHED'): Run {
  return {
    info: {
      runId: id,
      runName: id,
      experimentId: '1',
      userId: undefined,
      status,
      startTime: 0,
      endTime: undefined,
      artifactUri: undefined,
      lifecycleStage: 'active',
    },
    data: {
      metrics: Object.entries(metrics).map(([key, value]) => ({ key, value, timestamp: 0, step: 0 })),
      params: [],
      tags: [{ key: 'mlflow.source.name', value: source }],
    },
    inputs: { datasetInputs: [], modelInputs: [] },
    outputs: { modelOutputs: [] },
  };
}

const pick = (s: ReturnType<typeof summarizeMetric>): number[] =>
  s === undefined ? [] : [s.last, s.best, s.runs];

describe('metric lenses', () => {
  it('matches a recorded source name to the open file at path-segment boundaries', () => {
    assert.ok(isSourceOf('train.py', '/ws/proj/train.py'));
    assert.ok(isSourceOf('/ci/proj/src/train.py', '/ws/proj/src/train.py'));
    assert.equal(isSourceOf('my_train.py', '/ws/proj/train.py'), false);
    assert.equal(isSourceOf('other/train.py', '/ws/proj/src/train.py'), false);
    assert.equal(isSourceOf('', '/ws/train.py'), false);
  });

  it('summarises last and best (lower is better for a loss) over the file runs', () => {
    const runs = runsOfFile(
      [
        run('new', 'train.py', { loss: 0.5, accuracy: 0.8 }),
        run('other', 'eval.py', { loss: 0.01 }),
        run('mid', 'train.py', { loss: 0.2, accuracy: 0.9 }),
        run('old', 'train.py', { loss: 0.7 }),
      ],
      '/ws/train.py',
    );
    assert.deepEqual(
      runs.map((r) => r.info.runId),
      ['new', 'mid', 'old'],
    );
    assert.deepEqual(pick(summarizeMetric(runs, 'loss')), [0.5, 0.2, 3]);
    assert.deepEqual(pick(summarizeMetric(runs, 'accuracy')), [0.8, 0.9, 2]);
    assert.equal(summarizeMetric(runs, 'nope'), undefined);
  });

  it('words each lens from the calls and the cached data', () => {
    const calls = findMlflowCalls(
      'import mlflow\nmlflow.set_experiment("e")\nwith mlflow.start_run():\n  mlflow.log_metric("loss", 1)\n  mlflow.log_metric("f1", 1)\n',
    );
    const fileRuns = [run('b', 'train.py', { loss: 0.25 }), run('a', 'train.py', { loss: 0.5 }, 'FAILED')];
    const specs = lensSpecs(calls, {
      experiment: { experimentId: '1', name: 'e', runCount: 7, more: false },
      latestRun: fileRuns[0],
      fileRuns,
    });
    assert.deepEqual(
      specs.map((s) => [s.title, s.action]),
      [
        ['MLflow: 7 runs · latest b: finished · Open Experiment', 'openExperiment'],
        ['MLflow run: latest b finished · Compare Latest 2 Runs', 'compareLatest'],
        ['loss: last 0.25 · best 0.25 (2 runs) · Compare Latest Runs', 'compareLatest'],
        ["f1: not logged by this file's latest runs yet", 'none'],
      ],
    );
    assert.equal(lensSpecs(calls, undefined)[0]?.title, 'MLflow: no experiment "e" yet');
  });

  it('keeps hostile names inert and short in titles', () => {
    const key = `<img src=x>\u202e${'k'.repeat(1_000_000)}`;
    const [spec] = lensSpecs([{ kind: 'logMetric', offset: 0, name: key }], undefined);
    assert.ok(spec !== undefined && spec.title.length < 200);
    assert.equal(spec.title.includes('\u202e'), false);
  });
});
