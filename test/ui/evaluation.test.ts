import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import initSqlJs from 'sql.js';
import { SHARED_3 } from '../support/mlflow/traceFixtures';
import { openWorkbench, useLocalStore, type Workbench } from './workbench';

/** The two evaluate runs of the recorded store: the dataset one (older) and `eval-support-agent-v2`. */
const DATASET_RUN_NAME = 'valuable-donkey-629';
const LIST_RUN = '346cd906d1d04c54850ba8809d82f6b5';
const DATASET_RUN = 'e356c244f214446dba9d6f16aad460c4';
/** Markup, a script, bidi and Markdown in a response: the table must show it as the text it is. */
const HOSTILE = '<img src=x onerror="document.title=1"><script>alert(1)</script> **bold** \u202eRTL\u202c';

/**
 * A copy of the recorded mlflow.db where the second run scored two questions differently (the
 * recording has no verdict change between its runs) and one response of the first run is hostile.
 */
async function writeStore(file: string): Promise<void> {
  const SQL = await initSqlJs({ locateFile: (f: string) => require.resolve(`sql.js/dist/${f}`) });
  const db = new SQL.Database(fs.readFileSync(path.join(SHARED_3, 'sqlite', 'mlflow.db')));
  const traceOf = (run: string, question: string): string =>
    `(SELECT t.request_id FROM trace_info t JOIN trace_request_metadata m ON m.request_id = t.request_id
      WHERE m.key = 'mlflow.sourceRun' AND m.value = '${run}' AND t.request_preview LIKE '%${question}%')`;
  const rescore = (question: string, value: string): void => {
    db.run(
      `UPDATE assessments SET value = ? WHERE name = 'exact_match' AND trace_id IN ${traceOf(LIST_RUN, question)}`,
      [value],
    );
  };
  rescore('How long do refunds take?', 'false');
  rescore('Do you price match?', 'true');
  db.run(
    `UPDATE trace_info SET response_preview = ? WHERE request_id IN ${traceOf(DATASET_RUN, 'gift cards')}`,
    [HOSTILE],
  );
  fs.writeFileSync(file, db.export());
  db.close();
}

