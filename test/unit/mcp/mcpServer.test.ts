import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SqliteRegistryStore } from '../../../src/core/registry/sqliteRegistryStore';
import { MLFLOW_TOOLS } from '../../../src/core/tools';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { startMlflowTestServer, type MlflowTestServer } from '../../support/mlflow/mlflowTestServer';
import { FIXTURES_3 } from '../../support/mlflow/recordedExchange';
import { overlayStores, type OverlaidStores } from '../../support/mlflow/writableOverlay';
import { buildMcpBundle, connectClient, resourceText, serverEnv, textOf } from './mcpBundle';

type Json = Record<string, unknown>;

const DB = path.join(FIXTURES_3, 'sqlite', 'mlflow.db');
const CHURN_RUN = '0d76f8c832724e74bbd726a3c03c1ffa';
const ERROR_TRACE = 'tr-f73be9a00575257de08694e2c271d08a';
const READ_TOOLS = MLFLOW_TOOLS.filter((t) => !t.writes).map((t) => t.name);

const call = async (client: Client, name: string, args: Json): Promise<string> =>
  textOf(await client.callTool({ name, arguments: args }));

describe('MCP server (dist/mcp.js over stdio, driven by the SDK client)', function () {
  this.timeout(60_000);
  let bundle: Awaited<ReturnType<typeof buildMcpBundle>>;
  before(async () => {
    bundle = await buildMcpBundle();
  });
  after(() => {
    bundle.dispose();
  });

  describe('over the recorded 3.11.1 mlflow.db', () => {
    let client: Client;
    before(async () => {
      client = await connectClient(bundle.file, ['--tracking-uri', `sqlite:///${DB}`]);
    });
    after(async () => {
      await client.close();
    });

    it('says who it is and lists the read-only tools (writes need --allow-writes)', async () => {
      assert.equal(client.getServerVersion()?.name, 'mlflow');
      const { tools } = await client.listTools();
      assert.deepEqual(
        tools.map((t) => t.name),
        READ_TOOLS,
      );
      const search = tools.find((t) => t.name === 'search_runs');
      assert.ok(search);
      assert.equal(search.annotations?.readOnlyHint, true);
      assert.deepEqual(
        search.inputSchema.properties,
        MLFLOW_TOOLS.find((t) => t.name === 'search_runs')?.inputSchema.properties,
      );
    });

    it('search_runs and get_metric_history answer from the database', async () => {
      const runs = JSON.parse(
        await call(client, 'search_runs', {
          experiment_names: ['churn-prediction'],
          filter: "params.C = '0.1'",
        }),
      ) as { runs: Json[] };
      assert.deepEqual(
        runs.runs.map((r) => r.run_id),
        [CHURN_RUN],
      );
      const history = JSON.parse(
        await call(client, 'get_metric_history', { run_id: CHURN_RUN, metric_key: 'val_loss' }),
      ) as Json;
      assert.equal(history.count, 60);
    });

    it('get_trace summarises the ERROR trace', async () => {
      const trace = JSON.parse(await call(client, 'get_trace', { trace_id: ERROR_TRACE })) as Json;
      assert.equal(trace.state, 'ERROR');
      assert.ok((trace.error_spans as number) >= 1);
    });

    it('a bad call is an isError result with a bounded message', async () => {
      const result = await client.callTool({
        name: 'search_runs',
        arguments: { experiment_ids: ['2'], filter: 'metrics.x <<< 1' },
      });
      assert.equal(result.isError, true);
      assert.match(textOf(result), /^search_runs failed: /);
      const write = await client.callTool({
        name: 'set_model_alias',
        arguments: { name: 'a', alias: 'b', version: '1' },
      });
      assert.equal(write.isError, true);
      assert.match(textOf(write), /--allow-writes/);
    });

    it('lists experiments as mlflow:// resources and reads a run and an experiment', async () => {
      const { resources } = await client.listResources();
      assert.ok(resources.some((r) => r.uri === 'mlflow://experiments/2' && r.name === 'churn-prediction'));
      const { resourceTemplates } = await client.listResourceTemplates();
      assert.deepEqual(resourceTemplates.map((t) => t.uriTemplate).sort(), [
        'mlflow://experiments/{experiment_id}',
        'mlflow://runs/{run_id}',
      ]);
      const run = await client.readResource({ uri: `mlflow://runs/${CHURN_RUN}` });
      const runJson = JSON.parse(resourceText(run)) as Json;
      assert.equal((runJson.tags as Json)['mlflow.runName'], 'logreg-C0.1');
      const experiment = await client.readResource({ uri: 'mlflow://experiments/2' });
      const expJson = JSON.parse(resourceText(experiment)) as Json;
      assert.equal(expJson.name, 'churn-prediction');
      assert.ok((expJson.newest_runs as Json[]).length > 0);
    });
  });

  describe('against the REST test server (token from the environment)', () => {
    let db: SqliteDatabase;
    let stores: OverlaidStores;
    let server: MlflowTestServer;
    let client: Client;
    before(async () => {
      db = await SqliteDatabase.open(DB);
      stores = overlayStores(new SqliteTrackingStore(db), new SqliteRegistryStore(db));
      server = await startMlflowTestServer(stores.tracking, stores.registry, {
        writes: stores.writes,
        bearerToken: 'tok-mcp',
      });
      client = await connectClient(
        bundle.file,
        ['--tracking-uri', server.baseUrl, '--allow-writes'],
        serverEnv({ MLFLOW_TRACKING_TOKEN: 'tok-mcp' }),
      );
    });
    after(async () => {
      await client.close();
      await server.close();
      db.close();
    });

    it('reads runs and the registry with the token the environment gave', async () => {
      const run = JSON.parse(await call(client, 'get_run', { run_id: CHURN_RUN })) as Json;
      assert.equal(run.run_name, 'logreg-C0.1');
      const models = JSON.parse(await call(client, 'list_registered_models', {})) as {
        registered_models: Json[];
      };
      assert.deepEqual(models.registered_models[0]?.aliases, { champion: '1', challenger: '2' });
    });

    it('with --allow-writes offers and runs set_run_tag', async () => {
      const { tools } = await client.listTools();
      assert.equal(tools.find((t) => t.name === 'set_run_tag')?.annotations?.destructiveHint, true);
      const text = await call(client, 'set_run_tag', { run_id: CHURN_RUN, key: 'reviewed', value: 'yes' });
      assert.match(text, /^Tag "reviewed" set on run /);
      const after = await stores.tracking.getRun(CHURN_RUN);
      assert.equal(after.data.tags.find((t) => t.key === 'reviewed')?.value, 'yes');
    });
  });

  it('refuses credentials on the command line', () => {
    const out = spawnSync(
      process.execPath,
      [bundle.file, '--tracking-uri', 'https://alice:secret@mlflow.example'],
      {
        env: serverEnv(),
        encoding: 'utf8',
      },
    );
    assert.equal(out.status, 2);
    assert.match(out.stderr, /carries credentials; put them in MLFLOW_TRACKING_USERNAME/);
    assert.ok(!out.stderr.includes('secret'), 'the password is not repeated');
  });
});
