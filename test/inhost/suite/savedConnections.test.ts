import * as assert from 'node:assert/strict';
import type * as DnsModule from 'node:dns';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Diagnosis } from '../../../src/core/connection/diagnoseConnection';
import { SqliteRegistryStore } from '../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import type { MlflowExtensionApi } from '../../../src/extension/api';
import { COMMANDS } from '../../../src/extension/shared/commandIds/commandIds';
import type { ExplorerNode } from '../../../src/extension/explorer/explorerNode';
import { startMlflowTestServer, type MlflowTestServer } from '../../support/mlflow/mlflowTestServer';
import { makeTestCertificates } from '../../support/tls/testCertificates';
import { activeApi, clearTrackingUriSetting, repoRoot, waitForConnection, workspaceRoot } from './helpers';

const TOKEN = 'dapi-test-token';
const fixtures = (...p: string[]): string =>
  path.join(repoRoot().fsPath, 'test', 'fixtures', 'mlflow-2.17.2', ...p);

/** What the Experiments view shows at its root: experiment names, or the text of a message node. */
async function rootLabels(api: MlflowExtensionApi): Promise<string[]> {
  const nodes: ExplorerNode[] = await api.explorer.experiments.getChildren(undefined);
  return nodes.map((n) =>
    n.kind === 'experiment' ? n.experiment.name : n.kind === 'message' ? `message: ${n.text}` : n.kind,
  );
}

