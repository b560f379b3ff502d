import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SqliteRegistryStore } from '../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import type { MlflowExtensionApi } from '../../../src/extension/api';
import type { ExplorerNode, NodeOf } from '../../../src/extension/explorer/explorerNode';
import { fullPageTokenStore } from '../../support/mlflow/fullPageTokenStore';
import { startMlflowTestServer, type MlflowTestServer } from '../../support/mlflow/mlflowTestServer';
import { clearTrackingUriSetting, connectTo, repoRoot, until } from './helpers';

const fixtures = (...p: string[]): string =>
  path.join(repoRoot().fsPath, 'test', 'fixtures', 'mlflow-2.17.2', ...p);
const experimentIds = (): Record<string, string> =>
  (
    JSON.parse(fs.readFileSync(fixtures('ids', 'sqlite-v2.17.2.json'), 'utf8')) as {
      experiments: Record<string, string>;
    }
  ).experiments;

async function runsOf(api: MlflowExtensionApi, experimentId: string): Promise<ExplorerNode[]> {
  const exp = (await api.explorer.experiments.getChildren()).find(
    (n): n is NodeOf<'experiment'> => n.kind === 'experiment' && n.experiment.experimentId === experimentId,
  );
  assert.ok(exp, `experiment ${experimentId} is listed`);
  return api.explorer.experiments.getChildren(exp);
}

const loadMore = (nodes: readonly ExplorerNode[]): NodeOf<'loadMore'> | undefined =>
  nodes.find((n): n is NodeOf<'loadMore'> => n.kind === 'loadMore');
const runCount = (nodes: readonly ExplorerNode[]): number => nodes.filter((n) => n.kind === 'run').length;

// MLflow 2.x SQL servers send a next-page token with every full page, also the last one.
describe('Load more against a server that sends a token with an exactly full last page (real extension host)', () => {
  let server: MlflowTestServer;
  let tracking: SqliteTrackingStore;

  before(async () => {
    const db = await SqliteDatabase.open(fixtures('sqlite', 'mlflow.db'));
    tracking = new SqliteTrackingStore(db);
    server = await startMlflowTestServer(fullPageTokenStore(tracking), new SqliteRegistryStore(db));
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('runs.pageSize', 10, vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('runs.pageSize', undefined, vscode.ConfigurationTarget.Workspace);
    await clearTrackingUriSetting();
    await server.close();
    tracking.dispose();
  });

  it('offers no Load more when the full page was the last: 10 runs in pages of 10', async () => {
    const api = await connectTo(server.baseUrl);
    const iris = experimentIds()['iris-classification'] ?? '';
    const first = await runsOf(api, iris);
    assert.equal(runCount(first), 10);
    // The next page is fetched ahead; once it comes back empty, the node goes.
    await until(
      'Load more to go away',
      () => (api.explorer.model.runsOf(iris).pager.hasMore ? undefined : true),
      10_000,
    );
    const settled = await runsOf(api, iris);
    assert.equal(loadMore(settled), undefined);
    assert.equal(runCount(settled), 10);
  });

  it('keeps Load more when runs follow, and loads them from the page fetched ahead: 11 runs', async () => {
    const api = await connectTo(server.baseUrl);
    const sweep = experimentIds()['hyperparam-sweep'] ?? '';
    const more = loadMore(await runsOf(api, sweep));
    assert.ok(more, 'the 11th run follows');
    await vscode.commands.executeCommand('mlflow.runs.loadMore', more);
    assert.equal(api.explorer.model.loadedRunsOf(sweep).length, 11);
    assert.equal(loadMore(await runsOf(api, sweep)), undefined, 'a short last page: no Load more');
  });
});
