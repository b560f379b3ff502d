import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '../..');

describe('webview code may not turn data into markup or code (lint)', function () {
  this.timeout(120_000);
  const probe = path.join(ROOT, 'webview', 'zz-sinks-probe.ts');
  after(() => {
    fs.rmSync(probe, { force: true });
  });

  it('rejects innerHTML, outerHTML, insertAdjacentHTML, eval and new Function', async () => {
    fs.writeFileSync(
      probe,
      [
        'export function bad(el: HTMLElement, s: string): unknown {',
        '  el.innerHTML = s;',
        '  el.outerHTML = s;',
        "  el.insertAdjacentHTML('beforeend', s);",
        '  // eslint-disable-next-line @typescript-eslint/no-implied-eval',
        '  const f = new Function(s);',
        '  return [f, eval(s)];',
        '}',
        '',
      ].join('\n'),
    );
    const [result] = await new ESLint({ cwd: ROOT }).lintFiles([probe]);
    const rules = new Set((result?.messages ?? []).map((m) => m.ruleId));
    for (const rule of ['no-restricted-syntax', 'no-restricted-properties', 'no-new-func', 'no-eval']) {
      assert.ok(rules.has(rule), `${rule} fires (got ${[...rules].join(', ')})`);
    }
    const sinks = (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').length;
    assert.ok(sinks >= 3, `each of the three HTML sinks is reported (${String(sinks)})`);
  });
});
