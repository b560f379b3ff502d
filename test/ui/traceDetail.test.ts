import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SqliteRegistryStore } from '../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../src/core/tracking/sqlite/sqliteTrackingStore';
import { assessmentOverlay } from '../support/mlflow/assessmentOverlay';
import { startMlflowTestServer, type MlflowTestServer } from '../support/mlflow/mlflowTestServer';
import { SHARED_3 } from '../support/mlflow/traceFixtures';
import { sqliteServerTraces } from '../support/mlflow/traceRoutes';
import { openWorkbench, useLocalStore, type Workbench } from './workbench';

const CHAT_TRACE = 'tr-62271419f50102fb4152e17dcc52f6c6';
const ERROR_TRACE = 'tr-f73be9a00575257de08694e2c271d08a';
const MANY_SPANS = 'tr-c2e32c06106cfeedb6970f34b44aede0';
/** A trace of the recorded evaluation run e356c244… (its metadata names the source run). */
const IN_RUN_TRACE = 'tr-0c030a296680e520f030e16a6cfe5742';
const SOURCE_RUN = 'e356c244f214446dba9d6f16aad460c4';

describe('Trace panel in the workbench (Chromium + code-server, recorded 3.11.1 mlflow.db)', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench();
    // A copy of the recorded store in the sandbox's workspace, made the workspace's tracking URI.
    await useLocalStore(wb, 'genai-store', (db) => {
      fs.copyFileSync(path.join(SHARED_3, 'sqlite', 'mlflow.db'), db);
    });
  });

  after(async () => {
    await wb.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await wb.shot(`zz-failed-trace-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`);
    }
  });

  async function openTrace(traceId: string): Promise<void> {
    // One trace panel at a time: with the last test's panel still open, the webview frame the
    // locators read could be the old one while the new one loads.
    await wb.runCommand('View: Close All Editors');
    await wb.webview().locator('#span-tree').waitFor({ state: 'detached', timeout: 30_000 });
    await wb.runCommand('MLflow: Open Trace…');
    const input = wb.page.locator('.quick-input-widget input.input');
    await input.fill(traceId);
    await wb.page.keyboard.press('Enter');
    await wb.webview().locator('#span-tree .span-row').first().waitFor({ timeout: 60_000 });
  }

  it('shows a chat trace: the CHAT_MODEL span as a conversation (dark)', async () => {
    await openTrace(CHAT_TRACE);
    const view = wb.webview();
    const chatRow = view.locator('#span-tree .span-row', { hasText: 'CHAT_MODEL' }).first();
    await chatRow.click();
    await view.locator('#span-title', { hasText: 'CHAT_MODEL' }).waitFor({ timeout: 10_000 });
    const turns = view.locator('#span-inputs .turn');
    assert.ok((await turns.count()) >= 1, 'the inputs read as chat turns');
    assert.ok((await view.locator('#span-inputs .role').allTextContents()).some((r) => r === 'user'));
    // Keyboard: down selects nothing by itself, Enter does.
    await chatRow.focus();
    await wb.page.keyboard.press('ArrowUp');
    await wb.page.keyboard.press('Enter');
    await view.locator('#span-title:not(:has-text("CHAT_MODEL"))').waitFor({ timeout: 10_000 });
    await wb.page.keyboard.press('ArrowDown');
    await wb.page.keyboard.press('Enter');
    await view.locator('#span-title', { hasText: 'CHAT_MODEL' }).waitFor({ timeout: 10_000 });
    // The local store is read-only: the reason stands where Add feedback would, and no button is offered.
    await view.locator('#span-assessments-read-only', { hasText: 'read-only' }).waitFor({ timeout: 10_000 });
    assert.equal(await view.locator('#add-feedback, #span-add-feedback, .override').count(), 0);
    await wb.shot('61-trace-chat-dark');
  });

  it('renders the 211-span trace and collapses and expands it from the keyboard', async () => {
    await openTrace(MANY_SPANS);
    const view = wb.webview();
    const rows = view.locator('#span-tree .span-row');
    // The rows come in one snapshot; wait for the last before counting them.
    await rows.nth(210).waitFor({ timeout: 30_000 });
    assert.equal(await rows.count(), 211);
    const root = rows.first();
    await root.focus();
    await wb.page.keyboard.press('ArrowLeft');
    await view
      .locator('#span-tree .span-row:not([hidden])')
      .nth(1)
      .waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(await root.getAttribute('aria-expanded'), 'false');
    await wb.page.keyboard.press('ArrowRight');
    await view.locator('#span-tree .span-row:not([hidden])').nth(210).waitFor({ timeout: 10_000 });
    await wb.shot('63-trace-many-spans-dark');
  });

  it('shows the ERROR trace with its exception (light)', async () => {
    await wb.runCommand('View: Close All Editors');
    await wb.useLightTheme();
    await openTrace(ERROR_TRACE);
    const view = wb.webview();
    await view.locator('#trace-state', { hasText: 'ERROR' }).waitFor({ timeout: 10_000 });
    // The first failed span is selected on open, its exception shown with the stack trace.
    await view.locator('.span-row.selected.error').waitFor({ timeout: 10_000 });
    await view.locator('.event.exception .problem', { hasText: 'KeyError' }).waitFor({ timeout: 10_000 });
    assert.match((await view.locator('pre.stack').first().textContent()) ?? '', /Traceback/);
    await wb.shot('62-trace-error-light');
  });

  it('adds feedback from the panel on a REST server: input boxes, a confirmation, then the new row (light)', async () => {
    // The REST test double over the same recorded store, taking assessment writes in memory.
    const db = await SqliteDatabase.open(path.join(SHARED_3, 'sqlite', 'mlflow.db'));
    const server: MlflowTestServer = await startMlflowTestServer(
      new SqliteTrackingStore(db),
      new SqliteRegistryStore(db),
      { traces: sqliteServerTraces(db, assessmentOverlay()) },
    );
    try {
      await wb.runCommand('View: Close All Editors');
      fs.writeFileSync(
        path.join(wb.dirs.workspace, '.vscode', 'settings.json'),
        JSON.stringify({ 'mlflow.trackingUri': server.baseUrl }),
      );
      await wb.statusItem(`MLflow: ${new URL(server.baseUrl).host}`).waitFor({ timeout: 60_000 });
      await openTrace(CHAT_TRACE);
      const view = wb.webview();
      const judge = view.locator('#trace-assessments li', { hasText: 'relevance' });
      await judge
        .locator('.source', { hasText: 'LLM_JUDGE openai:/gpt-4o-mini' })
        .waitFor({ timeout: 10_000 });
      // Keyboard: the button takes focus and Enter presses it.
      await view.locator('#add-feedback').focus();
      await wb.page.keyboard.press('Enter');
      const input = wb.page.locator('.quick-input-widget input.input');
      // One input box after another in the same widget: wait for each box's own title, or an
      // answer typed while the last box is still closing is lost (a loaded CI machine did).
      for (const [title, answer] of [
        ['Add Feedback: name', 'helpful'],
        ['Add Feedback: value of helpful', 'true'],
        ['Add Feedback: rationale', 'Solved it in one reply'],
      ] as const) {
        await wb.page
          .locator('.quick-input-widget .quick-input-title', { hasText: title })
          .waitFor({ timeout: 15_000 });
        await input.fill(answer);
        await wb.page.keyboard.press('Enter');
      }
      const dialog = wb.page.locator('.monaco-dialog-box');
      await dialog
        .filter({ hasText: `Add feedback to trace ${CHAT_TRACE}?` })
        .filter({ hasText: 'Feedback helpful = true' })
        .waitFor({ timeout: 15_000 });
      await wb.shot('64-trace-add-feedback-confirm-light');
      await dialog.locator('.monaco-button', { hasText: 'Add Feedback' }).click();
      const added = view.locator('#trace-assessments li', { hasText: 'helpful' });
      await added.waitFor({ timeout: 20_000 });
      assert.match(
        (await added.textContent()) ?? '',
        /helpful = true \(HUMAN .+\)Override…Solved it in one reply/,
      );
      await view.locator('#assessments-title').scrollIntoViewIfNeeded();
      await wb.shot('65-trace-assessments-after-feedback-light');
    } finally {
      await server.close();
      db.close();
    }
  });

  it('links an evaluation trace to its source run: a click opens the run detail panel (light)', async () => {
    // Back to the recorded store (the test before stopped its REST server).
    const db = path.join(wb.dirs.workspace, 'genai-store', 'mlflow.db');
    fs.writeFileSync(
      path.join(wb.dirs.workspace, '.vscode', 'settings.json'),
      JSON.stringify({ 'mlflow.trackingUri': `sqlite:///${db}` }),
    );
    await wb.statusItem('MLflow: genai-store/mlflow.db').waitFor({ timeout: 60_000 });
    await openTrace(IN_RUN_TRACE);
    const view = wb.webview();
    const link = view.locator('#trace-links #link-source-run');
    await link.waitFor({ timeout: 10_000 });
    assert.equal(await link.textContent(), SOURCE_RUN);
    // A button that posts an intent, never an anchor with a URL.
    assert.equal(await view.locator('#trace-links a').count(), 0);
    await wb.shot('66-trace-links-light');
    await link.click();
    await wb.page.locator('.tabs-container .tab', { hasText: /^Run / }).first().waitFor({ timeout: 30_000 });
  });
});
