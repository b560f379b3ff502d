import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../harness/codeServer';
import { openWorkbench, type Workbench } from './workbench';

// The Traces node of a GenAI experiment, expanded, in the dark theme: the recorded MLflow 3.11.1
// sqlite store (copied from test/fixtures into the sandbox's workspace at run time).
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
    // The connect box sends local stores to *Open Local Store*; a workspace setting pointing at a
    // copy in the sandbox's workspace connects without a file dialog.
    const store = path.join(wb.dirs.workspace, 'traces-store', 'mlflow.db');
    fs.mkdirSync(path.dirname(store), { recursive: true });
    fs.copyFileSync(db, store);
    fs.mkdirSync(path.join(wb.dirs.workspace, '.vscode'), { recursive: true });
    fs.writeFileSync(
      path.join(wb.dirs.workspace, '.vscode', 'settings.json'),
      JSON.stringify({ 'mlflow.trackingUri': `sqlite:///${store}` }),
    );
    await wb.page.locator('.part.activitybar a.action-label[aria-label^="MLflow"]').click();
    // Its kind (mlflow.experimentKind = genai_development) shows as the icon and in the description.
    await wb.page
      .locator('.part.sidebar .monaco-list-row', { hasText: 'GenAI apps & agents' })
      .filter({ hasText: 'support-agent', has: wb.page.locator('.codicon-sparkle') })
      .first()
      .waitFor({ timeout: 30_000 });
    await row('support-agent').click({ timeout: 30_000 });
    await row(/^Traces/).click({ timeout: 30_000 });
    // A trace row's description carries its token count once the first page has arrived.
    await row(/\d tokens/).waitFor({ timeout: 30_000 });
    // Room for the whole list and its descriptions: fold the Models view, widen the side bar.
    // The title, not the header's middle: a view's title actions sit over the rest of it.
    await wb.page.locator('.part.sidebar .pane-header h3.title', { hasText: 'Models' }).first().click();
    // The Prompts view (expanded once it lists prompts) would squeeze the list as well.
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
      await wb.page.mouse.move(bar.x + 760, bar.y + bar.height / 2, { steps: 10 });
      await wb.page.mouse.up();
    }
    // The one failed trace (the 23rd, newest first) shows with the error icon.
    const failed = wb.page
      .locator('.part.sidebar .monaco-list-row', { hasText: 'support_agent' })
      .filter({ has: wb.page.locator('.codicon-error') })
      .first();
    await failed.waitFor({ timeout: 10_000 });
    // Keep the pointer off the rows so that no tooltip covers them.
    await wb.page.mouse.move(1200, 700);
    await wb.page.locator('.monaco-hover').first().waitFor({ state: 'hidden', timeout: 10_000 });
    await wb.shot('60-traces-list');
    // The failed trace's tooltip: plain text, its id and state among the lines.
    await failed.hover();
    await wb.page
      .locator('.monaco-hover', { hasText: 'Trace ID: tr-f73be9a00575257de08694e2c271d08a' })
      .first()
      .waitFor({ timeout: 15_000 });
    await wb.shot('61-trace-tooltip');
  });

  it('filters the traces with completion, groups them by session and shows the filter on the node', async () => {
    const traces = row(/^Traces/);
    await traces.hover();
    await traces.locator('.action-label[aria-label^="Filter Traces"]').click();
    const input = wb.page.locator('.quick-input-widget input.input');
    await input.waitFor({ timeout: 10_000 });
    // The keys come from the loaded traces: their user tags complete by name.
    await input.fill('cha');
    await wb.page
      .locator('.quick-input-widget .monaco-list-row', { hasText: 'tags.channel' })
      .first()
      .waitFor({ timeout: 10_000 });
    await wb.shot('62-traces-filter-completion');
    const filter = "tags.channel = 'web'";
    await input.fill(filter);
    await wb.page
      .locator('.quick-input-widget .monaco-list-row', { hasText: `Apply filter: ${filter}` })
      .waitFor({ timeout: 10_000 });
    await wb.page.keyboard.press('Enter');
    await row(`filter: ${filter}`).waitFor({ timeout: 15_000 });
    await traces.hover();
    await traces.locator('.action-label[aria-label^="Group Traces by Session"]').click();
    // Of the 15 web traces, 4 are in sess-model-v1 and one has no session.
    await row(/sess-model-v1\s*4 traces/).waitFor({ timeout: 15_000 });
    await row(/No session\s*1 trace/).waitFor({ timeout: 15_000 });
    await row('sess-model-v1').click();
    await wb.page.mouse.move(1200, 700);
    await wb.page.locator('.monaco-hover').first().waitFor({ state: 'hidden', timeout: 10_000 });
    await wb.shot('63-traces-filtered-by-session');
  });

  it('shows the filtered, grouped list in the light theme too', async () => {
    await wb.useLightTheme();
    await wb.page.locator('.monaco-workbench.vs').waitFor({ timeout: 15_000 });
    // The same rows, drawn again in the light theme: the session group and the failed icon's colour.
    await row(/sess-model-v1\s*4 traces/).waitFor({ timeout: 15_000 });
    await wb.page.mouse.move(1200, 700);
    await wb.page.locator('.monaco-hover').first().waitFor({ state: 'hidden', timeout: 10_000 });
    await wb.shot('64-traces-filtered-light');
  });
});
