import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseLoggedModel } from '../../../../src/core/tracking/entities/loggedModel';
import { readExperimentLoggedModels } from '../../../../src/core/tracking/file/readLoggedModels';

// MLflow 3 records, per logged-model metric value, the run that logged it and (for an evaluation
// on a dataset) the dataset's name and digest: REST as `run_id`/`dataset_name`/`dataset_digest`,
// the file store as the 5th and 6th fields of a metric line. None of the recorded stores holds a
// dataset metric, so these are written here in those shapes.
describe('logged-model metrics keep their run and dataset', () => {
  it('REST: run_id, dataset_name and dataset_digest are read; absent ones stay absent', () => {
    const m = parseLoggedModel({
      info: { model_id: 'm-1', experiment_id: '1' },
      data: {
        metrics: [
          {
            key: 'f1',
            value: 0.5,
            step: 0,
            timestamp: 1,
            run_id: 'r2',
            dataset_name: 'eval',
            dataset_digest: 'ab12',
          },
          { key: 'loss', value: 2, step: 0, timestamp: 1 },
        ],
      },
    });
    assert.deepEqual(m.metrics, [
      {
        key: 'f1',
        value: 0.5,
        step: 0,
        timestamp: 1,
        runId: 'r2',
        datasetName: 'eval',
        datasetDigest: 'ab12',
      },
      { key: 'loss', value: 2, step: 0, timestamp: 1 },
    ]);
  });

  it('file store: the latest value per metric and dataset, each with its run and dataset', async () => {
    const exp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-lm-datasets-'));
    try {
      const dir = path.join(exp, 'models', 'm-1');
      fs.mkdirSync(path.join(dir, 'metrics'), { recursive: true });
      fs.writeFileSync(
        path.join(dir, 'meta.yaml'),
        'model_id: m-1\nexperiment_id: "7"\nname: agent\ncreation_timestamp: 5\nstatus: 2\n',
      );
      fs.writeFileSync(
        path.join(dir, 'metrics', 'f1'),
        ['10 0.5 0 r1 eval-a d1', '11 0.6 1 r1 eval-a d1', '12 0.9 0 r2 eval-b d2', '13 0.1 0 r1'].join('\n'),
      );
      const [model] = await readExperimentLoggedModels(exp, '7');
      assert.deepEqual(
        [...(model?.metrics ?? [])].sort((a, b) => a.value - b.value),
        [
          { key: 'f1', value: 0.1, timestamp: 13, step: 0, runId: 'r1' },
          {
            key: 'f1',
            value: 0.6,
            timestamp: 11,
            step: 1,
            runId: 'r1',
            datasetName: 'eval-a',
            datasetDigest: 'd1',
          },
          {
            key: 'f1',
            value: 0.9,
            timestamp: 12,
            step: 0,
            runId: 'r2',
            datasetName: 'eval-b',
            datasetDigest: 'd2',
          },
        ],
      );
    } finally {
      fs.rmSync(exp, { recursive: true, force: true });
    }
  });
});
