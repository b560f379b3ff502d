import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { SqliteRegistryStore } from '../../../src/core/registry/sqliteRegistryStore';
import { MAX_TOOL_OUTPUT, MLFLOW_TOOLS } from '../../../src/core/tools';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { assessmentOverlay } from '../../support/mlflow/assessmentOverlay';
import { startMlflowTestServer, type MlflowTestServer } from '../../support/mlflow/mlflowTestServer';
import { startTraceSearchServer, type TraceSearchServer } from '../../support/mlflow/traceSearchServer';
import { sqliteServerTraces } from '../../support/mlflow/traceRoutes';
import { SqliteTraceStore } from '../../../src/core/traces/sqlite/sqliteTraceStore';
import { overlayStores, type OverlaidStores } from '../../support/mlflow/writableOverlay';
import { activeApi, clearTrackingUriSetting, connectTo, repoRoot, waitForConnection } from './helpers';

type Json = Record<string, unknown>;

const fixtures = (...p: string[]): string =>
  path.join(repoRoot().fsPath, 'test', 'fixtures', 'mlflow-3.11.1', ...p);
const CHURN_RUNS = ['0d76f8c832724e74bbd726a3c03c1ffa', 'd809312abe474143812d2a6e88c51572'];
const ERROR_TRACE = 'tr-f73be9a00575257de08694e2c271d08a';

/** Invoke a tool the way a chat participant does (no chat request: no model needed). */
async function invoke(name: string, input: Json): Promise<string> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  return result.content
    .map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : ''))
    .join('');
}

const json = async (name: string, input: Json): Promise<Json> =>
  JSON.parse(await invoke(name, input)) as Json;

describe('MLflow language model tools (real extension host, vscode.lm.invokeTool)', () => {
  let server: MlflowTestServer;
  // MLflow 3's trace search is answered by a front server over the same store (test support).
  let front: TraceSearchServer;
  let db: SqliteDatabase;
  let stores: OverlaidStores;

  before(async function () {
    this.timeout(60_000);
    db = await SqliteDatabase.open(fixtures('sqlite', 'mlflow.db'));
    const tracking = new SqliteTrackingStore(db, { artifactsDestination: fixtures('sqlite', 'mlartifacts') });
    stores = overlayStores(tracking, new SqliteRegistryStore(db));
    server = await startMlflowTestServer(stores.tracking, stores.registry, {
      writes: stores.writes,
      traces: sqliteServerTraces(db, assessmentOverlay()),
    });
    front = await startTraceSearchServer(server.baseUrl, new SqliteTraceStore(db));
    await connectTo(front.baseUrl);
  });

  after(async () => {
    await clearTrackingUriSetting();
    await front.close();
    await server.close();
    db.close();
  });

  it('registers every core tool, with the package.json declaration VS Code shows', async () => {
    await activeApi();
    const ours = vscode.lm.tools.filter((t) => t.tags.includes('mlflow'));
    assert.deepEqual(ours.map((t) => t.name).sort(), MLFLOW_TOOLS.map((t) => t.name).sort());
    const search = ours.find((t) => t.name === 'search_runs');
    assert.match(search?.description ?? '', /filter grammar/);
    assert.deepEqual(search?.inputSchema, MLFLOW_TOOLS.find((t) => t.name === 'search_runs')?.inputSchema);
  });

  it('search_experiments and search_runs answer from the REST server', async function () {
    this.timeout(30_000);
    const experiments = (await json('search_experiments', { filter: "name = 'churn-prediction'" }))
      .experiments as Json[];
    assert.deepEqual(
      experiments.map((e) => e.experiment_id),
      ['2'],
    );
    const runs = (
      await json('search_runs', {
        experiment_ids: ['2'],
        filter: 'metrics.val_loss < 10',
        order_by: ['metrics.val_loss ASC'],
        max_results: 2,
      })
    ).runs as Json[];
    assert.equal(runs.length, 2);
    const [a, b] = runs.map((r) => (r.metrics as Json).val_loss as number);
    assert.ok(a !== undefined && b !== undefined && a <= b, 'ordered by val_loss');
  });

  it('get_run, compare_runs and get_metric_history', async function () {
    this.timeout(30_000);
    const run = await json('get_run', { run_id: CHURN_RUNS[0] });
    assert.equal((run.tags as Json)['mlflow.source.name'], 'populate3.py');
    const table = await invoke('compare_runs', { run_ids: CHURN_RUNS });
    assert.match(table, /^Compared 2 runs; \d+ of \d+ rows differ\./);
    assert.match(table, /\nmetrics \| val_loss \| /);
    const history = await json('get_metric_history', {
      run_id: CHURN_RUNS[0],
      metric_key: 'loss',
      max_points: 3,
    });
    assert.equal(history.count, 60);
    assert.equal((history.points as unknown[]).length, 3);
  });

  it('list_registered_models, list_model_versions and the MLflow 3 traces', async function () {
    this.timeout(30_000);
    const models = (await json('list_registered_models', {})).registered_models as Json[];
    assert.deepEqual(models[0]?.aliases, { champion: '1', challenger: '2' });
    const versions = (await json('list_model_versions', { name: 'churn-classifier' })).versions as Json[];
    assert.deepEqual(
      versions.map((v) => v.version),
      ['2', '1'],
    );
    const traces = (await json('search_traces', { experiment_id: '1', filter: "trace.status = 'ERROR'" }))
      .traces as Json[];
    assert.deepEqual(
      traces.map((t) => t.trace_id),
      [ERROR_TRACE],
    );
    const trace = await json('get_trace', { trace_id: ERROR_TRACE });
    assert.ok(
      (trace.spans as Json[]).some((s) => s.type === 'TOOL' && String(s.error).startsWith('KeyError')),
    );
  });

  it('a failure comes back as text for the model (an unknown run)', async () => {
    const text = await invoke('get_run', { run_id: 'f'.repeat(32) });
    assert.match(text, /^get_run failed: /);
  });

  it('set_model_alias asks first, naming the change, then moves the alias on the server', async function () {
    this.timeout(30_000);
    const api = await activeApi();
    const tool = api.aiTools.tools.get('set_model_alias');
    assert.ok(tool);
    const input = { name: 'churn-classifier', alias: 'champion', version: '2' };
    const prepared = tool.prepareInvocation({ input });
    assert.equal(
      prepared.confirmationMessages?.message,
      `Set alias "champion" of registered model "churn-classifier" to version 2. This changes the MLflow tracking server on ${front.baseUrl}.`,
    );
    // The confirmation itself is VS Code's dialog (outside a chat): the test invokes the approved tool.
    const done = await tool.invoke(
      { input, toolInvocationToken: undefined },
      new vscode.CancellationTokenSource().token,
    );
    assert.match((done.content[0] as vscode.LanguageModelTextPart).value, /now points at version 2/);
    const model = await stores.registry.getRegisteredModel('churn-classifier');
    assert.deepEqual(
      model.aliases.find((a) => a.alias === 'champion'),
      { alias: 'champion', version: '2' },
    );
  });

  it('offers the MCP server to VS Code through its MCP server definition API (1.101+)', async () => {
    const api = await activeApi();
    assert.deepEqual(api.aiTools.mcpProvider, { registered: true });
  });

  it('a 1 MB experiment name with markup and a bidi override comes back bounded and inert', async function () {
    this.timeout(30_000);
    const hostile = `<script>alert(1)</script>\u202e${'z'.repeat(1024 * 1024)}`;
    const id = stores.writes.createExperiment(hostile);
    const text = await invoke('search_experiments', { filter: "name LIKE '<script>%'" });
    assert.ok(text.length <= MAX_TOOL_OUTPUT, `${String(text.length)} characters`);
    assert.ok(!text.includes('z'.repeat(1000)) && !text.includes('\u202e'));
    const found = (JSON.parse(text) as { experiments: Json[] }).experiments.find(
      (e) => e.experiment_id === id,
    );
    assert.match(String(found?.name), /^<script>alert\(1\)<\/script>\u241fz+…$/);
  });

  it('read tools need no confirmation', async () => {
    const api = await activeApi();
    const prepared = api.aiTools.tools.get('search_runs')?.prepareInvocation({ input: {} });
    assert.equal(prepared?.confirmationMessages, undefined);
  });
});

