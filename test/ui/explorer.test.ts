import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openWorkbench, type Workbench } from './workbench';

describe('MLflow in the workbench (Chromium + code-server + packaged .vsix)', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench();
  });

  after(async () => {
    await wb.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await wb.shot(`zz-failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`);
    }
  });

  it('shows "MLflow: not connected" in the status bar once activated by an MLmodel file', async () => {
    await wb.statusItem('MLflow: not connected').waitFor({ timeout: 60_000 });
    await wb.shot('00-workbench');
  });

  it('opens the MLflow container from the activity bar, with its views and the welcome view', async () => {
    await wb.page.locator('.part.activitybar a.action-label[aria-label^="MLflow"]').click();
    const sidebar = wb.page.locator('.part.sidebar');
    for (const view of ['Experiments', 'Models', 'Serving']) {
      await sidebar.locator('.pane-header', { hasText: view }).first().waitFor({ timeout: 15_000 });
    }
    const welcome = sidebar.locator('.welcome-view-content', {
      hasText: 'No MLflow tracking server is configured.',
    });
    await welcome.waitFor({ timeout: 15_000 });
    const buttons = await welcome.locator('.monaco-button').allTextContents();
    assert.ok(
      buttons.some((b) => b.includes('Connect to Tracking Server')),
      JSON.stringify(buttons),
    );
    assert.ok(
      buttons.some((b) => b.includes('Open Local mlflow.db or mlruns')),
      JSON.stringify(buttons),
    );
    await wb.shot('01-welcome-view');
  });

  it('runs "MLflow: Show Connection Details" from the palette and reads the panel', async () => {
    await wb.runCommand('MLflow: Show Connection Details');
    const facts = wb.webview().locator('#facts');
    await facts.waitFor({ timeout: 20_000 });
    assert.match((await facts.textContent()) ?? '', /Not connected/);
    await wb.shot('02-connection-panel');
  });

  it('connects from the welcome view: the input box checks the URL, then status bar, view and panel follow', async () => {
    const welcome = wb.page.locator('.part.sidebar .welcome-view-content', {
      hasText: 'No MLflow tracking server is configured.',
    });
    await welcome.locator('.monaco-button', { hasText: 'Connect to Tracking Server' }).click();
    const input = wb.page.locator('.quick-input-widget input.input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill('ftp://files.example/runs');
    const validation = wb.page.locator('.quick-input-widget .quick-input-message');
    await validation.filter({ hasText: 'Unsupported tracking URI scheme' }).waitFor({ timeout: 10_000 });
    await wb.shot('03-connect-validation');
    await input.fill('http://127.0.0.1:5000');
    await wb.page.keyboard.press('Enter');
    await wb.statusItem('MLflow: 127.0.0.1:5000').waitFor({ timeout: 15_000 });
    // Nothing listens on :5000, so the Experiments and Models views each say so in one node
    // (click to retry). Wait for both: the screenshot caught one view still reloading.
    await wb.page
      .locator('.part.sidebar .monaco-list-row', { hasText: 'Cannot reach the tracking server' })
      .nth(1)
      .waitFor({ timeout: 30_000 });
    const facts = wb.webview().locator('#facts');
    await facts.filter({ hasText: 'MLflow tracking server (REST)' }).waitFor({ timeout: 15_000 });
    assert.match((await facts.textContent()) ?? '', /http:\/\/127\.0\.0\.1:5000/);
    await wb.shot('04-connected');
  });

  it('opens an MLmodel file in the MLmodel language', async () => {
    await wb.page.locator('.part.activitybar a.action-label[aria-label^="Explorer"]').click();
    await wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'iris-model' }).click();
    await wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'MLmodel' }).first().click();
    await wb.page
      .locator('.tabs-container .tab', { hasText: 'MLmodel' })
      .first()
      .waitFor({ timeout: 10_000 });
    await wb.statusItem(/^MLmodel$/).waitFor({ timeout: 10_000 });
    await wb.shot('05-mlmodel-language');
    // the actions above flavors: (trusted workspace)
    const lenses = wb.page.locator('.monaco-editor .codelens-decoration');
    await lenses.filter({ hasText: 'Serve' }).first().waitFor({ timeout: 20_000 });
    const text = (await lenses.allTextContents()).join(' | ');
    for (const action of [
      'Serve',
      'Predict with Example',
      'Build Docker Image',
      'Generate Dockerfile',
      'Deploy…',
    ]) {
      assert.ok(text.includes(action), text);
    }
    await wb.shot('05a-mlmodel-codelens');
  });

  it('shows MLmodel problems at exact places in the Problems panel', async () => {
    const folder = wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'zz-broken-model' });
    await folder.click();
    // A click that lands while the Explorer redraws only selects the row: unfold it from the keyboard.
    if ((await folder.getAttribute('aria-expanded')) !== 'true') {
      await wb.page.keyboard.press('ArrowRight');
    }
    // Wait for the folder to expand: clicking "the last MLmodel row" before it has would open iris-model's again.
    const mlmodelRows = wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'MLmodel' });
    await mlmodelRows.nth(1).waitFor({ timeout: 10_000 });
    await mlmodelRows.last().click();
    await wb.page
      .locator('.breadcrumbs-control', { hasText: 'zz-broken-model' })
      .first()
      .waitFor({ timeout: 10_000 });
    await wb.runCommand('Problems: Focus on Problems View');
    const rows = wb.page.locator('.markers-panel .monaco-list-row');
    await rows.filter({ hasText: 'cloudpickel' }).first().waitFor({ timeout: 20_000 });
    const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    assert.ok(
      labels.some((l) => /cloudpickel/.test(l) && /line 8/.test(l)),
      labels.join('\n'),
    );
    assert.ok(
      labels.some((l) => /model\.pkl/.test(l)),
      labels.join('\n'),
    );
    await wb.shot('05b-mlmodel-problems');
    await wb.runCommand('View: Hide Panel');
  });

  /** Serve iris-model from the Explorer: the context menu, then the env manager and port prompts. */
  async function serveFromExplorer(): Promise<void> {
    await wb.contextMenu(
      wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'MLmodel' }).first(),
      'Serve Model Locally',
    );
    const quick = wb.page.locator('.quick-input-widget');
    await quick
      .locator('.quick-input-title', { hasText: 'environment manager' })
      .waitFor({ timeout: 15_000 });
    const first = quick.locator('.monaco-list-row').first();
    assert.match((await first.textContent()) ?? '', /^local/);
    await wb.page.keyboard.press('Enter');
    await quick.locator('.quick-input-title', { hasText: 'port' }).waitFor({ timeout: 15_000 });
    assert.match(await quick.locator('input.input').inputValue(), /^\d{4,5}$/, 'a free port is proposed');
    await wb.page.keyboard.press('Enter');
  }

  it('serves the model from the Explorer context menu and lists it in the Serving view', async () => {
    await serveFromExplorer();
    const toast = wb.page.locator('.notifications-toasts .notification-list-item-message', {
      hasText: /Serving iris-model at http:\/\/127\.0\.0\.1:\d+/,
    });
    await toast.waitFor({ timeout: 30_000 });
    await wb.runCommand('View: Show MLflow');
    const serving = wb.page.locator('.part.sidebar .pane-header', { hasText: 'Serving' });
    if ((await serving.getAttribute('aria-expanded')) !== 'true') {
      await serving.click();
    }
    const server = wb.page.locator('.part.sidebar .monaco-list-row', { hasText: 'iris-model' });
    await server.waitFor({ timeout: 15_000 });
    assert.match((await server.textContent()) ?? '', /127\.0\.0\.1:\d+ · running/);
    await wb.shot('07-serving');

    // Try it: the inline action opens the request panel pre-filled from serving_input_example.json
    await server.hover();
    await server.locator('.action-label[aria-label^="Try the Endpoint"]').click();
    const panel = wb.webview();
    await panel
      .locator('#hint', { hasText: 'Pre-filled from serving_input_example.json' })
      .waitFor({ timeout: 20_000 });
    assert.match(await panel.locator('#body').inputValue(), /"dataframe_split"/);
    assert.equal(await panel.locator('#problems li').count(), 0, 'the logged example matches the signature');
    await panel.locator('#send').click();
    await panel.locator('#status', { hasText: /^200 OK · \d+ ms/ }).waitFor({ timeout: 20_000 });
    assert.match((await panel.locator('#response').textContent()) ?? '', /"predictions"/);
    await panel.locator('#history li', { hasText: /200/ }).first().waitFor({ timeout: 10_000 });
    await wb.shot('07b-try-it-response');
    const example = await panel.locator('#body').inputValue();

    // checked against the signature while typing
    await panel
      .locator('#body')
      .fill('{"dataframe_split": {"columns": ["sepal length (cm)"], "data": [["x"]]}}');
    await panel
      .locator('#problems li', { hasText: 'Missing required column "petal width (cm)"' })
      .waitFor({ timeout: 10_000 });
    await panel
      .locator('#problems li', { hasText: 'should be double, got string "x"' })
      .waitFor({ timeout: 10_000 });
    await wb.shot('07c-try-it-signature-check');
    // the history entry loads the request that was sent
    await panel.locator('#history-load-0').click();
    assert.equal(await panel.locator('#body').inputValue(), example);
    // Save Request…: code-server's save dialog is a quick input taking a path
    await panel.locator('#save').click();
    const saveInput = wb.page.locator('.quick-input-widget input.input');
    await saveInput.waitFor({ timeout: 15_000 });
    // the dialog fills in the proposed path a moment after it opens
    await wb.page.waitForFunction(
      "document.querySelector('.quick-input-widget input.input')?.value.endsWith('/request-iris-model.json')",
      undefined,
      { timeout: 15_000 },
    );
    // outside the workspace: a new file in it would shift the Explorer rows the next steps click
    const savedPath = path.join(wb.dirs.root, 'saved-request.json');
    await saveInput.fill(savedPath);
    await wb.shot('07e-try-it-save-dialog');
    await wb.page.keyboard.press('Enter');
    await wb.page
      .locator('.notifications-toasts .notification-list-item-message', {
        hasText: `Saved the request to ${savedPath}`,
      })
      .waitFor({ timeout: 20_000 });
    assert.equal(fs.readFileSync(savedPath, 'utf8'), example);
    // CSV: the data frame converts to text/csv with the signature's header
    await panel.locator('#content-type').selectOption('text/csv');
    assert.match(
      await panel.locator('#body').inputValue(),
      /^sepal length \(cm\),sepal width \(cm\),petal length \(cm\),petal width \(cm\)\n5\.4,3,4\.5,1\.5\n/,
    );
    assert.equal(await panel.locator('#problems li').count(), 0);
    await panel.locator('#content-type').selectOption('application/json');
    await panel.locator('#history-load-0').click();

    // the same request to a second server (here the same model again): row by row, all agree
    await wb.page.locator('.part.activitybar a.action-label[aria-label^="Explorer"]').click();
    await serveFromExplorer();
    await panel.locator('#compare-with option').first().waitFor({ state: 'attached', timeout: 60_000 });
    await panel.locator('#compare').click();
    await panel
      .locator('#diff-summary', { hasText: 'All 3 predictions agree.' })
      .waitFor({ timeout: 20_000 });
    assert.equal(await panel.locator('#diff tr.same').count(), 3);
    await wb.shot('07d-try-it-compare');

    await panel.locator('#body').fill('{"dataframe_split": ');
    await panel.locator('#send').click();
    await panel.locator('#hint', { hasText: 'not valid JSON' }).waitFor({ timeout: 10_000 });
    await wb.shot('07b-try-it');

    await wb.runCommand('View: Show MLflow');
    const rows = wb.page.locator('.part.sidebar .monaco-list-row', { hasText: 'iris-model' });
    const stopPick = wb.page.locator('.quick-input-widget .quick-input-title', {
      hasText: 'Stop a Model Server',
    });
    for (let left = 2; left > 0; left--) {
      // Rows are redrawn only when their uptime text changes (once a minute at most), so a click
      // meant for a row is no longer swallowed by a redraw. Right after the first stop, though, the
      // view refreshes its rows, and a right-click landing then has twice (of many CI runs) reached
      // the command without its row (the command then asks which server, as from the palette) or
      // not at all. Such a click is answered or repeated, at most three times, and counted.
      let stopped = false;
      for (let attempt = 1; attempt <= 3 && !stopped; attempt++) {
        await wb.contextMenu(server.first(), 'Stop Model Server');
        const gone = rows
          .nth(left - 1)
          .waitFor({ state: 'detached', timeout: 10_000 })
          .then(
            () => 'gone',
            () => 'still there',
          );
        const asked = stopPick.waitFor({ timeout: 10_000 }).then(
          () => 'asked',
          () => 'not asked',
        );
        if ((await Promise.race([gone, asked])) === 'asked') {
          await wb.page.keyboard.press('Enter');
        }
        stopped = (await gone) === 'gone' || (await rows.count()) < left;
        if (attempt > 1 || !stopped) {
          console.log(
            `      Stop Model Server, ${String(left)} running: attempt ${String(attempt)} ${stopped ? 'stopped it' : 'did not'}`,
          );
        }
      }
      assert.ok(stopped, `the Stop Model Server context menu stopped a server (${String(left)} running)`);
    }
    await wb.page
      .locator('.part.sidebar .welcome-view-content', { hasText: 'No model servers are running.' })
      .waitFor({ timeout: 15_000 });
  });

  it('explains a missing Docker engine in one sentence when building an image', async () => {
    await wb.page.locator('.part.activitybar a.action-label[aria-label^="Explorer"]').click();
    await wb.contextMenu(
      wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'MLmodel' }).first(),
      'Build Docker Image',
    );
    const input = wb.page.locator('.quick-input-widget input.input');
    await input.waitFor({ timeout: 10_000 });
    assert.equal(await input.inputValue(), 'mlflow-iris-model');
    await wb.page.keyboard.press('Enter');
    const toast = wb.page.locator('.notifications-toasts .notification-list-item-message', {
      hasText: 'No Docker engine is available',
    });
    await toast.waitFor({ timeout: 30_000 });
    await wb.page
      .locator('.notifications-toasts .notification-list-item-message', { hasText: 'Building Docker image' })
      .waitFor({ state: 'detached', timeout: 10_000 });
    await wb.shot('08-build-docker-no-engine');
  });

  it('looks right in a light theme too', async () => {
    await wb.runCommand('Preferences: Color Theme');
    const input = wb.page.locator('.quick-input-widget input.input');
    await input.fill('Light Modern');
    await wb.page
      .locator('.quick-input-widget .monaco-list-row', { hasText: 'Light Modern' })
      .first()
      .waitFor({ timeout: 10_000 });
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.monaco-workbench.vs').waitFor({ timeout: 15_000 });
    await wb.runCommand('View: Show MLflow');
    await wb.page
      .locator('.part.sidebar .monaco-list-row', { hasText: 'Cannot reach the tracking server' })
      .first()
      .waitFor({ timeout: 30_000 });
    await wb.page.locator('.tabs-container .tab', { hasText: 'MLflow Connection' }).click();
    await wb.webview().locator('#facts').waitFor({ timeout: 15_000 });
    await wb.shot('06-light-theme');
  });
});
