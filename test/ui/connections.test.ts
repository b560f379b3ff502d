import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { SqliteRegistryStore } from '../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../src/core/tracking/sqlite/sqliteTrackingStore';
import { startMlflowTestServer, type MlflowTestServer } from '../support/mlflow/mlflowTestServer';
import { FIXTURES } from '../support/mlflow/recordedExchange';
import { openWorkbench, type Workbench } from './workbench';

const TOKEN = 'dapi-ui-token';

describe('Connections in the workbench: sign in, saved connections, Test Connection (Chromium + code-server + MLflow REST test double)', () => {
  let wb: Workbench;
  let open: MlflowTestServer;
  let guarded: MlflowTestServer;
  let tracking: SqliteTrackingStore;

  before(async () => {
    const db = await SqliteDatabase.open(path.join(FIXTURES, 'sqlite', 'mlflow.db'));
    tracking = new SqliteTrackingStore(db, {
      artifactsDestination: path.join(FIXTURES, 'sqlite', 'mlartifacts'),
    });
    const registry = new SqliteRegistryStore(db);
    // The recorded store is 2.17.2's: both servers answer as a 2.17.2 server does (no logged models).
    open = await startMlflowTestServer(tracking, registry, { loggedModels: false });
    guarded = await startMlflowTestServer(tracking, registry, {
      pathPrefix: '/team/mlflow',
      bearerToken: TOKEN,
      loggedModels: false,
    });
    wb = await openWorkbench();
  });

  after(async () => {
    await wb.close();
    await Promise.all([open.close(), guarded.close()]);
    tracking.dispose();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await wb.shot(`zz-failed-connections-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`);
    }
  });

  const sidebar = (): ReturnType<Workbench['page']['locator']> => wb.page.locator('.part.sidebar');
  const row = (text: string | RegExp): ReturnType<Workbench['page']['locator']> =>
    sidebar().locator('.monaco-list-row', { hasText: text }).first();
  const quickInput = (): ReturnType<Workbench['page']['locator']> =>
    wb.page.locator('.quick-input-widget input.input');
  const quickRow = (text: string | RegExp): ReturnType<Workbench['page']['locator']> =>
    wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: text }).first();

  it('asks for credentials when the server answers 401, and lists its experiments with the token', async () => {
    await wb.statusItem('MLflow: not connected').waitFor({ timeout: 60_000 });
    await wb.page.locator('.part.activitybar a.action-label[aria-label^="MLflow"]').click();
    const welcome = sidebar().locator('.welcome-view-content', {
      hasText: 'No MLflow tracking server is configured.',
    });
    await welcome.locator('.monaco-button', { hasText: 'Connect to Tracking Server' }).click();
    await quickInput().waitFor({ timeout: 10_000 });
    await quickInput().fill(guarded.baseUrl);
    await wb.page.keyboard.press('Enter');
    await quickRow('Token').waitFor({ timeout: 20_000 });
    assert.equal(await quickRow('Username and Password').count(), 1);
    await wb.shot('20-connections-credentials');
    await quickRow('Token').click();
    await wb.page.locator('.quick-input-widget input[type="password"]').waitFor({ timeout: 10_000 });
    await quickInput().fill(TOKEN);
    await wb.page.keyboard.press('Enter');
    await row('iris-classification').waitFor({ timeout: 30_000 });
    await wb.statusItem(/MLflow: 127\.0\.0\.1:\d+\/team\/mlflow/).waitFor({ timeout: 10_000 });
  });

  it('switches between saved connections from the status bar, the active one checked', async () => {
    await wb.runCommand('MLflow: Connect to Tracking Server…');
    await quickInput().waitFor({ timeout: 10_000 });
    await quickInput().fill(open.baseUrl);
    await wb.page.keyboard.press('Enter');
    const openLabel = new URL(open.baseUrl).host;
    await wb.statusItem(`MLflow: ${openLabel}`).waitFor({ timeout: 20_000 });
    await row('iris-classification').waitFor({ timeout: 30_000 });

    await wb.statusItem(`MLflow: ${openLabel}`).click();
    const guardedName = `${new URL(guarded.baseUrl).host}/team/mlflow`;
    await quickRow(guardedName).waitFor({ timeout: 10_000 });
    // The open server's row, never the guarded one whose address may begin the same: after the
    // open server's address its row goes on with the description's "http://", not a digit or a path.
    const openRow = wb.page.locator('.quick-input-widget .monaco-list-row', {
      hasText: new RegExp(`${openLabel.replace(/\./g, '\\.')}(?![\\d/])`),
    });
    await openRow.locator('.codicon-check').waitFor({ timeout: 10_000 });
    assert.equal(await openRow.count(), 1, 'one row for the open server');
    assert.equal(
      await quickRow(guardedName).locator('.codicon-check').count(),
      0,
      'only the active connection is checked',
    );
    await wb.shot('21-connections-picker');
    await quickRow(guardedName).click();
    await wb.statusItem(`MLflow: ${guardedName}`).waitFor({ timeout: 20_000 });
    // The token stored for that server is used again: experiments, not a 401.
    await row('iris-classification').waitFor({ timeout: 30_000 });
  });

  it('Test Connection says the server works but is older than MLflow 3.0', async () => {
    await wb.runCommand('MLflow: Test Connection');
    const toast = wb.page.locator('.notification-toast', { hasText: 'older than MLflow 3.0' });
    await toast.waitFor({ timeout: 30_000 });
    await wb.shot('22-test-connection');
  });
});
