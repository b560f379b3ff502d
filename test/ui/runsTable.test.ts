// The Runs Table as a person uses it (Chromium against code-server, REST test server): open it from
// the palette, choose aggregate columns, group by a param, sort by an aggregate, move with the
// keyboard, chart an aggregate column on the scatter; hostile names stay literal text in the
// cells. Screenshots in dark and light.
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
import { openWorkbench, type Workbench } from './workbench';

describe('Runs Table in the workbench (Chromium + code-server + MLflow REST test double)', () => {
  let wb: Workbench;
  let server: MlflowTestServer;
  let tracking: SqliteTrackingStore;
  let generated: GeneratedRunsDb;
  let tmp: string;

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-ui-runs-table-'));
    generated = await generateRunsDb(path.join(FIXTURES, 'sqlite', 'mlflow.db'), path.join(tmp, 'a.db'), {
      runs: 300,
      hostile: true,
      hostileKeys: true,
      history: { keys: 1, steps: 30 },
      name: 'sweep-table',
    });
    // For the charts: 1,000 runs of one metric, and a few runs of 3,000 metric keys.
    await generateRunsDb(path.join(tmp, 'a.db'), path.join(tmp, 'b.db'), {
      runs: 1000,
      history: { keys: 1, steps: 100 },
      name: 'sweep-1000',
      idPrefix: 'cd',
    });
    await generateRunsDb(path.join(tmp, 'b.db'), path.join(tmp, 'runs.db'), {
      runs: 6,
      history: { keys: 3000, steps: 1 },
      name: 'wide-3000',
      idPrefix: 'ef',
    });
    const db = await SqliteDatabase.open(path.join(tmp, 'runs.db'));
    tracking = new SqliteTrackingStore(db);
    server = await startMlflowTestServer(tracking, new SqliteRegistryStore(db));
    wb = await openWorkbench();
  });

  after(async () => {
    await wb.close();
    await server.close();
    tracking.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await wb.shot(`zz-failed-runs-table-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`);
    }
  });

  it('opens the table from the palette; hostile names are literal, bounded text in a virtualised grid', async () => {
    await wb.statusItem('MLflow: not connected').waitFor({ timeout: 60_000 });
    await wb.page.locator('.part.activitybar a.action-label[aria-label^="MLflow"]').click();
    await wb.page
      .locator('.part.sidebar .welcome-view-content .monaco-button', {
        hasText: 'Connect to Tracking Server',
      })
      .first()
      .click();
    await wb.page.locator('.quick-input-widget input.input').fill(server.baseUrl);
    await wb.page.keyboard.press('Enter');
    await wb.statusItem(/MLflow: (?!not connected)/).waitFor({ timeout: 60_000 });
    await wb.runCommand('MLflow: Open Runs Table');
    await wb.page.locator('.quick-input-widget input.input').fill('sweep-table');
    await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'sweep-table' }).first().click();
    const frame = wb.webview();
    const total = generated.runIds.length.toLocaleString('en-US');
    await frame.locator('.rt-status', { hasText: `${total} runs` }).waitFor({ timeout: 60_000 });
    const rows = frame.locator('.rt-row');
    const inDom = await rows.count();
    assert.ok(inDom > 5 && inDom < 80, `a window of rows is in the DOM (${String(inDom)} of ${total})`);
    // Newest first: the hostile runs. Their names are text, never markup; controls and bidi show as ␟.
    assert.equal(
      await frame.locator('.rt-canvas img, .rt-canvas script').count(),
      0,
      'no markup became elements',
    );
    const names = await frame.locator('.rt-row .rt-name').allTextContents();
    assert.ok(names.includes(HOSTILE_NAMES[0] ?? ''), 'the markup name is shown literally');
    assert.ok(
      names.some((n) => n.includes('invoice\u241fgpj.exe')),
      'the bidi override is shown as ␟',
    );
    assert.ok(
      names.every((n) => n.length <= 220),
      'a 1 MB name is cut in its cell',
    );
    await wb.shot('70-runs-table-hostile-dark');
  });

  it('shows aggregate columns, groups by a param with best / mean, sorts by an aggregate, dark and light', async () => {
    const frame = wb.webview();
    await frame.locator('.rt-btn', { hasText: 'Columns…' }).click();
    const chooser = frame.locator('.rt-chooser');
    await chooser.locator('input[type=number]').fill('10');
    await chooser.locator('input[type=number]').dispatchEvent('change');
    await chooser.locator('input[type=search]').fill('loss_0');
    const loss = chooser.locator('.rt-key', { hasText: 'loss_0' });
    for (const label of ['min', 'last', '@step']) {
      await loss.locator('label', { hasText: label }).locator('input').check();
    }
    await chooser.locator('input[type=search]').fill('accuracy');
    await chooser
      .locator('.rt-key', { hasText: 'accuracy' })
      .locator('label', { hasText: 'latest' })
      .locator('input')
      .check();
    await chooser.locator('.rt-btn', { hasText: 'Done' }).click();
    await frame.locator('.rt-th', { hasText: 'loss_0 (last)' }).waitFor();
    await frame
      .locator('.rt-status', { hasText: 'computing' })
      .waitFor({ state: 'detached', timeout: 60_000 })
      .catch(() => undefined);
    await frame.locator('.rt-status:not(:has-text("computing"))').waitFor({ timeout: 60_000 });
    await frame.locator('select.rt-select').selectOption({ label: 'Group by param model' });
    const groups = frame.locator('.rt-row.rt-group');
    await groups.first().waitFor();
    // Fold the first group (its twisty): the other groups come into view.
    await groups.first().locator('.rt-twisty').click();
    await groups.nth(1).waitFor();
    assert.equal(await groups.count(), 2, 'rf and logreg (every generated run has the param)');
    await groups.first().locator('.rt-twisty').click();
    assert.match((await groups.first().textContent()) ?? '', /best .* · mean /);
    // Sort by the last value of loss_0: lowest first (a loss), the best group on top.
    await frame.locator('.rt-th', { hasText: 'loss_0 (last)' }).click();
    await frame.locator('.rt-th', { hasText: 'loss_0 (last) ▼' }).waitFor();
    await frame.locator('.rt-th', { hasText: 'loss_0 (last)' }).click();
    await frame.locator('.rt-th', { hasText: 'loss_0 (last) ▲' }).waitFor();
    // Keyboard: move into the first run of the first group and select it.
    await frame.locator('.rt-grid').focus();
    await wb.page.keyboard.press('ArrowDown');
    await wb.page.keyboard.press(' ');
    await frame.locator('.rt-status', { hasText: '1 selected' }).waitFor();
    assert.equal(await frame.locator('.rt-btn', { hasText: 'Compare' }).isEnabled(), true);
    await wb.shot('71-runs-table-aggregates-grouped-dark');
    await wb.useLightTheme();
    await wb.shot('72-runs-table-aggregates-grouped-light');
  });

  async function openTable(name: string, runs: string): Promise<void> {
    await wb.runCommand('MLflow: Open Runs Table');
    await wb.page.locator('.quick-input-widget input.input').fill(name);
    await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().click();
    await wb
      .webview()
      .locator('.rt-status', { hasText: `${runs} runs` })
      .waitFor({ timeout: 60_000 });
  }

  async function useDarkTheme(): Promise<void> {
    await wb.runCommand('Preferences: Color Theme');
    await wb.page.locator('.quick-input-widget input.input').fill('Dark Modern');
    await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Dark Modern' }).first().click();
    await wb.page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 10_000 });
  }

  it('draws a line chart of 1,000 runs; a click on a line selects its run in the table, dark and light', async () => {
    await useDarkTheme();
    await openTable('sweep-1000', '1,000');
    const frame = wb.webview();
    await frame.locator('.rc-tab', { hasText: 'Line' }).click();
    await frame.locator('select[aria-label="Metric"]').selectOption('loss_0');
    await frame
      .locator('.rc-caption', { hasText: /^1,000 runs · up to \d+ points per line$/ })
      .waitFor({ timeout: 60_000 });
    const caption = (await frame.locator('.rc-caption').textContent()) ?? '';
    const perLine = Number(/up to (\d+)/.exec(caption)?.[1]);
    assert.ok(perLine > 10 && perLine <= 100, `points per line bounded (${caption})`);
    // A click in the plot selects the run of the nearest line: the table selects it too.
    const canvas = frame.locator('.rc-line canvas');
    const box = await canvas.boundingBox();
    assert.ok(box);
    await canvas.click({ position: { x: box.width * 0.3, y: box.height * 0.4 } });
    await frame.locator('.rt-status', { hasText: '1 selected' }).waitFor();
    assert.equal(await frame.locator('.rt-row.rt-selected').count(), 1, 'the run is selected in the table');
    await wb.shot('73-runs-table-line-1000-selected-dark');
    await wb.useLightTheme();
    await frame.locator('.rc-caption', { hasText: /^1,000 runs/ }).waitFor();
    await wb.shot('74-runs-table-line-1000-selected-light');
    // By time since each run started: the series come again with their times.
    await frame.locator('select[aria-label="Line chart x axis"]').selectOption({ label: 'Relative time' });
    await frame
      .locator('.rc-caption', { hasText: /^1,000 runs · up to \d+ points per line$/ })
      .waitFor({ timeout: 60_000 });
    await wb.shot('74a-runs-table-line-relative-time-light');
    // The scatter of the same runs: a numeric param against a metric by default.
    await frame.locator('.rc-tab', { hasText: 'Scatter' }).click();
    await frame.locator('.rc-caption', { hasText: '1,000 runs with both values' }).waitFor();
    await wb.shot('74b-runs-table-scatter-1000-light');
    // Parallel coordinates of every run on one canvas; the run picked above stays in colour on top.
    await frame.locator('.rc-tab', { hasText: 'Parallel' }).click();
    await frame.locator('.rc-caption', { hasText: /^1,000 runs on [2-6] axes$/ }).waitFor();
    assert.equal(await frame.locator('.rc-canvas canvas').count(), 1, 'one canvas for 1,000 lines');
    await wb.shot('74c-runs-table-parallel-1000-light');
    await useDarkTheme();
    await frame.locator('.rc-caption', { hasText: /^1,000 runs on/ }).waitFor();
    await wb.shot('74d-runs-table-parallel-1000-dark');
    const plot = frame.locator('.rc-canvas canvas');
    const area = await plot.boundingBox();
    assert.ok(area);
    // A Ctrl+click on a line adds its run to the selection in the table.
    await frame.locator('.rt-status', { hasText: '1 selected' }).waitFor();
    await plot.click({ position: { x: area.width / 2, y: area.height / 2 }, modifiers: ['Control'] });
    await frame.locator('.rt-status', { hasText: '2 selected' }).waitFor();
    // An aggregate column is a scatter axis too, titled as its header, once its figures are in.
    await frame.locator('.rt-btn', { hasText: 'Columns…' }).click();
    const chooser = frame.locator('.rt-chooser');
    await chooser.locator('input[type=search]').fill('accuracy');
    await chooser
      .locator('.rt-key', { hasText: 'accuracy' })
      .locator('label', { hasText: 'max' })
      .locator('input')
      .check();
    await chooser.locator('.rt-btn', { hasText: 'Done' }).click();
    await frame.locator('.rt-th', { hasText: 'accuracy (max)' }).waitFor();
    await frame.locator('.rt-status:not(:has-text("computing"))').waitFor({ timeout: 60_000 });
    await frame.locator('.rc-tab', { hasText: 'Scatter' }).click();
    await frame.locator('select[aria-label="x axis"]').selectOption({ label: 'accuracy (max)' });
    await frame.locator('select[aria-label="y axis"]').selectOption({ label: 'param lr' });
    await frame.locator('.rc-caption', { hasText: '1,000 runs with both values' }).waitFor();
    assert.equal(
      await frame.locator('.rc-canvas canvas').getAttribute('aria-label'),
      'Scatter of param lr against accuracy (max)',
    );
    await wb.shot('74e-runs-table-scatter-aggregate-dark');
    await wb.useLightTheme();
  });

  it('opens a searchable grid of 3,000 metric cards, only those in view drawn, light and dark', async () => {
    await openTable('wide-3000', '6');
    const frame = wb.webview();
    await frame.locator('.rc-tab', { hasText: 'Cards' }).click();
    await frame.locator('.rc-caption', { hasText: '3,001 metrics' }).waitFor({ timeout: 60_000 });
    const cards = frame.locator('.rc-card');
    await cards.first().waitFor();
    const first = await cards.count();
    assert.ok(first > 0 && first < 60, `a window of cards (${String(first)} of 3,001)`);
    // Scroll far down: other cards replace the first ones, as many as before.
    await frame.locator('.rc-scroller').evaluate((e) => {
      e.scrollTop = e.scrollHeight / 2;
    });
    await frame.locator('.rc-card-title', { hasText: 'accuracy' }).waitFor({ state: 'detached' });
    assert.ok((await cards.count()) <= first + 8, 'still a window of cards after a scroll');
    await wb.shot('75-runs-table-cards-3000-light');
    // Dark first: the palette's Escape would clear a search box that has the focus.
    await useDarkTheme();
    await frame.locator('.rc-search').fill('loss_29');
    // loss_29, loss_290..299 and loss_2900..2999.
    await frame.locator('.rc-caption', { hasText: /^111 metrics$/ }).waitFor();
    await frame.locator('.rc-card-title', { hasText: 'loss_29' }).first().waitFor();
    assert.ok((await cards.count()) < 60);
    await wb.shot('76-runs-table-cards-search-dark');
  });
});
