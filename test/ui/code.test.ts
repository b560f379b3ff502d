import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeGitRepository, writeFileStore } from '../support/code/codeFixtures';
import { openWorkbench, type Workbench } from './workbench';

const TRAIN_V1 = [
  'import mlflow',
  '',
  'mlflow.set_experiment("iris-training")',
  'with mlflow.start_run():',
  '    model = train(C=1.0)',
  '    mlflow.log_metric("loss", model.loss)',
  '',
].join('\n');
const TRAIN_V2 = [
  'import mlflow',
  'from data import load_iris',
  '',
  'mlflow.set_experiment("iris-training")',
  'mlflow.autolog()',
  'with mlflow.start_run():',
  '    X, y = load_iris()',
  '    model = train(X, y, C=0.5, max_iter=200)',
  '    mlflow.log_metric("loss", model.loss)',
  '    mlflow.log_metrics({"accuracy": model.accuracy, "f1": model.f1})',
  '',
].join('\n');

describe('Runs and their code in the workbench (Chromium + code-server + packaged .vsix)', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench();
    const repo = makeGitRepository(path.join(wb.dirs.workspace, 'iris-training'), [
      { 'train.py': TRAIN_V1 },
      { 'train.py': TRAIN_V2, 'data.py': 'def load_iris():\n    ...\n' },
    ]);
    const mlruns = path.join(wb.dirs.workspace, 'iris-training-store', 'mlruns');
    const [c1 = '', c2 = ''] = repo.commits;
    writeFileStore(mlruns, '77', 'iris-training', [
      {
        runId: 'a1'.repeat(16),
        name: 'baseline-run',
        startTime: 1767225600000,
        tags: { 'mlflow.source.name': 'train.py', 'mlflow.source.git.commit': c1 },
        metrics: { loss: 0.42, accuracy: 0.88 },
      },
      {
        runId: 'b2'.repeat(16),
        name: 'tuned-run',
        startTime: 1767312000000,
        tags: { 'mlflow.source.name': 'train.py', 'mlflow.source.git.commit': c2 },
        metrics: { loss: 0.27, accuracy: 0.95, f1: 0.94 },
      },
    ]);
    fs.mkdirSync(path.join(wb.dirs.workspace, '.vscode'), { recursive: true });
    fs.writeFileSync(
      path.join(wb.dirs.workspace, '.vscode', 'settings.json'),
      JSON.stringify({ 'mlflow.trackingUri': `file://${mlruns}` }),
    );
    await wb.statusItem(/MLflow: (?!not connected)/).waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await wb.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await wb.shot(`zz-failed-code-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`);
    }
  });

  const sidebar = (): ReturnType<Workbench['page']['locator']> => wb.page.locator('.part.sidebar');
  const row = (text: string | RegExp): ReturnType<Workbench['page']['locator']> =>
    sidebar().locator('.monaco-list-row', { hasText: text }).first();

  async function openTrainPy(): Promise<void> {
    // the command shows the Explorer (clicking its activity bar icon would hide an open one)
    await wb.runCommand('View: Show Explorer');
    await row(/^iris-training$/).click({ timeout: 30_000 });
    await row(/^train\.py$/).click({ timeout: 30_000 });
    await wb.page
      .locator('.tabs-container .tab', { hasText: 'train.py' })
      .first()
      .waitFor({ timeout: 10_000 });
  }

  const lens = (text: string): ReturnType<Workbench['page']['locator']> =>
    wb.page.locator('.editor-group-container.active .codelens-decoration', { hasText: text }).first();

  it('shows metric lenses above the MLflow calls of the training script', async () => {
    await openTrainPy();
    await lens('loss: last 0.27').waitFor({ timeout: 60_000 });
    // lenses on one line share a decoration, separated by ' | '
    const texts = (
      await wb.page
        .locator('.editor-group-container.active .codelens-decoration')
        .evaluateAll((els) => els.map((e) => e.textContent))
    ).flatMap((t) => t.split(/\s\|\s/));
    for (const expected of [
      'MLflow: 2 runs · latest tuned-run: finished · Open Experiment',
      'MLflow autolog: latest tuned-run finished · Compare Latest 2 Runs',
      'loss: last 0.27 · best 0.27 (2 runs) · Compare Latest Runs',
      'accuracy: last 0.95 · best 0.95 (2 runs) · Compare Latest Runs',
      'f1: last 0.94 · best 0.94 (1 run) · Compare Latest Runs',
    ]) {
      assert.ok(texts.includes(expected), `${expected}\nnot in\n${texts.join('\n')}`);
    }
    await wb.shot('70-code-lenses-dark');
  });

  it("diffs two runs' code and lists the files changed between their commits", async () => {
    await wb.page.locator('.part.activitybar a.action-label[aria-label^="MLflow"]').click();
    await row(/^iris-training/).click({ timeout: 30_000 });
    await row(/^baseline-run/).click({ timeout: 30_000 });
    await row(/^tuned-run/).click({ modifiers: ['Control'] });
    await wb.contextMenu(row(/^tuned-run/), "Compare Runs' Code");
    await wb.page
      .locator('.tabs-container .tab', { hasText: /train\.py \([0-9a-f]{8} ↔ [0-9a-f]{8}\)/ })
      .first()
      .waitFor({ timeout: 30_000 });
    const picks = wb.page.locator('.quick-input-widget .monaco-list-row');
    await picks.filter({ hasText: 'data.py' }).first().waitFor({ timeout: 20_000 });
    const labels = await picks.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    assert.ok(
      labels.some((l) => l.includes('train.py')),
      labels.join('\n'),
    );
    await wb.page
      .locator('.editor-group-container.active .monaco-diff-editor .line-insert')
      .first()
      .waitFor({ timeout: 20_000 });
    await wb.shot('71-code-diff-two-runs-dark');
  });

  it("links the run detail panel's source line to the run's code", async () => {
    await wb.page.keyboard.press('Escape');
    const target = row(/^tuned-run/);
    await target.hover();
    await target.locator('.action-label[aria-label^="Open Run Details"]').click();
    const frame = wb.webview();
    await frame.locator('#overview').waitFor({ timeout: 30_000 });
    const overview = (await frame.locator('#overview').textContent()) ?? '';
    assert.match(overview, /Source\s*train\.py — Open at run's commit · Compare with workspace/);
    await wb.shot('74-run-detail-source-links-dark');
    await frame.locator('#compare-with-workspace').click();
    await wb.page
      .locator('.tabs-container .tab', { hasText: /train\.py \([0-9a-f]{8} ↔ workspace\)/ })
      .first()
      .waitFor({ timeout: 30_000 });
  });

  it('looks right in the light theme', async () => {
    await wb.useLightTheme();
    // the two runs' diff again (it is behind the workspace diff the last test opened), with its list
    await row(/^baseline-run/).click({ timeout: 30_000 });
    await row(/^tuned-run/).click({ modifiers: ['Control'] });
    await wb.contextMenu(row(/^tuned-run/), "Compare Runs' Code");
    await wb.page
      .locator('.quick-input-widget .monaco-list-row', { hasText: 'data.py' })
      .first()
      .waitFor({ timeout: 20_000 });
    await wb.page
      .locator('.editor-group-container.active .monaco-diff-editor .line-insert')
      .first()
      .waitFor({ timeout: 20_000 });
    await wb.shot('72-code-diff-two-runs-light');
    await wb.page.keyboard.press('Escape');
    await wb.page
      .locator('.tabs-container .tab', { hasText: /^train\.py$/ })
      .first()
      .click();
    await lens('loss: last 0.27').waitFor({ timeout: 30_000 });
    await wb.shot('73-code-lenses-light');
  });
});
