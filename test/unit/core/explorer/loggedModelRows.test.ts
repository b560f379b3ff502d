import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  loggedModelDescription,
  loggedModelLook,
  metricRows,
  paramRows,
  sourceRunOf,
  tagRows,
} from '../../../../src/core/explorer/loggedModelRows';
import type { LoggedModel } from '../../../../src/core/tracking/entities/loggedModel';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { FIXTURES_3 } from '../../../support/mlflow/recordedExchange';

const V1 = 'm-92f7cb2d35cf41a6b8527ddd10132494';
const GIT = 'm-720de1228b74431398368e744fe73675';
const COMMIT = 'c20a0b43499c052c9b7d6cd69f4327e4491def65';

describe('loggedModelRows (the rows of an experiment’s Logged Models node)', () => {
  let models: readonly LoggedModel[];
  const byId = (id: string): LoggedModel => {
    const m = models.find((x) => x.modelId === id);
    assert.ok(m, id);
    return m;
  };

  before(async () => {
    const store = new SqliteTrackingStore(
      await SqliteDatabase.open(path.join(FIXTURES_3, 'sqlite', 'mlflow.db')),
    );
    models = (await store.searchLoggedModels({ experimentIds: ['1'] })).items;
    store.dispose();
  });

  it('reads each status of the recorded store (sqlite keeps integers) as its look', () => {
    assert.deepEqual(
      models.map((m) => [m.name, loggedModelLook(m.status).label]),
      [
        ['gentle-cow-393', 'pending'],
        ['support-agent', 'ready'],
        ['support-agent', 'ready'],
      ],
    );
    assert.equal(loggedModelLook('LOGGED_MODEL_UPLOAD_FAILED').icon, 'error');
    assert.equal(loggedModelLook('7').label, '7');
  });

  it('names the source run, and none for a model MLflow stored with an empty one', () => {
    assert.equal(sourceRunOf(byId(V1)), '88c0cc42b56842799e6799d5a7de1724');
    assert.equal(sourceRunOf(byId(GIT)), undefined);
    assert.equal(loggedModelDescription(byId(V1)), 'm-92f7cb2d · run 88c0cc42');
    assert.equal(loggedModelDescription(byId(GIT)), 'pending · m-720de122 · no source run');
  });

  it('lists params by key and every metric value by key and step', () => {
    assert.deepEqual(
      paramRows(byId(V1)).map((r) => `${r.label}=${r.description}`),
      ['llm=gpt-4o-mini', 'prompt=support-system-prompt/2', 'prompt_version=2', 'temperature=0.2', 'top_k=3'],
    );
    const loss = metricRows(byId(V1)).filter((r) => r.label === 'eval_loss');
    assert.ok(loss.length > 1, 'eval_loss is logged at several steps');
    assert.deepEqual(
      loss.slice(0, 2).map((r) => r.description),
      ['1.05 · step 0', '0.55 · step 1'],
    );
    const accuracy = metricRows(byId(V1)).find((r) => r.label === 'answer_accuracy');
    assert.equal(accuracy?.description, '0.78');
    assert.equal(new Set(metricRows(byId(V1)).map((r) => r.key)).size, byId(V1).metrics.length);
  });

  it('a key evaluated on several datasets has a row per dataset, with the dataset named and its steps counted apart', () => {
    const m = byId(V1);
    const rows = metricRows({
      ...m,
      metrics: [
        { key: 'f1', value: 0.5, timestamp: 1, step: 0, datasetName: 'eval-a', datasetDigest: 'd1a2' },
        { key: 'f1', value: 0.6, timestamp: 2, step: 0, datasetName: 'eval-b', datasetDigest: 'e3f4' },
        { key: 'f1', value: 0.7, timestamp: 3, step: 1, datasetName: 'eval-b' },
        { key: 'loss', value: 2, timestamp: 1, step: 0 },
      ],
    });
    assert.deepEqual(
      rows.map((r) => `${r.label}: ${r.description}`),
      ['f1: 0.5 · eval-a', 'f1: 0.6 · eval-b · step 0', 'f1: 0.7 · eval-b · step 1', 'loss: 2'],
    );
    assert.match(rows[0]?.tooltip ?? '', /dataset eval-a \(d1a2\)/);
    assert.equal(new Set(rows.map((r) => r.key)).size, 4);
  });

  it('shows the git commit as its short hash with the repository, and copies the whole hash', () => {
    const commit = tagRows(byId(GIT)).find((r) => r.label === 'mlflow.source.git.commit');
    assert.ok(commit);
    assert.equal(commit.description, 'c20a0b43499c · https://github.com/example-org/support-agent.git');
    assert.equal(commit.copy, COMMIT);
    assert.match(commit.tooltip, /Repository: https:\/\/github\.com\/example-org\/support-agent\.git/);
    // Without a recorded repository the commit reads alone.
    assert.equal(
      tagRows(byId(V1)).find((r) => r.label === 'mlflow.source.git.commit')?.description,
      'c20a0b43499c',
    );
  });
});
