import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../harness/codeServer';
import { openWorkbench, useLocalStore, type Workbench } from './workbench';

// An experiment's Logged Models node (MLflow 3) expanded down to a model's metrics by step and its
// own artifacts, over the recorded 3.11.1 sqlite store and its served artifacts (copied into the
// sandbox's workspace at run time); dark, then light.
describe('Logged Models node (Chromium + code-server + the 3.11.1 sqlite store)', () => {
  let wb: Workbench;
  const fixture = path.join(REPO_ROOT, 'test', 'fixtures', 'mlflow-3.11.1', 'sqlite');

  before(async () => {
    wb = await openWorkbench({ theme: 'dark' });
  });

  after(async () => {
    await wb.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await wb.shot(`zz-failed-logged-models-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`);
    }
  });

  const row = (text: string | RegExp): ReturnType<Workbench['page']['locator']> =>
    wb.page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first();

  const pointerAway = async (): Promise<void> => {
    await wb.page.mouse.move(1200, 700);
    await wb.page.locator('.monaco-hover').first().waitFor({ state: 'hidden', timeout: 10_000 });
  };

  it('expands a logged model: its metrics by step and its own artifacts, MLmodel opened', async () => {
    await wb.statusItem('MLflow: not connected').waitFor({ timeout: 60_000 });
    await useLocalStore(wb, 'logged-models-store', (db) => {
      fs.copyFileSync(path.join(fixture, 'mlflow.db'), db);
      fs.cpSync(path.join(fixture, 'mlartifacts'), path.join(path.dirname(db), 'mlartifacts'), {
        recursive: true,
      });
    });
    await wb.page.locator('.part.activitybar a.action-label[aria-label^="MLflow"]').click();
    // Room for the tree: fold the Models view (and Prompts, when it unfolded), widen the side bar.
    // The title, not the header's middle: a view's title actions sit over the rest of it.
    await wb.page.locator('.part.sidebar .pane-header h3.title', { hasText: 'Models' }).first().click();
    const prompts = wb.page.locator('.part.sidebar .pane-header[aria-expanded="true"]', {
      hasText: 'Prompts',
    });
    if ((await prompts.count()) > 0) {
      await prompts.first().click();
    }
    const bar = await wb.page.locator('.part.sidebar').boundingBox();
    if (bar !== null) {
      await wb.page.mouse.move(bar.x + bar.width - 1, bar.y + bar.height / 2);
      await wb.page.mouse.down();
      await wb.page.mouse.move(bar.x + 620, bar.y + bar.height / 2, { steps: 10 });
      await wb.page.mouse.up();
    }
    await row('support-agent').click({ timeout: 30_000 });
    // The experiment leads with Traces (GenAI): fold nothing, the Logged Models node follows the runs.
    await row(/^Logged Models/).click({ timeout: 30_000 });
    const v1 = row('m-92f7cb2d · run 88c0cc42');
    await v1.click({ timeout: 30_000 });
    await row(/^Metrics/).click({ timeout: 30_000 });
    await row('1.05 · step 0').waitFor({ timeout: 30_000 });
    await row('0.55 · step 1').waitFor({ timeout: 30_000 });
    await row(/^Artifacts/).click({ timeout: 30_000 });
    await row('conda.yaml').waitFor({ timeout: 30_000 });
    await row(/^MLmodel/).click({ timeout: 30_000 });
    await wb.page
      .locator('.part.editor .view-line', { hasText: 'model_id: m-92f7cb2d35cf41a6b8527ddd10132494' })
      .first()
      .waitFor({ timeout: 30_000 });
    // The metric rows in sight: the tree scrolled to the artifacts as they unfolded.
    await row('1.05 · step 0').scrollIntoViewIfNeeded();
    await pointerAway();
    await wb.shot('76-logged-models-dark');

    await wb.useLightTheme();
    await pointerAway();
    await wb.shot('77-logged-models-light');
  });
});
