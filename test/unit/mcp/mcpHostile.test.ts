import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SqliteRegistryStore } from '../../../src/core/registry/sqliteRegistryStore';
import { MAX_TOOL_OUTPUT } from '../../../src/core/tools';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { startMlflowTestServer, type MlflowTestServer } from '../../support/mlflow/mlflowTestServer';
import { FIXTURES_3 } from '../../support/mlflow/recordedExchange';
import { overlayStores } from '../../support/mlflow/writableOverlay';
import { buildMcpBundle, connectClient, resourceText, textOf } from './mcpBundle';

const MEGA = 1024 * 1024;
const HOSTILE = `<script>alert(1)</script>\u202e\u0007${'n'.repeat(MEGA)}`;
const MARKUP = '<img src=x onerror=alert(1)> [x](command:workbench.action.reloadWindow)';

/** Bounded, inert: no 1 MB run of characters, no raw bidi or bell control, markup kept as text. */
function assertInert(text: string, what: string): void {
  assert.ok(text.length <= MAX_TOOL_OUTPUT + 200, `${what}: ${String(text.length)} characters`);
  assert.ok(!text.includes('n'.repeat(1000)), `${what}: the 1 MB name is cut`);
  assert.ok(!text.includes('\u202e') && !text.includes('\u0007'), `${what}: controls are made visible`);
}

describe('MCP server over hostile data (1 MB names, markup, controls) from a REST server', function () {
  this.timeout(60_000);
  let bundle: Awaited<ReturnType<typeof buildMcpBundle>>;
  let db: SqliteDatabase;
  let server: MlflowTestServer;
  let client: Client;
  let runId: string;
  let experimentId: string;
  before(async () => {
    bundle = await buildMcpBundle();
    db = await SqliteDatabase.open(path.join(FIXTURES_3, 'sqlite', 'mlflow.db'));
    const stores = overlayStores(new SqliteTrackingStore(db), new SqliteRegistryStore(db));
    experimentId = stores.writes.createExperiment(HOSTILE);
    const run = stores.writes.createRun(experimentId, Date.now(), [{ key: MARKUP, value: HOSTILE }], HOSTILE);
    stores.writes.logParams(run.info.runId, [{ key: HOSTILE.slice(0, 250), value: HOSTILE }]);
    runId = run.info.runId;
    server = await startMlflowTestServer(stores.tracking, stores.registry, { writes: stores.writes });
    client = await connectClient(bundle.file, ['--tracking-uri', server.baseUrl]);
  });
  after(async () => {
    await client.close();
    await server.close();
    db.close();
    bundle.dispose();
  });

  it('search_experiments, search_runs and get_run answer bounded, inert JSON', async () => {
    for (const [name, args] of [
      ['search_experiments', {}],
      ['search_runs', { experiment_ids: [experimentId] }],
      ['get_run', { run_id: runId }],
    ] as const) {
      const text = textOf(await client.callTool({ name, arguments: args }));
      assertInert(text, name);
      assert.ok(text.includes('<script>alert(1)</script>'), `${name}: markup is plain text`);
      JSON.parse(text);
    }
  });

  it('the resource list and the run and experiment resources are bounded too', async () => {
    const { resources } = await client.listResources();
    const hostile = resources.find((r) => r.uri === `mlflow://experiments/${experimentId}`);
    assert.ok(hostile);
    assertInert(hostile.name, 'resource name');
    assertInert(resourceText(await client.readResource({ uri: `mlflow://runs/${runId}` })), 'run resource');
    assertInert(resourceText(await client.readResource({ uri: hostile.uri })), 'experiment resource');
  });

  it('a 1 MB argument is refused with a short message', async () => {
    const result = await client.callTool({ name: 'get_run', arguments: { run_id: HOSTILE } });
    assert.equal(result.isError, true);
    assert.ok(textOf(result).length < 300);
  });
});
