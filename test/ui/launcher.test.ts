import * as assert from 'node:assert/strict';
import { DEMO_WORKSPACE, runInHost } from '../harness/runInHost';

describe('in-host launcher (code-server)', () => {
  it('exits non-zero and reports the failure when an in-host test fails', async () => {
    const outcome = await runInHost({ suite: 'selftest', workspace: DEMO_WORKSPACE, timeoutMs: 150_000 });
    assert.equal(outcome.exitCode, 1, 'the extension host reported failure');
    assert.ok(outcome.results, 'results were written');
    assert.equal(outcome.results.passed.length, 1);
    assert.match(outcome.results.passed[0] ?? '', /^launcher self-test passes with the real vscode API/);
    assert.equal(outcome.results.failed.length, 1);
    assert.match(outcome.results.failed[0]?.error ?? '', /deliberate failure/);
  });
});
