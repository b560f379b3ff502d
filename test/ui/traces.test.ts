import * as path from 'node:path';
import { REPO_ROOT } from '../harness/codeServer';
import { openWorkbench, type Workbench } from './workbench';

// The Traces node of a GenAI experiment, expanded, in the dark theme: the recorded MLflow 3.11.1
// sqlite store (read in place from test/fixtures), opened through the welcome view's connect box.
describe('Traces in the Experiments view (Chromium + code-server + the 3.11.1 sqlite store)', () => {
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
      await wb.shot(`zz-failed-traces-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`);
    }
  });

  const row = (text: string | RegExp): ReturnType<Workbench['page']['locator']> =>
    wb.page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first();

  it('expands support-agent: a Traces node first, then its traces newest first with state icons', async () => {
    await wb.statusItem('MLflow: not connected').waitFor({ timeout: 60_000 });
    await wb.page.locator('.part.activitybar a.action-label[aria-label^="MLflow"]').click();
    const welcome = wb.page.locator('.part.sidebar .welcome-view-content', {
      hasText: 'No MLflow tracking server is configured.',
    });
    await welcome.locator('.monaco-button', { hasText: 'Connect to Tracking Server' }).click();
    const input = wb.page.locator('.quick-input-widget input.input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(`sqlite:///${db}`);
    await wb.page.keyboard.press('Enter');
    await row('support-agent').click({ timeout: 30_000 });
    await row(/^Traces/).click({ timeout: 30_000 });
    // A trace row's description carries its token count once the first page has arrived.
    await row(/\d tokens/).waitFor({ timeout: 30_000 });
    // Keep the pointer off the rows so that no tooltip covers them.
    await wb.page.mouse.move(900, 600);
    await wb.page.locator('.monaco-hover').first().waitFor({ state: 'hidden', timeout: 10_000 });
    await wb.shot('60-traces-list');
  });
});
