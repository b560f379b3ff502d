import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../harness/codeServer';
import { openWorkbench, type Workbench } from './workbench';

// The Prompts view over the recorded MLflow 3.11.1 sqlite store (copied into the sandbox's
// workspace at run time): prompts with versions and aliases, a version's details, its template
// with {{variables}} marked, and a diff of two versions; dark, then light.
describe('Prompts view (Chromium + code-server + the 3.11.1 sqlite store)', () => {
  let wb: Workbench;
  const db = path.join(REPO_ROOT, 'test', 'fixtures', 'mlflow-3.11.1', 'sqlite', 'mlflow.db');

  before(async () => {
    wb = await openWorkbench({ theme: 'dark' });
  });

  after(async () => {
    await wb.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await wb.shot(`zz-failed-prompts-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`);
    }
  });

  const row = (text: string | RegExp): ReturnType<Workbench['page']['locator']> =>
    wb.page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first();

  const pointerAway = async (): Promise<void> => {
    // Keep the pointer off the rows so that no tooltip covers them.
    await wb.page.mouse.move(1200, 700);
    await wb.page.locator('.monaco-hover').first().waitFor({ state: 'hidden', timeout: 10_000 });
  };

  it('shows prompts → versions with aliases and details, a template, and a diff of two versions', async () => {
    await wb.statusItem('MLflow: not connected').waitFor({ timeout: 60_000 });
    const store = path.join(wb.dirs.workspace, 'prompts-store', 'mlflow.db');
    fs.mkdirSync(path.dirname(store), { recursive: true });
    fs.copyFileSync(db, store);
    fs.mkdirSync(path.join(wb.dirs.workspace, '.vscode'), { recursive: true });
    fs.writeFileSync(
      path.join(wb.dirs.workspace, '.vscode', 'settings.json'),
      JSON.stringify({ 'mlflow.trackingUri': `sqlite:///${store}` }),
    );
    await wb.page.locator('.part.activitybar a.action-label[aria-label^="MLflow"]').click();
    // Room for the Prompts view: fold Experiments and Models, widen the side bar.
    for (const pane of ['Experiments', 'Models']) {
      // The title, not the header's middle: a view's title actions (Filter…) sit over the rest of it.
      await wb.page.locator('.part.sidebar .pane-header h3.title', { hasText: pane }).first().click();
    }
    // The Prompts view starts folded (most experiments have none): unfold it.
    const prompts = wb.page.locator('.part.sidebar .pane-header', { hasText: 'Prompts' }).first();
    if ((await prompts.getAttribute('aria-expanded')) !== 'true') {
      await prompts.click();
    }
    const bar = await wb.page.locator('.part.sidebar').boundingBox();
    if (bar !== null) {
      await wb.page.mouse.move(bar.x + bar.width - 1, bar.y + bar.height / 2);
      await wb.page.mouse.down();
      await wb.page.mouse.move(bar.x + 620, bar.y + bar.height / 2, { steps: 10 });
      await wb.page.mouse.up();
    }
    await row('support-system-prompt').click({ timeout: 30_000 });
    await row('@staging · text').waitFor({ timeout: 30_000 });
    // A click on a version opens its template; the arrow key then unfolds its details.
    await row('@production · text').click();
    await wb.page
      .locator('.tabs-container .tab', { hasText: 'support-system-prompt v2.mlflow-prompt' })
      .waitFor({ timeout: 30_000 });
    await wb.page
      .locator('.part.editor .view-line', { hasText: 'concise and friendly' })
      .waitFor({ timeout: 30_000 });
    // Unfold its details by the twistie: a click on the row opens the template again and gives the
    // editor the focus, so an arrow key would move the editor's cursor instead.
    await row('@production · text').locator('.monaco-tl-twistie').click();
    await row('Model config').waitFor({ timeout: 30_000 });
    await row('summarize-ticket').click();
    // The chat version's template: a `## role` heading above each message.
    await row('@production · chat').click({ timeout: 30_000 });
    await wb.page
      .locator('.part.editor .view-line', { hasText: 'You summarize support tickets' })
      .first()
      .waitFor({ timeout: 30_000 });
    await pointerAway();
    await wb.shot('70-prompts-view-dark');

    await wb.contextMenu(row('@production · chat'), 'Compare Prompt Versions…');
    await wb.page
      .locator('.quick-input-widget .monaco-list-row', { hasText: 'Version 1' })
      .first()
      .click({ timeout: 30_000 });
    const diff = wb.page.locator('.part.editor .monaco-diff-editor').first();
    await diff.waitFor({ timeout: 30_000 });
    // The whole editor area for the diff, so that it is drawn side by side.
    await wb.runCommand('View: Toggle Primary Side Bar Visibility');
    await diff
      .locator('.editor.original .view-line', { hasText: 'You summarize support tickets' })
      .first()
      .waitFor({ timeout: 30_000 });
    await diff
      .locator('.editor.modified .view-line', { hasText: 'sentiment' })
      .first()
      .waitFor({ timeout: 30_000 });
    await pointerAway();
    await wb.shot('71-prompts-diff-dark');

    await wb.useLightTheme();
    await pointerAway();
    await wb.shot('72-prompts-diff-light');
    await wb.runCommand('View: Toggle Primary Side Bar Visibility');
    await row('@production · text').click({ timeout: 30_000 });
    await wb.page
      .locator('.part.editor .view-line', { hasText: 'concise and friendly' })
      .first()
      .waitFor({ timeout: 30_000 });
    await pointerAway();
    await wb.shot('73-prompts-view-light');
  });
});
