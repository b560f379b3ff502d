import * as assert from 'node:assert/strict';
import { startMlflowTestServer, type MlflowTestServer } from '../support/mlflow/mlflowTestServer';
import { openWorkspaceStores } from '../support/mlflow/workspaceStores';
import { openWorkbench, type Workbench } from './workbench';

describe('Workspaces in the workbench: the picker, the status bar, the connection panel (Chromium + code-server + MLflow REST test double with --enable-workspaces)', () => {
  let wb: Workbench;
  let server: MlflowTestServer;
  let stores: Awaited<ReturnType<typeof openWorkspaceStores>>;

  before(async () => {
    stores = await openWorkspaceStores();
    const fallback = stores.workspaces[0]!;
    server = await startMlflowTestServer(fallback.tracking, fallback.registry, {
      workspaces: stores.workspaces,
    });
    wb = await openWorkbench();
  });

  after(async () => {
    await wb.close();
    await server.close();
    stores.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await wb.shot(`zz-failed-workspaces-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`);
    }
  });

  const sidebar = (): ReturnType<Workbench['page']['locator']> => wb.page.locator('.part.sidebar');
  const row = (text: string | RegExp): ReturnType<Workbench['page']['locator']> =>
    sidebar().locator('.monaco-list-row', { hasText: text }).first();
  const quickInput = (): ReturnType<Workbench['page']['locator']> =>
    wb.page.locator('.quick-input-widget input.input');
  const quickRow = (text: string | RegExp): ReturnType<Workbench['page']['locator']> =>
    wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: text }).first();
  const host = (): string => new URL(server.baseUrl).host;

  it('switches workspace from the status bar menu; the Experiments view and the status bar follow (dark)', async () => {
    await wb.statusItem('MLflow: not connected').waitFor({ timeout: 60_000 });
    await wb.page.locator('.part.activitybar a.action-label[aria-label^="MLflow"]').click();
    await wb.runCommand('MLflow: Connect to Tracking Server…');
    await quickInput().waitFor({ timeout: 10_000 });
    await quickInput().fill(server.baseUrl);
    await wb.page.keyboard.press('Enter');
    await wb.statusItem(`MLflow: ${host()}`).waitFor({ timeout: 20_000 });
    await row('shared-sandbox').waitFor({ timeout: 30_000 });

    await wb.statusItem(`MLflow: ${host()}`).click();
    await quickRow('Switch Workspace…').click();
    await quickRow('team-a').waitFor({ timeout: 20_000 });
    assert.equal(await quickRow('Support-AI team').count(), 1, 'descriptions shown');
    assert.equal(await quickRow(/Current workspace/).count(), 1);
    await wb.shot('60-workspaces-picker-dark');
    await quickRow('team-a').click();
    await row('team-a-agent').waitFor({ timeout: 30_000 });
    assert.equal(await row('shared-sandbox').count(), 0, 'the default workspace is no longer listed');
    await wb.statusItem(new RegExp(`MLflow: ${host().replace(/\./g, '\\.')}.*team-a`)).waitFor({
      timeout: 10_000,
    });
    await wb.shot('61-workspaces-status-bar-dark');
    assert.ok(server.received.some((r) => r.workspace === 'team-a'));
  });

  it('shows the workspace in the connection panel and switches from there (light)', async () => {
    await wb.useLightTheme();
    await wb.runCommand('MLflow: Show Connection Details');
    const frame = wb.webview();
    await frame.locator('#facts', { hasText: 'team-a' }).waitFor({ timeout: 20_000 });
    await wb.shot('62-workspaces-connection-panel-light');
    await frame.locator('#switch-workspace').click();
    await quickRow('team-b').waitFor({ timeout: 20_000 });
    await wb.shot('63-workspaces-picker-light');
    await quickRow('team-b').click();
    await frame.locator('#facts', { hasText: 'team-b' }).waitFor({ timeout: 20_000 });
    await wb.page.keyboard.press('Escape');
    await row('team-b-churn').waitFor({ timeout: 30_000 });
    await wb.statusItem(/team-b/).waitFor({ timeout: 10_000 });
    await wb.shot('64-workspaces-status-bar-light');
  });
});
