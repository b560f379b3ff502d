import * as assert from 'node:assert/strict';
import { openStores, type Stores } from '../../../../src/core/stores/openStores';
import { openTraceStore } from '../../../../src/core/stores/openTraceStore';
import { MAX_TOOL_OUTPUT, MLFLOW_TOOLS, toolNamed, type ToolStores } from '../../../../src/core/tools';
import type { TraceStore } from '../../../../src/core/traces/traceStore';
import { recordedTarget } from './recordedTarget';

const CHURN_RUNS = ['0d76f8c832724e74bbd726a3c03c1ffa', 'd809312abe474143812d2a6e88c51572'];
const ERROR_TRACE = 'tr-f73be9a00575257de08694e2c271d08a';

type Json = Record<string, unknown>;

describe('MLflow tools over the recorded 3.11.1 mlflow.db', () => {
  let stores: Stores;
  let traces: TraceStore;
  let toolStores: ToolStores;
  before(async () => {
    const target = recordedTarget();
    stores = await openStores(target);
    traces = await openTraceStore(target);
    toolStores = {
      tracking: stores.tracking,
      registry: stores.registry,
      traces: () => Promise.resolve(traces),
    };
  });
  after(() => {
    stores.dispose();
    traces.dispose();
  });

  const call = async (name: string, input: Json): Promise<string> => {
    const tool = toolNamed(name);
    assert.ok(tool, name);
    return tool.run(input, { stores: toolStores });
  };
  const json = async (name: string, input: Json): Promise<Json> =>
    JSON.parse(await call(name, input)) as Json;

  it('names every tool {verb}_{noun}, read-only ones without a change description', () => {
    for (const t of MLFLOW_TOOLS) {
      assert.match(t.name, /^(search|get|compare|list|set)_[a-z_]+$/);
      assert.equal(t.describeChange !== undefined, t.writes, t.name);
      assert.ok(t.description.length > 80, `${t.name} has a description for the model`);
    }
    assert.deepEqual(
      MLFLOW_TOOLS.filter((t) => t.writes).map((t) => t.name),
      ['set_model_alias', 'set_run_tag'],
    );
  });

  it('search_experiments filters with the MLflow grammar', async () => {
    const out = await json('search_experiments', { filter: "name LIKE '%churn%'" });
    const list = out.experiments as Json[];
    assert.deepEqual(
      list.map((e) => [e.experiment_id, e.name]),
      [['2', 'churn-prediction']],
    );
  });

  it('search_runs takes an experiment name, a metric filter and an order', async () => {
    const out = await json('search_runs', {
      experiment_names: ['churn-prediction'],
      filter: 'metrics.val_loss < 10',
      order_by: ['metrics.val_loss ASC'],
      max_results: 100,
    });
    const runs = out.runs as Json[];
    assert.ok(runs.length >= 3);
    const losses = runs.map((r) => (r.metrics as Json).val_loss as number);
    assert.deepEqual(
      losses,
      [...losses].sort((a, b) => a - b),
    );
    assert.ok(
      runs.every((r) => r.tags === undefined),
      'tags are left to get_run',
    );
  });

  it('search_runs says which experiment name is unknown', async () => {
    await assert.rejects(
      call('search_runs', { experiment_names: ['nope'] }),
      /No experiment is named "nope"/,
    );
  });

  it('get_run answers params, metrics and the git tags', async () => {
    const out = await json('get_run', { run_id: CHURN_RUNS[0] });
    assert.equal(out.run_id, CHURN_RUNS[0]);
    assert.equal(out.status, 'FINISHED');
    assert.ok('val_loss' in (out.metrics as Json));
    assert.ok(Object.keys(out.params as Json).length > 0);
    assert.equal((out.tags as Json)['mlflow.source.git.commit'], 'c20a0b43499c052c9b7d6cd69f4327e4491def65');
    assert.equal((out.tags as Json)['mlflow.source.name'], 'populate3.py');
  });

  it('compare_runs answers only the rows that differ, as a text table', async () => {
    const text = await call('compare_runs', { run_ids: CHURN_RUNS });
    const lines = text.split('\n');
    assert.match(lines[0] ?? '', /^Compared 2 runs; \d+ of \d+ rows differ\.$/);
    assert.ok(lines.some((l) => l.startsWith('metrics | val_loss | ')));
    assert.ok(!lines.some((l) => l.startsWith('attributes | Experiment ID')), 'equal rows are left out');
    assert.ok(
      lines.some((l) => / \*( |$)/.test(l)),
      'a best value is marked',
    );
  });

  it('get_metric_history summarises 60 steps with sampled points', async () => {
    const out = await json('get_metric_history', {
      run_id: CHURN_RUNS[0],
      metric_key: 'loss',
      max_points: 5,
    });
    assert.equal(out.count, 60);
    assert.equal(out.last_step, 59);
    const points = out.points as Array<[number, number]>;
    assert.equal(points.length, 5);
    assert.equal(points[0]?.[0], 0);
    assert.equal(points[4]?.[0], 59);
    assert.ok((out.min as number) <= (out.last as number));
    assert.equal(out.points_note, 'sampled 5 of 60 values');
  });

  it('list_registered_models and list_model_versions give the aliases', async () => {
    const models = (await json('list_registered_models', {})).registered_models as Json[];
    assert.deepEqual(
      models.map((m) => m.name),
      ['churn-classifier'],
    );
    assert.deepEqual(models[0]?.aliases, { champion: '1', challenger: '2' });
    const versions = (await json('list_model_versions', { name: 'churn-classifier' })).versions as Json[];
    assert.deepEqual(
      versions.map((v) => v.version),
      ['2', '1'],
    );
    assert.deepEqual(versions[1]?.aliases, ['champion']);
  });

  it('get_model_signature reads the MLmodel of an alias', async () => {
    const out = await json('get_model_signature', { model_uri: 'models:/churn-classifier@champion' });
    assert.ok((out.flavors as string[]).includes('sklearn'));
    const inputs = (out.signature as Json).inputs as Json[];
    assert.ok(Array.isArray(inputs) && inputs.length > 0, 'input columns');
  });

  it('search_traces filters ERROR traces and get_trace names the failed span', async () => {
    const out = await json('search_traces', { experiment_id: '1', filter: "trace.status = 'ERROR'" });
    assert.deepEqual(
      (out.traces as Json[]).map((t) => t.trace_id),
      [ERROR_TRACE],
    );
    const trace = await json('get_trace', { trace_id: ERROR_TRACE });
    assert.equal(trace.state, 'ERROR');
    const failed = (trace.spans as Json[]).find((s) => s.status === 'ERROR' && s.type === 'TOOL');
    assert.match(String(failed?.error), /^KeyError: /);
  });

  it('get_trace of the 211-span trace lists 60 spans and says so', async () => {
    const text = await call('get_trace', { trace_id: 'tr-c2e32c06106cfeedb6970f34b44aede0' });
    assert.ok(text.length <= MAX_TOOL_OUTPUT);
    const out = JSON.parse(text) as Json;
    assert.equal(out.span_count, 211);
    assert.equal((out.spans as Json[]).length, 60);
    assert.equal(out.spans_note, 'showing 60 of 211 spans');
  });

  it('write tools refuse on a local store, and describe the change', async () => {
    const alias = toolNamed('set_model_alias');
    const input = { name: 'churn-classifier', alias: 'champion', version: '2' };
    assert.equal(
      alias?.describeChange?.(input),
      'Set alias "champion" of registered model "churn-classifier" to version 2.',
    );
    await assert.rejects(call('set_model_alias', input), /read-only/);
    await assert.rejects(call('set_model_alias', { ...input, alias: 'latest' }), /reserved/);
    await assert.rejects(
      call('set_run_tag', { run_id: CHURN_RUNS[0], key: 'mlflow.user', value: 'x' }),
      /MLflow's own/,
    );
  });
});