/** Reload the views and wait until the root shows what `ok` accepts (loads are asynchronous after a reset). */
async function waitForRoot(
  api: MlflowExtensionApi,
  ok: (labels: string[]) => boolean,
  what: string,
): Promise<string[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const labels = await rootLabels(api);
    if (ok(labels)) {
      return labels;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}; the view shows ${labels.join(', ')}`);
    }
    await vscode.commands.executeCommand('mlflow.experiments.refresh');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const listsIris = (labels: string[]): boolean => labels.includes('iris-classification');
const asks401 = (labels: string[]): boolean =>
  labels.join() === 'message: The server asks for credentials (401)';

describe('connections: credentials, saved connections, test, .env, Databricks, Azure ML (real extension host)', () => {
  let open: MlflowTestServer;
  let guarded: MlflowTestServer;
  let tmp: string;
  let startGuarded: (options: Parameters<typeof startMlflowTestServer>[2]) => Promise<MlflowTestServer>;
  const disposers: Array<() => void> = [];

  before(async function () {
    this.timeout(60_000);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-connections-'));
    const start = async (options: Parameters<typeof startMlflowTestServer>[2]): Promise<MlflowTestServer> => {
      const db = await SqliteDatabase.open(fixtures('sqlite', 'mlflow.db'));
      const tracking = new SqliteTrackingStore(db, {
        artifactsDestination: fixtures('sqlite', 'mlartifacts'),
      });
      disposers.push(() => {
        tracking.dispose();
      });
      return startMlflowTestServer(tracking, new SqliteRegistryStore(db), options);
    };
    startGuarded = start;
    open = await start({});
    guarded = await start({ pathPrefix: '/workspaces/ml/mlflow', bearerToken: TOKEN });
  });

  after(async () => {
    delete process.env.DATABRICKS_CONFIG_FILE;
    for (const name of ['Open', 'Guarded', 'Renamed']) {
      await vscode.commands.executeCommand(COMMANDS.removeConnection, name);
    }
    await clearTrackingUriSetting();
    await Promise.all([open.close(), guarded.close()]);
    disposers.forEach((d) => {
      d();
    });
    fs.rmSync(tmp, { recursive: true, force: true });
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('answers a 401 with a Sign In node; the token goes to secret storage, never to settings, and the views reload', async () => {
    const api = await activeApi();
    assert.equal(
      await vscode.commands.executeCommand<boolean>(COMMANDS.connectServer, guarded.baseUrl, {
        name: 'Guarded',
      }),
      true,
    );
    await waitForConnection(
      api,
      (s) => s.status === 'ready' && s.uri === guarded.baseUrl,
      'the guarded server',
    );
    await waitForRoot(api, asks401, 'the 401 node');
    const node = (await api.explorer.experiments.getChildren(undefined))[0];
    assert.ok(node?.kind === 'message' && node.signIn === true);
    const item = api.explorer.experiments.getTreeItem(node);
    assert.equal(item.command?.command, COMMANDS.signIn);

    assert.equal(await vscode.commands.executeCommand<boolean>(COMMANDS.signIn, { token: TOKEN }), true);
    await waitForRoot(api, listsIris, 'experiments after signing in');
    const settings = fs.readFileSync(
      vscode.Uri.joinPath(workspaceRoot(), '.vscode', 'settings.json').fsPath,
      'utf8',
    );
    assert.ok(settings.includes(guarded.baseUrl) && !settings.includes(TOKEN), settings);

    assert.equal(await vscode.commands.executeCommand<boolean>(COMMANDS.signOut), true);
    await waitForRoot(api, asks401, 'the 401 node after forgetting the token');
    // Credentials given when connecting work at once.
    assert.equal(
      await vscode.commands.executeCommand<boolean>(COMMANDS.connectServer, guarded.baseUrl, {
        credentials: { token: TOKEN },
      }),
      true,
    );
    await waitForRoot(api, listsIris, 'experiments with the token given when connecting');
  });

  it('keeps named connections, switches between them (every view follows), renames and removes them', async () => {
    const api = await activeApi();
    assert.equal(
      await vscode.commands.executeCommand<boolean>(COMMANDS.connectServer, open.baseUrl, { name: 'Open' }),
      true,
    );
    await waitForConnection(api, (s) => s.status === 'ready' && s.uri === open.baseUrl, 'the open server');
    await waitForRoot(api, listsIris, 'the open server’s experiments');

    assert.equal(await vscode.commands.executeCommand<boolean>(COMMANDS.switchConnection, 'Guarded'), true);
    const state = await waitForConnection(
      api,
      (s) => s.status === 'ready' && s.uri === guarded.baseUrl,
      'the guarded server',
    );
    assert.equal(state.status === 'ready' && state.source, 'setting');
    await waitForRoot(api, listsIris, 'the guarded server’s experiments, with its stored token');
    const models = await api.explorer.models.getChildren(undefined);
    assert.ok(
      models.some((m) => m.kind === 'registeredModel'),
      'the Models view follows the switch',
    );

    assert.equal(
      await vscode.commands.executeCommand<boolean>(COMMANDS.renameConnection, 'Open', 'Renamed'),
      true,
    );
    assert.equal(
      await vscode.commands.executeCommand<boolean>(COMMANDS.renameConnection, 'Renamed', 'guarded'),
      false,
    );
    assert.equal(await vscode.commands.executeCommand<boolean>(COMMANDS.switchConnection, 'Renamed'), true);
    await waitForConnection(
      api,
      (s) => s.status === 'ready' && s.uri === open.baseUrl,
      'the renamed connection',
    );

    // Removing the active connection clears the setting: the resolution order applies again.
    assert.equal(await vscode.commands.executeCommand<boolean>(COMMANDS.removeConnection, 'Renamed'), true);
    await waitForConnection(
      api,
      (s) => s.status === 'ready' && s.source === 'workspace',
      'the workspace store',
    );
    assert.equal(await vscode.commands.executeCommand<boolean>(COMMANDS.switchConnection, 'Renamed'), false);
  });

  it('switching twice in quick succession ends on the second connection without going back to the first', async () => {
    const api = await activeApi();
    assert.equal(
      await vscode.commands.executeCommand<boolean>(COMMANDS.connectServer, open.baseUrl, { name: 'Open' }),
      true,
    );
    // From a third connection (the workspace's store), so that the second switch is told apart.
    await clearTrackingUriSetting();
    await waitForConnection(
      api,
      (s) => s.status === 'ready' && s.source === 'workspace',
      'the workspace store',
    );
    // Every connection the extension went through, from the first switch until both writes ended.
    const seen: string[] = [];
    const note = (): void => {
      const s = api.connection();
      const uri = s.status === 'none' ? 'none' : s.uri;
      if (seen[seen.length - 1] !== uri) {
        seen.push(uri);
      }
    };
    note();
    const watch = setInterval(note, 1);
    try {
      const first = vscode.commands.executeCommand<boolean>(COMMANDS.switchConnection, 'Guarded');
      const second = vscode.commands.executeCommand<boolean>(COMMANDS.switchConnection, 'Open');
      assert.deepEqual(await Promise.all([first, second]), [true, true]);
      // The settings change events of both writes come back after them.
      await new Promise((r) => setTimeout(r, 500));
      note();
    } finally {
      clearInterval(watch);
    }
    // The first write ending (before the second) once put its server back until the second ended:
    // a picker opened then checked the wrong connection (seen in the UI tier).
    const trail = seen.join(' → ');
    assert.ok(seen.includes(open.baseUrl), trail);
    assert.deepEqual(seen.slice(seen.indexOf(open.baseUrl)), [open.baseUrl], `went back: ${trail}`);
    const state = api.connection();
    assert.equal(state.status === 'ready' && state.source, 'setting');
  });

  it('Test Connection says what is wrong: fine, unauthenticated, unreachable', async () => {
    const dead = http.createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((r) =>
      dead.close(() => {
        r();
      }),
    );

    const fine = await vscode.commands.executeCommand<Diagnosis>(COMMANDS.testConnection, open.baseUrl);
    assert.notEqual(fine.severity, 'error', fine.summary);
    const wrongPrefix = await vscode.commands.executeCommand<Diagnosis>(
      COMMANDS.testConnection,
      `${open.baseUrl}/nothing-here`,
    );
    assert.equal(wrongPrefix.problem, 'not-mlflow', wrongPrefix.summary);
    const unreachable = await vscode.commands.executeCommand<Diagnosis>(
      COMMANDS.testConnection,
      `http://127.0.0.1:${port}`,
    );
    assert.equal(unreachable.problem, 'unreachable');
    assert.match(unreachable.summary, /refused/);
    // The stored token of "Guarded" is used, so the saved connection tests fine by name.
    const byName = await vscode.commands.executeCommand<Diagnosis>(COMMANDS.testConnection, 'Guarded');
    assert.notEqual(byName.severity, 'error', byName.summary);
    await vscode.commands.executeCommand(COMMANDS.switchConnection, 'Guarded');
    await waitForConnection(
      await activeApi(),
      (s) => s.status === 'ready' && s.uri === guarded.baseUrl,
      'the guarded server',
    );
    assert.equal(await vscode.commands.executeCommand<boolean>(COMMANDS.signOut), true);
    const refused = await vscode.commands.executeCommand<Diagnosis>(COMMANDS.testConnection);
    assert.equal(refused.problem, 'unauthenticated', refused.summary);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('takes MLFLOW_TRACKING_URI from the workspace .env, after the setting, and follows the file', async () => {
    const api = await activeApi();
    await clearTrackingUriSetting();
    await waitForConnection(
      api,
      (s) => s.status === 'ready' && s.source === 'workspace',
      'the workspace store',
    );
    const file = vscode.Uri.joinPath(workspaceRoot(), '.env');
    await vscode.workspace.fs.writeFile(
      file,
      new TextEncoder().encode(
        `# local settings\nexport MLFLOW_TRACKING_URI="${open.baseUrl}" # the team server\n`,
      ),
    );
    try {
      const state = await waitForConnection(
        api,
        (s) => s.status === 'ready' && s.source === 'dotenv',
        'the .env connection',
        30_000,
      );
      assert.equal(state.status === 'ready' && state.uri, open.baseUrl);
      await waitForRoot(api, listsIris, 'experiments from the .env server');
    } finally {
      await vscode.workspace.fs.delete(file);
    }
    await waitForConnection(
      api,
      (s) => s.status === 'ready' && s.source === 'workspace',
      'the workspace store once .env is gone',
      30_000,
    );
  });

  it('opens databricks:// profiles from DATABRICKS_CONFIG_FILE with their token, and asks for one when a profile has none', async () => {
    const api = await activeApi();
    const cfg = path.join(tmp, 'databrickscfg');
    fs.writeFileSync(
      cfg,
      `[DEFAULT]\nhost = ${guarded.baseUrl}\ntoken = ${TOKEN}\n\n[oauth]\nhost = ${guarded.baseUrl}\nauth_type = databricks-cli\n`,
    );
    process.env.DATABRICKS_CONFIG_FILE = cfg;
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('trackingUri', 'databricks', vscode.ConfigurationTarget.Workspace);
    await waitForConnection(
      api,
      (s) => s.status === 'ready' && s.target.kind === 'databricks',
      'the Databricks connection',
    );
    await waitForRoot(api, listsIris, 'experiments through the DEFAULT profile');

    await vscode.workspace
      .getConfiguration('mlflow')
      .update('trackingUri', 'databricks://oauth', vscode.ConfigurationTarget.Workspace);
    await waitForConnection(
      api,
      (s) => s.status === 'ready' && s.uri === 'databricks://oauth',
      'the oauth profile',
    );
    await waitForRoot(api, asks401, 'a 401 for a profile without a token');
    assert.equal(await vscode.commands.executeCommand<boolean>(COMMANDS.signIn, { token: TOKEN }), true);
    await waitForRoot(api, listsIris, 'experiments with the token typed for the profile');
    await vscode.commands.executeCommand(COMMANDS.signOut);
    delete process.env.DATABRICKS_CONFIG_FILE;
    await clearTrackingUriSetting();
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('reaches an Azure ML workspace (https below its long path) with a pasted token when VS Code has no Microsoft session', async function () {
    this.timeout(90_000);
    const api = await activeApi();
    // Azure ML URIs are accepted only on Azure ML's host names: this one resolves to the
    // loopback test server through a lookup patched in this process (tests reach nothing else).
    const azureHost = 'eastus.api.azureml.ms';
    const certs = makeTestCertificates([azureHost]);
    const caFile = path.join(tmp, 'ca.pem');
    fs.writeFileSync(caFile, certs.caCert);
    const workspacePath =
      '/mlflow/v1.0/subscriptions/0000/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws-test';
    // the module object itself (an ES namespace import would be a copy): net.connect reads it
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const dns = require('node:dns') as typeof DnsModule;
    const realLookup = dns.lookup;
    const loopbackLookup = (host: string, ...rest: unknown[]): void => {
      const callback = rest[rest.length - 1] as (...a: unknown[]) => void;
      const options = rest.length > 1 ? rest[0] : {};
      if (host !== azureHost) {
        (realLookup as (...a: unknown[]) => void)(host, options, callback);
      } else if (
        typeof options === 'object' &&
        options !== null &&
        (options as { all?: boolean }).all === true
      ) {
        callback(null, [{ address: '127.0.0.1', family: 4 }]);
      } else {
        callback(null, '127.0.0.1', 4);
      }
    };
    (dns as { lookup: unknown }).lookup = loopbackLookup;
    const azure = await startGuarded({
      pathPrefix: workspacePath,
      bearerToken: 'aad-token',
      tls: { cert: certs.leafCert, key: certs.leafKey },
    });
    // The test CA is trusted the way MLflow's own client is told to trust one.
    process.env.MLFLOW_TRACKING_SERVER_CERT_PATH = caFile;
    try {
      const uri = `azureml://${azureHost}:${new URL(azure.baseUrl).port}${workspacePath}`;
      assert.equal(
        await vscode.commands.executeCommand<boolean>(COMMANDS.connectServer, uri, { name: 'Azure' }),
        true,
      );
      const state = await waitForConnection(
        api,
        (s) => s.status === 'ready' && s.target.kind === 'azureml',
        'the Azure ML connection',
      );
      assert.ok(
        state.status === 'ready' &&
          state.target.kind === 'azureml' &&
          state.target.baseUrl === uri.replace('azureml://', 'https://'),
      );
      await waitForRoot(api, asks401, 'a 401 without a token');
      assert.equal(
        await vscode.commands.executeCommand<boolean>(COMMANDS.signIn, { token: 'aad-token' }),
        true,
      );
      await waitForRoot(api, listsIris, 'experiments with the pasted token');
      assert.equal(await vscode.commands.executeCommand<boolean>(COMMANDS.signOut), true);
    } finally {
      (dns as { lookup: unknown }).lookup = realLookup;
      delete process.env.MLFLOW_TRACKING_SERVER_CERT_PATH;
      await vscode.commands.executeCommand(COMMANDS.removeConnection, 'Azure');
      await clearTrackingUriSetting();
      await azure.close();
      await vscode.commands.executeCommand('notifications.clearAll');
    }
  });
});
