import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main, parseArgs } from '../../../../scripts/inspect';

const ROOT = path.resolve(__dirname, '../../../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/mlflow-3.11.1');

interface RecordedModel {
  model_id: string;
  run_id?: string;
}
interface Recorded {
  experiments: Record<string, string>;
  logged_models: Record<string, RecordedModel>;
}
interface Doc {
  experiments: Array<{
    experiment: { experimentId: string; name: string };
    loggedModels?: {
      models: Array<{
        modelId: string;
        name: string;
        modelUri: string;
        status?: string;
        sourceRunId?: string;
      }>;
      more: boolean;
      error?: string;
    };
  }>;
  models: unknown[];
}

const recorded = (file: string): Recorded =>
  JSON.parse(fs.readFileSync(path.join(FIXTURES, 'ids', file), 'utf8')) as Recorded;

async function inspect(argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(argv, {}, (t) => (out += t), ROOT);
  return { code, out };
}

/** modelId → [experiment name, source run] as the --json output lists them. */
function listed(doc: Doc): Map<string, [string, string | undefined]> {
  const out = new Map<string, [string, string | undefined]>();
  for (const e of doc.experiments) {
    assert.ok(e.loggedModels, `${e.experiment.name} has its logged models listed`);
    assert.equal(e.loggedModels.error, undefined);
    for (const m of e.loggedModels.models) {
      assert.equal(m.modelUri, `models:/${m.modelId}`);
      out.set(m.modelId, [e.experiment.name, m.sourceRunId]);
    }
  }
  return out;
}

describe('npm run inspect --logged-models (recorded MLflow 3.11.1 stores)', () => {
  it('parses the flag, and only lists logged models when asked', async () => {
    assert.deepEqual(parseArgs(['--tracking-uri', 'x', '--logged-models'], {}), {
      trackingUri: 'x',
      experiment: undefined,
      json: false,
      loggedModels: true,
    });
    const plain = await inspect([
      '--tracking-uri',
      `sqlite:///${path.join(FIXTURES, 'sqlite/mlflow.db')}`,
      '--json',
    ]);
    assert.equal(plain.code, 0);
    assert.ok((JSON.parse(plain.out) as Doc).experiments.every((e) => e.loggedModels === undefined));
    const help = await inspect(['--help']);
    assert.match(help.out, /--logged-models {2,}also each experiment's MLflow 3 logged models/);
  });

  it('lists every logged model of the mlflow.db under its experiment, with its source run', async () => {
    const { code, out } = await inspect([
      '--tracking-uri',
      `sqlite:///${path.join(FIXTURES, 'sqlite/mlflow.db')}`,
      '--logged-models',
      '--json',
    ]);
    assert.equal(code, 0);
    const models = listed(JSON.parse(out) as Doc);
    const ids = recorded('sqlite-v3.11.1.json').logged_models;
    assert.deepEqual(
      [...models.keys()].sort(),
      Object.values(ids)
        .map((m) => m.model_id)
        .sort(),
    );
    for (const [role, m] of Object.entries(ids)) {
      assert.equal(models.get(m.model_id)?.[1], m.run_id, `${role}: source run`);
    }
    assert.equal(models.get(ids['support-agent-v1']?.model_id ?? '')?.[0], 'support-agent');
    assert.equal(models.get(ids['churn-model']?.model_id ?? '')?.[0], 'churn-prediction');
  });

  it('reads the same from the file store (mlruns), and prints them in the text report', async () => {
    const uri = path.join(FIXTURES, 'mlruns');
    const { code, out } = await inspect(['--tracking-uri', uri, '--logged-models', '--json']);
    assert.equal(code, 0);
    const models = listed(JSON.parse(out) as Doc);
    const v1 = recorded('filestore-v3.11.1.json').logged_models['support-agent-v1'];
    assert.ok(v1);
    assert.deepEqual(models.get(v1.model_id), ['support-agent', v1.run_id]);
    assert.equal(models.size, 2, [...models.keys()].join(', '));

    const text = await inspect(['--tracking-uri', uri, '--logged-models']);
    assert.match(text.out, /^ {4}logged models \(2\)$/m);
    assert.match(
      text.out,
      new RegExp(
        `^ {6}${v1.model_id} {2}support-agent {2}LOGGED_MODEL_READY {2}run ${v1.run_id ?? ''}$`,
        'm',
      ),
    );
  });

  it('lists none, without an error, from an MLflow 2.17.2 mlflow.db (no logged_models table)', async () => {
    const { code, out } = await inspect([
      '--tracking-uri',
      'sqlite:///test/fixtures/mlflow-2.17.2/sqlite/mlflow.db',
      '--logged-models',
      '--json',
    ]);
    assert.equal(code, 0);
    const doc = JSON.parse(out) as Doc;
    assert.ok(doc.experiments.length > 0);
    assert.ok(
      doc.experiments.every((e) => e.loggedModels?.models.length === 0 && e.loggedModels.error === undefined),
    );
  });
});
