import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SqliteRegistryStore } from '../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../src/core/tracking/sqlite/sqliteTrackingStore';
import { startMlflowTestServer, type MlflowTestServer } from '../support/mlflow/mlflowTestServer';
import { FIXTURES } from '../support/mlflow/recordedExchange';
import { overlayStores } from '../support/mlflow/writableOverlay';
import { openWorkbench, type Workbench } from './workbench';

describe('Run an MLproject entry point in the workbench (Chromium + code-server + mlflow CLI stand-in + REST test double)', () => {
  let wb: Workbench;
  let server: MlflowTestServer;
  let tracking: SqliteTrackingStore;
  let stores: ReturnType<typeof overlayStores>;

  before(async () => {
    const db = await SqliteDatabase.open(path.join(FIXTURES, 'sqlite', 'mlflow.db'));
    tracking = new SqliteTrackingStore(db, {
      artifactsDestination: path.join(FIXTURES, 'sqlite', 'mlartifacts'),
    });
    stores = overlayStores(tracking, new SqliteRegistryStore(db));
    server = await startMlflowTestServer(stores.tracking, stores.registry, { writes: stores.writes });
    wb = await openWorkbench();
  });

  after(async () => {
    await wb.close();
    await server.close();
    tracking.dispose();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await wb.shot(`zz-failed-project-run-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`);
    }
  });

  it('connects, opens MLflow’s wine example and shows the parameter form from the CodeLens', async () => {
    await wb.statusItem('MLflow: not connected').waitFor({ timeout: 90_000 });
    await wb.page.locator('.part.activitybar a.action-label[aria-label^="MLflow"]').click();
    const welcome = wb.page.locator('.part.sidebar .welcome-view-content', {
      hasText: 'No MLflow tracking server is configured.',
    });
    await welcome.locator('.monaco-button', { hasText: 'Connect to Tracking Server' }).click();
    const input = wb.page.locator('.quick-input-widget input.input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(server.baseUrl);
    await wb.page.keyboard.press('Enter');
    await wb.page
      .locator('.part.sidebar .monaco-list-row', { hasText: 'iris-classification' })
      .first()
      .waitFor({ timeout: 30_000 });

    const dir = path.join(wb.dirs.workspace, 'wine-quality');
    fs.cpSync(path.join(FIXTURES, '..', 'mlproject', 'sklearn_elasticnet_wine'), dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'python_env.yaml'),
      'python: "3.11"\nbuild_dependencies:\n- pip\ndependencies:\n- mlflow\n- scikit-learn\n',
    );
    await wb.page.locator('.part.activitybar a.action-label[aria-label^="Explorer"]').click();
    await wb.page
      .locator('.explorer-folders-view .monaco-list-row', { hasText: 'wine-quality' })
      .click({ timeout: 30_000 });
    await wb.page
      .locator('.explorer-folders-view .monaco-list-row', { hasText: 'MLproject' })
      .first()
      .click({ timeout: 10_000 });
    const lens = wb.page
      .locator('.contentWidgets .codelens-decoration a', { hasText: 'Run entry point' })
      .first();
    await lens.waitFor({ timeout: 30_000 });
    await lens.click();

    const form = wb.webview();
    await form.locator('h1', { hasText: 'Run tutorial · main' }).waitFor({ timeout: 30_000 });
    const alpha = form.locator('#param-0 input');
    assert.equal(await alpha.inputValue(), '0.5', 'the default is filled in');
    assert.equal(await form.locator('#param-1 input').inputValue(), '0.1');
    await alpha.fill('0.5; rm -rf ~');
    await form
      .locator('#param-0-problem', { hasText: 'The value is not a number.' })
      .waitFor({ timeout: 10_000 });
    assert.equal(await form.locator('#run[disabled]').count(), 1, 'Run is disabled while a value is wrong');
    await wb.shot('30-project-run-form-invalid');
    await alpha.fill('0.7');
    await form.locator('#param-0-problem:empty').waitFor({ state: 'attached', timeout: 10_000 });
    await form.locator('#experiment input').fill('wine-from-the-form');
    assert.equal(await form.locator('#run[disabled]').count(), 0);
    await wb.shot('31-project-run-form');
  });

  it('runs from the form: logs live in a terminal, the outcome in a notification', async () => {
    const form = wb.webview();
    // Keyboard: Tab reaches the Run button, Enter presses it.
    await form.locator('#run').focus();
    await wb.page.keyboard.press('Enter');
    const terminal = wb.page
      .locator('.terminal-tabs-entry, .single-terminal-tab, .panel .pane-header, .part.panel', {
        hasText: 'MLflow Run: tutorial',
      })
      .first();
    await terminal.waitFor({ timeout: 60_000 });
    const toast = wb.page.locator('.notifications-toasts .notification-toast', {
      hasText: /MLflow run tutorial · main succeeded — run [0-9a-f]{32}/,
    });
    await toast.waitFor({ timeout: 90_000 });
    const runId = /run ([0-9a-f]{32})/.exec(await toast.innerText())?.[1] ?? '';
    // What the stand-in did against the server is what the form asked for.
    const run = await stores.tracking.getRun(runId);
    assert.equal(run.info.status, 'FINISHED');
    assert.deepEqual(
      run.data.params.map((p) => [p.key, p.value]),
      [
        ['alpha', '0.7'],
        ['l1_ratio', '0.1'],
      ],
    );
    assert.equal((await stores.tracking.getExperiment(run.info.experimentId)).name, 'wine-from-the-form');
    await form.locator('#status', { hasText: 'succeeded' }).waitFor({ timeout: 20_000 });
    // The finished run is revealed: its experiment unfolded and the run's row selected.
    const label =
      run.info.runName !== undefined && run.info.runName !== '' ? run.info.runName : runId.slice(0, 8);
    await wb.page
      .locator('.monaco-list-row.selected', { hasText: label })
      .first()
      .waitFor({ timeout: 20_000 });
    await wb.shot('32-project-run-terminal');
    assert.equal(await toast.locator('.monaco-button', { hasText: 'Open Run' }).count(), 1);
  });

  it('shows the form in a light theme too', async () => {
    await wb.useLightTheme();
    await wb.webview().locator('h1', { hasText: 'Run tutorial · main' }).waitFor({ timeout: 20_000 });
    // VS Code marks the webview's body with the theme kind once the new colours are in.
    await wb.webview().locator('body.vscode-light').waitFor({ state: 'attached', timeout: 20_000 });
    await wb.shot('33-project-run-form-light');
  });
});
