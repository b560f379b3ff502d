import * as assert from 'node:assert/strict';
import { openWorkbench, type Workbench } from './workbench';

describe('MLmodel hover in the workbench (Chromium + code-server + packaged .vsix)', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench();
  });

  after(async () => {
    await wb.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await wb.shot(`zz-failed-hover-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`);
    }
  });

  it('shows what a field means, and the signature as a column table, when the mouse rests on it', async () => {
    // The hover provider exists once the extension has activated (a loaded machine takes a while).
    await wb.statusItem('MLflow: not connected').waitFor({ timeout: 90_000 });
    await wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'iris-model' }).click();
    await wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'MLmodel' }).first().click();
    await wb.page
      .locator('.tabs-container .tab', { hasText: 'MLmodel' })
      .first()
      .waitFor({ timeout: 10_000 });
    await wb.statusItem(/^MLmodel$/).waitFor({ timeout: 30_000 });

    // The `inputs:` key of the signature (line 26 of the logged iris model), hovered as a person would.
    const line = wb.page.locator('.monaco-editor .view-lines .view-line', { hasText: "inputs: '[{" });
    await line.waitFor({ timeout: 20_000 });
    const key = line.locator('span > span', { hasText: 'inputs' }).first();
    const hover = wb.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content', {
      hasText: '4 columns',
    });
    // A mouse hover can be swallowed while a loaded machine is still laying the editor out: move
    // away and rest on the key again, a few times, as a person would.
    for (let attempt = 1; ; attempt++) {
      await wb.page.mouse.move(5, 5);
      await key.hover();
      try {
        await hover.waitFor({ timeout: 10_000 });
        break;
      } catch (err) {
        if (attempt === 4) {
          throw err;
        }
      }
    }

    const text = (await hover.textContent()) ?? '';
    assert.match(text, /inputs \(string \| null\)/);
    assert.match(text, /JSON list of input specs/);
    const rows = await hover
      .locator('table tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent)));
    assert.deepEqual(rows, [
      ['sepal length (cm)', 'double', 'yes'],
      ['sepal width (cm)', 'double', 'yes'],
      ['petal length (cm)', 'double', 'yes'],
      ['petal width (cm)', 'double', 'yes'],
    ]);
    assert.deepEqual(await hover.locator('table thead th').allTextContents(), ['name', 'type', 'required']);
    await wb.shot('09-mlmodel-hover-signature');
  });
});
