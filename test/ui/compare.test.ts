import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SqliteRegistryStore } from '../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../src/core/tracking/sqlite/sqliteTrackingStore';
import { generateRunsDb, HOSTILE_NAMES, type GeneratedRunsDb } from '../support/mlflow/generateRunsDb';
import { startMlflowTestServer, type MlflowTestServer } from '../support/mlflow/mlflowTestServer';
import { FIXTURES } from '../support/mlflow/recordedExchange';
import { openWorkbench, waitForStoredWorkspaceState, type Workbench } from './workbench';

describe('Run detail and compare panels in the workbench (Chromium + code-server + MLflow REST test double)', () => {
  let wb: Workbench;
  let server: MlflowTestServer;
  let tracking: SqliteTrackingStore;
  let generated: GeneratedRunsDb;
  let tmp: string;
  const dialogs: string[] = [];

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-ui-compare-'));
    // The recorded store plus a small generated experiment whose newest runs carry hostile names.
    generated = await generateRunsDb(path.join(FIXTURES, 'sqlite', 'mlflow.db'), path.join(tmp, 'runs.db'), {
      runs: 5,
      hostile: true,
      name: 'generated-hostile',
    });
    const db = await SqliteDatabase.open(path.join(tmp, 'runs.db'));
    tracking = new SqliteTrackingStore(db, {
      artifactsDestination: path.join(FIXTURES, 'sqlite', 'mlartifacts'),
    });
    server = await startMlflowTestServer(tracking, new SqliteRegistryStore(db));
    wb = await openWorkbench();
    wb.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  });

  after(async () => {
    await wb.close();
    await server.close();
    tracking.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await wb.shot(`zz-failed-compare-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`);
    }
  });

  const sidebar = (): ReturnType<Workbench['page']['locator']> => wb.page.locator('.part.sidebar');
  const row = (text: string | RegExp): ReturnType<Workbench['page']['locator']> =>
    sidebar().locator('.monaco-list-row', { hasText: text }).first();

  async function closeEditors(): Promise<void> {
    await wb.runCommand('View: Close All Editors');
    await wb.page
      .locator('iframe.webview.ready')
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => undefined);
  }

  it('connects and compares three recorded runs picked with Ctrl+click', async () => {
    await wb.statusItem('MLflow: not connected').waitFor({ timeout: 60_000 });
    await wb.page.locator('.part.activitybar a.action-label[aria-label^="MLflow"]').click();
    const welcome = sidebar().locator('.welcome-view-content', {
      hasText: 'No MLflow tracking server is configured.',
    });
    await welcome.locator('.monaco-button', { hasText: 'Connect to Tracking Server' }).click();
    const input = wb.page.locator('.quick-input-widget input.input');
    await input.fill(server.baseUrl);
    await wb.page.keyboard.press('Enter');
    await row('iris-classification').click();
    await row('rf-100').waitFor({ timeout: 20_000 });
    await row('rf-100').click();
    await row(/^logreg-C1(?!0)/).click({ modifiers: ['Control'] });
    await row(/^xgb-20/).click({ modifiers: ['Control'] });
    await wb.contextMenu(row(/^xgb-20/), 'Compare Runs');
    const frame = wb.webview();
    await frame.locator('#compare-table').waitFor({ timeout: 30_000 });
    await frame.locator('#status', { hasText: 'charts drawn' }).waitFor({ timeout: 60_000 });
    assert.equal(await frame.locator('#compare-table thead th.run-col').count(), 3);
    assert.ok((await frame.locator('#charts canvas').count()) >= 1);
    await wb.shot('20-compare-dark');
    await frame.locator('#charts').scrollIntoViewIfNeeded();
    await wb.shot('20-compare-charts-dark');
  });

  it('keeps run ids whole, defaults the scatter and parallel axes to keys that tell runs apart, and bars a metric logged once', async () => {
    const frame = wb.webview();
    // Run ids on one line: each id cell is as tall as a one-line cell, its full id in the tooltip.
    const ids = frame.locator('#compare-table td.identifier');
    assert.ok((await ids.count()) >= 3, 'the run id row is marked as identifiers');
    const idBox = await ids.first().boundingBox();
    const nameBox = await frame.locator('#compare-table thead th.run-col').first().boundingBox();
    const lineHeight = await ids
      .first()
      .evaluate(
        (e) => parseFloat(getComputedStyle(e).lineHeight) || parseFloat(getComputedStyle(e).fontSize) * 1.4,
      );
    assert.ok(idBox !== null && nameBox !== null);
    assert.ok(idBox.height < lineHeight * 1.8 + 8, `one line (cell ${idBox.height}px, line ${lineHeight}px)`);
    assert.match((await ids.first().getAttribute('title')) ?? '', /^[0-9a-f]{32}$/);
    // The scatter's default x is an axis on which the three runs differ.
    const x = await frame.locator('#scatter-x').inputValue();
    const row = frame.locator('#compare-table tbody tr', {
      has: frame.locator('th.row-head button', { hasText: new RegExp(`^${x.slice(x.indexOf('.') + 1)}$`) }),
    });
    const texts = await row.first().locator('td').allTextContents();
    assert.ok(new Set(texts).size > 1, `the default x (${x}) differs between runs: ${texts.join(' | ')}`);
    // Parallel coordinates: every default axis is one all three runs have (no broken lines).
    const checked = await frame
      .locator('#parallel-picker vscode-checkbox')
      .evaluateAll((els) =>
        els.filter((e) => (e as HTMLElement & { checked: boolean }).checked).map((e) => e.textContent),
      );
    assert.ok(checked.length >= 2, `at least two default axes: ${checked.join(', ')}`);
    // A metric every run logged once is a bar chart, not three dots on a −1..1 axis.
    // (test_accuracy: each recorded run logged it once, at the end.)
    const bars = frame.locator('#charts [data-metric="test_accuracy"] canvas');
    assert.equal(
      await bars.getAttribute('aria-label'),
      'Bar chart of test_accuracy: 3 runs, logged once each',
    );
    await bars.scrollIntoViewIfNeeded();
    await wb.shot('20-compare-single-step-dark');
    await frame.locator('#scatter-canvas').scrollIntoViewIfNeeded();
    await wb.shot('20-compare-scatter-parallel-dark');
  });

  it('switches the x-axis to relative time and shows only the differences', async () => {
    const frame = wb.webview();
    await frame.locator('#x-axis').selectOption('relative');
    // Series come without wall-clock times until an axis needs them: the loss chart is drawn again,
    // with all three runs, once the host has sent the times.
    const loss = frame.locator('#charts [data-metric="loss"] canvas');
    await frame
      .locator('#charts [data-metric="loss"] canvas[aria-label*="3 runs by relative time"]')
      .waitFor({ timeout: 20_000 });
    assert.match(
      (await loss.getAttribute('aria-label')) ?? '',
      /^Line chart of loss: 3 runs by relative time, [1-9]\d* points$/,
    );
    // A row whose runs agree has no `differs` class; diff-only hides exactly those. Wait on the rows
    // themselves, not on a guess of how long the webview takes to redraw the table.
    const sameRows = frame.locator('#compare-table tbody tr:has(td):not(.differs)');
    await sameRows.first().waitFor({ timeout: 20_000 });
    const rowsBefore = await frame.locator('#compare-table tbody tr').count();
    await frame.locator('#diff-only').click();
    await sameRows.first().waitFor({ state: 'detached', timeout: 20_000 });
    await frame.locator('#compare-table tbody tr.differs').first().waitFor({ timeout: 20_000 });
    const rowsAfter = await frame.locator('#compare-table tbody tr').count();
    assert.ok(rowsAfter < rowsBefore, `diff-only hides equal rows (${rowsBefore} → ${rowsAfter})`);
    await frame.locator('#compare-table').scrollIntoViewIfNeeded();
    await wb.shot('21-compare-diff-only-relative-time');
  });

  it('exports the table as CSV into the workspace', async () => {
    const frame = wb.webview();
    await frame.locator('#export-csv').click();
    const input = wb.page.locator('.quick-input-widget input.input');
    await input.waitFor({ timeout: 10_000 });
    await wb.page.keyboard.press('Enter');
    const file = path.join(wb.dirs.workspace, 'mlflow-comparison.csv');
    // The file appears before its bytes do: wait for the header line.
    const read = (): string => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
    for (const deadline = Date.now() + 60_000; !read().includes('\r\n') && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const csv = read();
    const header = csv.split('\r\n')[0] ?? '';
    assert.match(header, /^section,key,/);
    assert.match(header, /rf-100/);
    await wb.shot('22-compare-exported');
  });

  it('looks right in a light theme', async () => {
    await wb.useLightTheme();
    // VS Code marks the webview's body with the theme kind once the new colours are in.
    // The charts redraw in the new colours as that class is set (a MutationObserver in the webview).
    await wb.webview().locator('body.vscode-light').waitFor({ state: 'attached', timeout: 20_000 });
    await wb.webview().locator('#status', { hasText: 'charts drawn' }).waitFor({ timeout: 20_000 });
    await wb.shot('23-compare-light');
    await wb.webview().locator('#charts').scrollIntoViewIfNeeded();
    await wb.shot('23-compare-charts-light');
    await wb.webview().locator('#scatter-canvas').scrollIntoViewIfNeeded();
    await wb.shot('23-compare-scatter-parallel-light');
    // Back to steps: the metric logged once is a bar chart again (by time, its one point has an x).
    await wb.webview().locator('#x-axis').selectOption('step');
    const bars = wb
      .webview()
      .locator('#charts [data-metric="test_accuracy"] canvas[aria-label^="Bar chart"]');
    await bars.waitFor({ timeout: 20_000 });
    await bars.scrollIntoViewIfNeeded();
    await wb.shot('23-compare-single-step-light');
    await wb.webview().locator('#compare-table td.identifier').first().scrollIntoViewIfNeeded();
    await wb.shot('23-compare-table-ids-light');
  });

  it("opens a run's detail panel from the tree", async () => {
    await closeEditors();
    const target = row('rf-100');
    await target.hover();
    await target.locator('.action-label[aria-label^="Open Run Details"]').click();
    const frame = wb.webview();
    await frame.locator('#overview').waitFor({ timeout: 30_000 });
    await frame.locator('#charts canvas').first().waitFor({ timeout: 30_000 });
    assert.match((await frame.locator('#overview').textContent()) ?? '', /5479c2e952464803bc764edb72ee0164/);
    await wb.shot('24-run-detail-light');
  });

  it('shows hostile run names as literal text, and the basket survives a window reload', async () => {
    await closeEditors();
    await row('iris-classification').click();
    await row('rf-100').waitFor({ state: 'detached', timeout: 10_000 });
    await row(generated.experimentName).click();
    const hostile = row(HOSTILE_NAMES[0] ?? '');
    await hostile.waitFor({ timeout: 20_000 });
    await hostile.click();
    // The second hostile run: a name with a newline and a bell, and a <script> tag value.
    const second = row(/break/);
    await second.click({ modifiers: ['Control'] });
    await wb.contextMenu(second, 'Add to Comparison');
    await wb.page
      .locator('.notifications-toasts', { hasText: 'set aside for comparison' })
      .waitFor({ timeout: 10_000 });
    // Workspace state reaches the browser's storage (IndexedDB) some time after it changes, and a
    // reload before that loses it: wait until the stored basket holds both runs.
    await waitForStoredWorkspaceState(
      wb.page,
      'mlflow.comparisonBasket',
      (v) => Array.isArray(v) && v.length === 2,
    );
    await wb.page.reload();
    await wb.page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
    await wb.statusItem(/MLflow: 127\.0\.0\.1/).waitFor({ timeout: 60_000 });
    // With nothing selected, Compare Runs compares the basket.
    await wb.runCommand('MLflow: Compare Runs');
    const frame = wb.webview();
    await frame.locator('#legend').waitFor({ timeout: 30_000 });
    await frame.locator('#compare-table').waitFor({ timeout: 30_000 });
    const legend = (await frame.locator('#legend').textContent()) ?? '';
    assert.ok(
      legend.includes('<img src=x onerror=alert(1)>'),
      `the name is shown as text: ${legend.slice(0, 200)}`,
    );
    const table = (await frame.locator('#compare-table').textContent()) ?? '';
    assert.ok(table.includes('<script>alert(1)</script>'), 'a hostile tag value is shown as text');
    const longest = Math.max(
      ...(await frame.locator('#compare-table td').allTextContents()).map((t) => t.length),
    );
    assert.ok(longest <= 1001, `the 1 MB tag value is cut for display (longest cell ${longest} characters)`);
    assert.equal(await frame.locator('img').count(), 0, 'no element was made from the name');
    assert.equal(await frame.locator('#compare-table script').count(), 0);
    assert.deepEqual(dialogs, [], 'no dialog opened');
    await wb.shot('25-compare-hostile-after-reload');
  });
});