describe('Evaluation results in the workbench (Chromium + code-server, recorded 3.11.1 mlflow.db)', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench();
    await useLocalStore(wb, 'genai-store', writeStore);
  });

  after(async () => {
    await wb.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await wb.shot(`zz-failed-evaluation-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`);
    }
  });

  async function showResults(): Promise<void> {
    await wb.runCommand('View: Close All Editors');
    await wb.runCommand('MLflow: Show Evaluation Results');
    await wb.page
      .locator('.quick-input-widget .monaco-list-row', { hasText: DATASET_RUN_NAME })
      .first()
      .click();
    await wb.webview().locator('#results tbody tr').nth(5).waitFor({ timeout: 60_000 });
  }

  async function compareRuns(): Promise<void> {
    await wb.runCommand('View: Close All Editors');
    await wb.runCommand('MLflow: Compare Evaluation Runs');
    const rows = wb.page.locator('.quick-input-widget .monaco-list-row');
    await rows.nth(1).waitFor({ timeout: 60_000 });
    const count = wb.page.locator('.quick-input-widget .quick-input-count');
    for (const name of ['eval-support-agent-v2', DATASET_RUN_NAME]) {
      const row = rows.filter({ hasText: name }).first();
      const checked = row.locator('.monaco-checkbox.checked, input[type=checkbox]:checked').first();
      // A click can land while the list redraws after the previous one and be lost: click again,
      // but only while the row is still unchecked (a second click on a checked row would untick it).
      for (let attempt = 0; (await checked.count()) === 0; attempt++) {
        assert.ok(attempt < 5, `${name} could not be picked`);
        await row.locator('.monaco-checkbox, input[type=checkbox]').first().click();
        await checked.waitFor({ timeout: 10_000 }).catch(() => undefined);
      }
    }
    await count.filter({ hasText: '2 Selected' }).waitFor({ timeout: 30_000 });
    // OK, not Enter: after a click the focus can be on the row's checkbox, where Enter unticks it
    // (a clean-clone CI run ended with the quick pick open and "1 Selected").
    await wb.page
      .locator('.quick-input-widget .quick-input-action .monaco-button', { hasText: 'OK' })
      .click();
    await wb.webview().locator('#comparison tbody tr').nth(5).waitFor({ timeout: 60_000 });
  }

  async function checkResults(): Promise<void> {
    const view = wb.webview();
    assert.equal(await view.locator('#results tbody tr').count(), 6);
    const heads = await view.locator('#results thead th').allTextContents();
    assert.deepEqual(heads, [
      'Request',
      'Response',
      'exact_match',
      'keyword_coverage',
      'mentions_source',
      'response_chars',
    ]);
    assert.equal(await view.locator('#results td.verdict-pass', { hasText: 'true' }).count(), 1);
    assert.equal(await view.locator('#results td.verdict-fail', { hasText: 'false' }).count(), 5);
    // The hostile response is one cell of text: no element was made from it, and its bidi
    // override and pop show as the visible U+241F instead of reordering the cell.
    assert.equal(
      await view.locator('#results td.response-preview', { hasText: 'onerror' }).textContent(),
      HOSTILE.replace(/[\u202a-\u202e]/g, '\u241f'),
    );
    assert.equal(await view.locator('#results img, #results script, #results strong').count(), 0);
    assert.match(
      await view.locator('#scorers tr[data-scorer="exact_match"]').innerText(),
      /mean 0\.1667\s+1\s+5/,
    );
  }

  async function checkComparison(): Promise<void> {
    const view = wb.webview();
    assert.equal(await view.locator('#comparison tbody tr').count(), 6);
    assert.equal(await view.locator('#comparison tr.change-regressed').count(), 1);
    assert.equal(await view.locator('#comparison tr.change-improved').count(), 1);
    assert.match(
      (await view.locator('#comparison tr.change-regressed td.request-preview').textContent()) ?? '',
      /How long do refunds take\?/,
    );
    assert.equal(
      await view.locator('#comparison tr.change-regressed td.change').textContent(),
      'pass → fail',
    );
    assert.match((await view.locator('#summary').textContent()) ?? '', /^1 regressed .*1 improved/);
    assert.equal(await view.locator('#comparison tr.change-onlyFirst').count(), 2);
  }

  it('shows an evaluation run: a row per trace, a column per scorer (dark), and a row opens its trace', async () => {
    await showResults();
    await checkResults();
    await wb.shot('71-evaluation-results-dark');
    await wb.webview().locator('#results tbody tr', { hasText: 'How long do refunds take?' }).click();
    await wb.webview().locator('#span-tree .span-row').first().waitFor({ timeout: 60_000 });
  });

  it('compares two evaluation runs joined by request, marking the changed verdicts (dark)', async () => {
    await compareRuns();
    await checkComparison();
    await wb.shot('72-evaluation-compare-dark');
  });

  it('the run detail of an evaluation run lists its scorers (dark)', async () => {
    await wb.runCommand('View: Close All Editors');
    await wb.runCommand('MLflow: Open Run…');
    await wb.page.locator('.quick-input-widget input.input').fill(LIST_RUN);
    await wb.page.keyboard.press('Enter');
    const section = wb.webview().locator('#evaluation-scorers tr[data-scorer="exact_match"]');
    await section.waitFor({ timeout: 60_000 });
    assert.match(await section.innerText(), /mean 0\.25\s+1\s+3/);
    await wb.webview().locator('#evaluation').scrollIntoViewIfNeeded();
    await wb.shot('73-evaluation-run-detail-dark');
    await wb.webview().locator('#show-evaluation').click();
    await wb.webview().locator('#results tbody tr').nth(3).waitFor({ timeout: 60_000 });
  });

  it('the same views in the light theme', async () => {
    await wb.runCommand('View: Close All Editors');
    await wb.useLightTheme();
    await showResults();
    await checkResults();
    await wb.shot('74-evaluation-results-light');
    await compareRuns();
    await checkComparison();
    await wb.shot('75-evaluation-compare-light');
  });
});
