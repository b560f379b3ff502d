import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { HOSTILE_TRACE_ID, writeHostileTraceDb } from '../support/mlflow/hostileTraceDb';
import { SHARED_3 } from '../support/mlflow/traceFixtures';
import { openWorkbench, useLocalStore, type Workbench } from './workbench';

// A trace whose names, attributes, events, tags and inputs/outputs carry markup, a Markdown command
// link, control characters, a bidi override and 1 MB strings (test/support/mlflow/hostileTraceDb.ts),
// opened in the real trace panel: everything must arrive as inert, visible text.
describe('Trace panel with hostile span content (Chromium + code-server, recorded 3.11.1 mlflow.db + one hostile trace)', () => {
  let wb: Workbench;
  const dialogs: string[] = [];

  before(async () => {
    wb = await openWorkbench();
    wb.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await useLocalStore(wb, 'hostile-store', (db) =>
      writeHostileTraceDb(path.join(SHARED_3, 'sqlite', 'mlflow.db'), db, 1),
    );
  });

  after(async () => {
    await wb.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await wb.shot(`zz-failed-trace-hostile-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 50)}`);
    }
  });

  it('shows markup as text, bidi overrides and controls as visible marks, and folds 1 MB values', async () => {
    await wb.runCommand('MLflow: Open Trace…');
    const input = wb.page.locator('.quick-input-widget input.input');
    await input.fill(HOSTILE_TRACE_ID);
    await wb.page.keyboard.press('Enter');
    const view = wb.webview();
    const rows = view.locator('#span-tree .span-row');
    await rows.nth(7).waitFor({ timeout: 60_000 });
    assert.equal(await rows.count(), 8);

    // Markup is the title's text, not an element; nothing in the panel is an image, frame or link.
    assert.equal(await view.locator('#title').textContent(), '<img src=x onerror=alert(1)>');
    assert.equal(await view.locator('img, iframe, object, embed, a[href]').count(), 0);
    assert.equal(await view.locator('[onerror], [onload], [onclick]').count(), 0);
    const scripts = await view
      .locator('script')
      .evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).src || e.textContent.slice(0, 40)));
    assert.ok(
      scripts.every((s) => !s.includes('alert')),
      `only the panel's own scripts: ${JSON.stringify(scripts)}`,
    );

    // The bidi override cannot reorder the span's name: it shows as U+241F.
    const bidi = rows.filter({ hasText: 'invoice' });
    const bidiText = (await bidi.textContent()) ?? '';
    assert.ok(bidiText.includes('invoice\u241fgpj.exe'), JSON.stringify(bidiText));
    assert.ok(!bidiText.includes('\u202e'));
    const controls = (await rows.filter({ hasText: /^.*ctl/ }).textContent()) ?? '';
    const raw = Array.from(controls).filter((c) => c.charCodeAt(0) < 0x20 && !'\t\n\r'.includes(c));
    assert.deepEqual(raw, [], 'control characters are shown as marks');
    assert.ok(controls.includes('ctl\u241f'), JSON.stringify(controls.slice(0, 40)));

    // The 1 MB output is folded: the pane holds a short preview and a "show more".
    await rows.filter({ hasText: 'span-6-start' }).click();
    await view.locator('#span-title', { hasText: 'span-6-start' }).waitFor({ timeout: 10_000 });
    const outputs = view.locator('#span-outputs');
    await outputs.locator('.show-more').first().waitFor({ timeout: 10_000 });
    const shown = (await outputs.textContent()) ?? '';
    assert.ok(shown.length < 5_000, `the 1 MB value is folded (${String(shown.length)} characters shown)`);

    // The command link is inert text too: clicking it opens nothing and runs nothing.
    await rows.filter({ hasText: '[run](command:' }).click();
    await view.locator('#span-title', { hasText: '[run](command:' }).waitFor({ timeout: 10_000 });
    assert.equal(await view.locator('a[href]').count(), 0);
    await wb.shot('64-trace-hostile-dark');
    assert.deepEqual(dialogs, [], 'no alert, confirm or prompt was raised');
  });
});
