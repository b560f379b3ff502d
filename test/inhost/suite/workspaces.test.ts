import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SqliteRegistryStore } from '../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { EXPLORER_COMMANDS } from '../../../src/extension/shared/commandIds/explorerCommandIds';
import { COMMANDS } from '../../../src/extension/shared/commandIds/commandIds';
import type { MlflowExtensionApi } from '../../../src/extension/api';
import * as vscode from 'vscode';
import { startMlflowTestServer, type MlflowTestServer } from '../../support/mlflow/mlflowTestServer';
import { openWorkspaceStores } from '../../support/mlflow/workspaceStores';
import { closeEditorsAndDisconnect, connectTo, repoRoot } from './helpers';

const fixtures3 = (...p: string[]): string =>
  path.join(repoRoot().fsPath, 'test', 'fixtures', 'mlflow-3.11.1', ...p);

/** The experiment names the Experiments view lists right now (message rows left out). */
async function listedExperiments(api: MlflowExtensionApi): Promise<string[]> {
  const nodes = await api.explorer.experiments.getChildren();
  return nodes.flatMap((n) => (n.kind === 'experiment' ? [n.experiment.name] : []));
}

/** Wait until the Experiments view lists exactly `names` (a switch reloads it asynchronously). */
async function waitForExperiments(api: MlflowExtensionApi, names: readonly string[]): Promise<void> {
  const deadline = Date.now() + 20_000;
  let last: string[] = [];
  while (Date.now() < deadline) {
    last = await listedExperiments(api);
    if (JSON.stringify(last) === JSON.stringify(names)) {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`the Experiments view lists ${last.join(', ')}, not ${names.join(', ')}`);
}

/** What a new integrated terminal (a real pty) has in MLFLOW_WORKSPACE, or 'unset'. */
async function workspaceSeenByNewTerminal(): Promise<string> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-ws-term-')), 'ws.txt');
  const terminal = vscode.window.createTerminal({ name: 'mlflow-ws-probe', shellPath: '/bin/sh' });
  try {
    terminal.sendText(`printf '%s' "\${MLFLOW_WORKSPACE-unset}" > '${out}.tmp' && mv '${out}.tmp' '${out}'`);
    const deadline = Date.now() + 20_000;
    while (!fs.existsSync(out)) {
      if (Date.now() > deadline) {
        throw new Error('the terminal never wrote its environment');
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return fs.readFileSync(out, 'utf8');
  } finally {
    terminal.dispose();
  }
}

/** The environment reaches new terminals after the stores reopen: probe until it says `want`. */
async function waitForTerminalWorkspace(want: string): Promise<void> {
  let seen = '';
  for (let i = 0; i < 10; i++) {
    seen = await workspaceSeenByNewTerminal();
    if (seen === want) {
      return;
    }
  }
  assert.fail(`new terminals get MLFLOW_WORKSPACE=${seen}, not ${want}`);
}

/**
 * MLflow 3.10+ workspaces against the REST test double serving the recorded --enable-workspaces
 * store (default: shared-sandbox + Default; team-a: team-a-agent; team-b: team-b-churn), and the
 * same address restarted without workspaces, which answers 500 to the header.
 */
describe('MLflow workspaces (real extension host, REST test double over the recorded 3.11.1 store)', () => {
  let stores: Awaited<ReturnType<typeof openWorkspaceStores>>;
  let server: MlflowTestServer;
  let plainDb: SqliteDatabase | undefined;
  let port: number;

  before(async function () {
    this.timeout(60_000);
    stores = await openWorkspaceStores(fixtures3('sqlite-workspaces', 'mlflow.db'));
    const fallback = stores.workspaces[0]!;
    server = await startMlflowTestServer(fallback.tracking, fallback.registry, {
      workspaces: stores.workspaces,
    });
    port = Number(new URL(server.baseUrl).port);
  });

  after(async () => {
    await closeEditorsAndDisconnect();
    await server.close();
    stores.close();
    plainDb?.close();
  });

  it('lists the default workspace until one is chosen, without the header', async function () {
    this.timeout(30_000);
    const api = await connectTo(server.baseUrl);
    await waitForExperiments(api, ['shared-sandbox', 'Default']);
    assert.deepEqual(
      server.received.filter((r) => r.workspace !== undefined),
      [],
      'no workspace chosen: no header',
    );
    assert.equal((await api.childEnvironment()).credentialEnv.MLFLOW_WORKSPACE, undefined);
  });

  it('Switch Workspace → the Experiments view lists that workspace, every request scoped', async function () {
    this.timeout(30_000);
    const api = await connectTo(server.baseUrl);
    server.received.length = 0;
    assert.equal(await vscode.commands.executeCommand(COMMANDS.switchWorkspace, 'team-a'), 'team-a');
    await waitForExperiments(api, ['team-a-agent']);
    // A child `mlflow` (serve, predict, mlflow run) resolves models:/ and runs:/ in the same workspace.
    assert.equal((await api.childEnvironment()).credentialEnv.MLFLOW_WORKSPACE, 'team-a');
    // ...and so does `python train.py` in a new integrated terminal.
    await waitForTerminalWorkspace('team-a');
    const browsed = server.received.filter((r) => r.path.startsWith('/api/2.0/'));
    assert.ok(browsed.length > 0, 'the view reloaded from the server');
    for (const r of browsed) {
      assert.equal(r.workspace, 'team-a', `${r.method} ${r.path}`);
    }
    assert.ok(
      server.received.some((r) => r.path === '/api/3.0/mlflow/server-info'),
      'server-info was asked before the header was sent',
    );

    assert.equal(await vscode.commands.executeCommand(COMMANDS.switchWorkspace, 'team-b'), 'team-b');
    await waitForExperiments(api, ['team-b-churn']);
    // A name the server does not list is refused (reported, not thrown): the choice stays.
    assert.equal(await vscode.commands.executeCommand(COMMANDS.switchWorkspace, 'no-such-team'), undefined);
    await waitForExperiments(api, ['team-b-churn']);
  });

  it('the same address restarted without workspaces never gets the header, though a choice is saved', async function () {
    this.timeout(60_000);
    const api = await connectTo(server.baseUrl);
    assert.equal(await vscode.commands.executeCommand(COMMANDS.switchWorkspace, 'team-a'), 'team-a');
    await waitForExperiments(api, ['team-a-agent']);
    await server.close();
    plainDb = await SqliteDatabase.open(fixtures3('sqlite', 'mlflow.db'));
    server = await startMlflowTestServer(new SqliteTrackingStore(plainDb), new SqliteRegistryStore(plainDb), {
      port,
    });
    await vscode.commands.executeCommand(EXPLORER_COMMANDS.refreshExperiments);
    await waitForExperiments(api, ['empty-genai-app', 'churn-prediction', 'support-agent', 'Default']);
    assert.deepEqual(
      server.received.filter((r) => r.workspace !== undefined),
      [],
      'a server without workspaces answers 500 to the header: it must never be sent',
    );
    assert.equal((await api.childEnvironment()).credentialEnv.MLFLOW_WORKSPACE, undefined);
    // Asking for its workspaces says there are none and forgets the stale choice.
    assert.equal(await vscode.commands.executeCommand(COMMANDS.switchWorkspace), undefined);
    assert.deepEqual(
      server.received.filter((r) => r.workspace !== undefined),
      [],
    );
  });

  it('a local mlflow.db of such a server switches workspace too (read-only, no server involved)', async function () {
    this.timeout(30_000);
    const uri = `sqlite:///${fixtures3('sqlite-workspaces', 'mlflow.db')}`;
    const api = await connectTo(uri);
    await waitForExperiments(api, ['shared-sandbox', 'Default']);
    assert.equal(await vscode.commands.executeCommand(COMMANDS.switchWorkspace, 'team-b'), 'team-b');
    await waitForExperiments(api, ['team-b-churn']);
    assert.equal((await api.childEnvironment()).credentialEnv.MLFLOW_WORKSPACE, undefined);
    // A local store is read directly: nothing for a terminal's client to send.
    await waitForTerminalWorkspace('unset');
  });
});
