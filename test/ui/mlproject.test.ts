import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openWorkbench, type Workbench } from './workbench';

describe('MLproject problems in the workbench (Chromium + code-server + packaged .vsix)', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench();
  });

  after(async () => {
    await wb.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await wb.shot(`zz-failed-mlproject-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`);
    }
  });

  it('shows a placeholder naming no parameter in the Problems panel, at its line', async () => {
    await wb.statusItem('MLflow: not connected').waitFor({ timeout: 90_000 });
    const dir = path.join(wb.dirs.workspace, 'wine-project');
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, 'python_env.yaml'),
      'python: "3.11"\nbuild_dependencies:\n- pip\ndependencies:\n- mlflow\n',
    );
    fs.writeFileSync(
      path.join(dir, 'MLproject'),
      'name: wine\npython_env: python_env.yaml\nentry_points:\n  main:\n    parameters:\n      alpha: {type: float, default: 0.5}\n    command: "python train.py --alpha {alpha} --epochs {epochs}"\n',
    );
    await wb.page
      .locator('.explorer-folders-view .monaco-list-row', { hasText: 'wine-project' })
      .click({ timeout: 30_000 });
    await wb.page
      .locator('.explorer-folders-view .monaco-list-row', { hasText: 'MLproject' })
      .first()
      .click({ timeout: 10_000 });
    await wb.page
      .locator('.tabs-container .tab', { hasText: 'MLproject' })
      .first()
      .waitFor({ timeout: 10_000 });
    await wb.statusItem(/^MLproject$/).waitFor({ timeout: 30_000 });
    await wb.runCommand('Problems: Focus on Problems View');
    const rows = wb.page.locator('.markers-panel .monaco-list-row');
    await rows.filter({ hasText: '{epochs}' }).first().waitFor({ timeout: 20_000 });
    const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    assert.ok(
      labels.some((l) => /\{epochs\}/.test(l) && /line 7/.test(l)),
      labels.join('\n'),
    );
    await wb.shot('20-mlproject-problems');
  });
});