describe('MLflow language model tools on a local mlflow.db (read-only)', () => {
  before(async function () {
    this.timeout(60_000);
    const uri = `sqlite:///${fixtures('sqlite', 'mlflow.db')}`;
    const api = await activeApi();
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('trackingUri', uri, vscode.ConfigurationTarget.Workspace);
    await waitForConnection(api, (s) => s.status === 'ready' && s.uri === uri, uri);
  });
  after(async () => {
    await clearTrackingUriSetting();
  });

  it('get_model_signature reads the MLmodel behind an alias', async function () {
    this.timeout(30_000);
    const out = await json('get_model_signature', { model_uri: 'models:/churn-classifier@challenger' });
    assert.ok((out.flavors as string[]).includes('sklearn'));
    assert.ok(Array.isArray((out.signature as Json).inputs));
  });

  it('the MCP launch VS Code would get starts dist/mcp.js on this connection (SDK client over stdio)', async function () {
    this.timeout(60_000);
    const api = await activeApi();
    const launch = await api.aiTools.mcpLaunch();
    assert.ok(launch);
    assert.equal(launch.args[0], path.join(repoRoot().fsPath, 'dist', 'mcp.js'));
    assert.deepEqual(launch.args.slice(1), [
      '--tracking-uri',
      `sqlite:///${fixtures('sqlite', 'mlflow.db')}`,
    ]);
    const client = new Client({ name: 'inhost', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: launch.command,
        args: [...launch.args],
        env: { PATH: process.env.PATH ?? '', ...launch.env },
        stderr: 'pipe',
      }),
    );
    try {
      const result = await client.callTool({
        name: 'search_experiments',
        arguments: { filter: "name = 'churn-prediction'" },
      });
      const text = (result.content as Array<{ type: string; text?: string }>)[0]?.text ?? '';
      assert.deepEqual(
        (JSON.parse(text) as { experiments: Json[] }).experiments.map((e) => e.experiment_id),
        ['2'],
      );
    } finally {
      await client.close();
    }
  });

  it('a write on a local store says it is read-only', async () => {
    const api = await activeApi();
    const tool = api.aiTools.tools.get('set_run_tag');
    assert.ok(tool);
    const result = await tool.invoke(
      { input: { run_id: CHURN_RUNS[0], key: 'reviewed', value: 'yes' }, toolInvocationToken: undefined },
      new vscode.CancellationTokenSource().token,
    );
    assert.match((result.content[0] as vscode.LanguageModelTextPart).value, /read-only/);
  });
});
