import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openWorkbench, type Workbench } from './workbench';

describe('New Custom Model… wizard and Log Model in the workbench (Chromium + code-server + packaged .vsix)', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench();
  });

  after(async () => {
    await wb.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await wb.shot(`zz-failed-scaffold-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`);
    }
  });

  it('walks template → name → folder in the quick input and opens the new project', async () => {
    await wb.statusItem('MLflow: not connected').waitFor({ timeout: 90_000 });
    await wb.runCommand('MLflow: New Custom Model…');
    const widget = wb.page.locator('.quick-input-widget');
    const rows = widget.locator('.monaco-list-row');
    await rows.filter({ hasText: 'Wrap an ONNX language model' }).waitFor({ timeout: 20_000 });
    const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    assert.equal(labels.length, 3, labels.join('\n'));
    ['Wrap an ONNX language model', 'Model from code', 'Wrap a transformers pipeline'].forEach((label, i) => {
      assert.ok(labels[i]?.startsWith(label), `${labels[i] ?? ''} starts with ${label}`);
    });
    // keep the pointer off the title so no tooltip hides the step counter (a cosmetic wait: it may never have shown)
    await wb.page.mouse.move(700, 600);
    await wb.page
      .locator('.workbench-hover-container')
      .waitFor({ state: 'hidden', timeout: 5_000 })
      .catch(() => undefined);
    await wb.shot('30-scaffold-wizard-template');
    await rows.filter({ hasText: 'Model from code' }).click();

    // step 2: the name, checked as it is typed
    const input = widget.locator('input.input');
    await widget
      .locator('.quick-input-message', { hasText: 'Python identifier' })
      .waitFor({ timeout: 10_000 });
    await input.fill('Ticket Router');
    await widget
      .locator('.quick-input-message', { hasText: 'lower-case letters' })
      .waitFor({ timeout: 10_000 });
    await wb.shot('31-scaffold-wizard-name-rejected');
    await input.fill('ticket_router');
    await widget
      .locator('.quick-input-message', { hasText: 'Python identifier' })
      .waitFor({ timeout: 10_000 });
    await input.press('Enter');

    // step 3: code-server's folder dialog is the simple quick-input one: a path to type
    await widget
      .locator('.quick-input-title', { hasText: 'where to create ticket_router/' })
      .waitFor({ timeout: 20_000 });
    // The dialog writes its own path into the box once it has listed the folder; typed before that,
    // ours was once appended to it (CI): wait for the listing, then type until the box holds ours.
    await rows.filter({ hasText: 'iris-model' }).waitFor({ timeout: 20_000 });
    const folder = `${wb.dirs.workspace}/`;
    // Type, then wait for the box to hold ours (the dialog may still write its own path once).
    for (let attempt = 1; (await input.inputValue()) !== folder; attempt++) {
      await input.fill(folder);
      const held = await wb.page
        .waitForFunction(
          (want) =>
            document.querySelector<HTMLInputElement>('.quick-input-widget input.input')?.value === want,
          folder,
          { timeout: 10_000 },
        )
        .then(
          () => true,
          () => false,
        );
      if (held || attempt === 3) {
        break;
      }
    }
    assert.equal(await input.inputValue(), folder);
    await wb.shot('32-scaffold-wizard-folder');
    await widget.locator('.monaco-button', { hasText: 'Create ticket_router/ Here' }).click();

    const project = path.join(wb.dirs.workspace, 'ticket_router');
    await wb.page.locator('.tabs-container .tab', { hasText: 'README.md' }).waitFor({ timeout: 30_000 });
    await wb.page
      .locator('.tabs-container .tab.active', { hasText: 'model.py' })
      .waitFor({ timeout: 30_000 });
    assert.deepEqual(fs.readdirSync(project).sort(), [
      'README.md',
      'log_model.py',
      'model.py',
      'python_env.yaml',
      'requirements.txt',
    ]);
    await wb.page
      .locator('.monaco-editor .view-line', {
        hasText: 'class TicketRouterModel(mlflow.pyfunc.PythonModel):',
      })
      .waitFor({ timeout: 20_000 });
    // the new folder shows in the Explorer; open it (a click may only select a row that is being revealed)
    const folderRow = wb.page.locator('.explorer-folders-view .monaco-list-row', {
      hasText: 'ticket_router',
    });
    await folderRow.click({ timeout: 30_000 });
    const scriptRow = wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'log_model.py' });
    if (!(await scriptRow.isVisible())) {
      await wb.page.keyboard.press('ArrowRight');
    }
    await scriptRow.waitFor({ timeout: 20_000 });
    await wb.shot('33-scaffold-files');
  });

  it('logs the project from the CodeLens on log_model.py and offers to serve the logged model', async () => {
    await wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'log_model.py' }).click();
    await wb.page
      .locator('.tabs-container .tab.active', { hasText: 'log_model.py' })
      .waitFor({ timeout: 20_000 });
    const lens = wb.page.locator('.monaco-editor .codelens-decoration a', { hasText: 'MLflow: Log Model' });
    await lens.waitFor({ timeout: 30_000 });
    await wb.shot('34-scaffold-log-model-codelens');
    await lens.click();
    const toast = wb.page.locator('.notifications-toasts .notification-toast', {
      hasText: 'Logged ticket_router: runs:/5479c2e952464803bc764edb72ee0164/model',
    });
    await toast.waitFor({ timeout: 60_000 });
    assert.deepEqual(
      (await toast.locator('.monaco-button').allTextContents()).map((t) => t.trim()).filter((t) => t !== ''),
      ['Serve', 'Copy URI'],
    );
    await wb.page
      .locator('.part.panel', {
        hasText: 'MLFLOW_LOGGED_MODEL_URI=runs:/5479c2e952464803bc764edb72ee0164/model',
      })
      .waitFor({ timeout: 20_000 });
    await wb.shot('35-scaffold-logged-serve-offer');
  });
});
