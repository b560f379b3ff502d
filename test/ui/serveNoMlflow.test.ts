import * as fs from 'node:fs';
import * as path from 'node:path';
import { openWorkbench, type Workbench } from './workbench';

// Serving with a Python that does not exist: the user must learn why before any question about
// serving is asked, be told which setting decides it, and get to that setting in one click.
describe('Serve Model Locally without a Python that has MLflow (Chromium + code-server + packaged .vsix)', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench();
    // The workspace overrides the stand-in the sandbox's user settings name; a reload reads it
    // at start-up, so no test races the settings file watcher.
    fs.mkdirSync(path.join(wb.dirs.workspace, '.vscode'), { recursive: true });
    fs.writeFileSync(
      path.join(wb.dirs.workspace, '.vscode', 'settings.json'),
      JSON.stringify({ 'mlflow.pythonPath': '/nonexistent/bin/python' }),
    );
    await wb.runCommand('Developer: Reload Window');
    await wb.page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
    await wb.page
      .locator('.explorer-folders-view .monaco-list-row', { hasText: 'iris-model' })
      .waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await wb.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await wb.shot(`zz-failed-serve-no-mlflow-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 50)}`);
    }
  });

  it('says which Python it tried and which setting to change, before any prompt, and opens that setting', async () => {
    const folder = wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'iris-model' });
    await folder.click();
    const mlmodel = wb.page
      .locator('.explorer-folders-view .monaco-list-row', { hasText: /^MLmodel$/ })
      .first();
    await mlmodel.waitFor({ timeout: 20_000 });
    // The folder's last file is drawn once the expansion has settled: a right-click sooner can
    // land on a row that is still moving (CI once got a file's menu without the MLmodel entries).
    await wb.page
      .locator('.explorer-folders-view .monaco-list-row', { hasText: 'serving_input_example.json' })
      .waitFor({ timeout: 20_000 });
    // Select the MLmodel row first, so the menu is the MLmodel's whichever row the pointer meets.
    await mlmodel.click();
    await wb.page
      .locator('.explorer-folders-view .monaco-list-row.selected', { hasText: /^MLmodel$/ })
      .waitFor({ timeout: 20_000 });
    await wb.contextMenu(mlmodel, 'Serve Model Locally');
    const toast = wb.page.locator('.notifications-toasts .notification-toast', {
      hasText: 'No Python interpreter at /nonexistent/bin/python',
    });
    await toast.waitFor({ timeout: 60_000 });
    await toast.locator('.notification-list-item-message', { hasText: 'mlflow.pythonPath' }).waitFor();
    // Nothing asked about the environment manager or the port first.
    await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5_000 });
    const open = toast.locator('.monaco-button', { hasText: 'Open Setting' });
    await open.waitFor();
    await wb.shot('70-serve-no-mlflow-dark');
    await open.click();
    // The Settings editor, searched for the one setting that decides it.
    const settings = wb.page.locator('.settings-editor');
    await settings.waitFor({ timeout: 30_000 });
    await settings
      .locator('.setting-item-contents', { hasText: 'Python Path' })
      .first()
      .waitFor({ timeout: 30_000 });
    await wb.shot('71-serve-no-mlflow-setting-dark');
  });
});
