// Self-test of the in-host launcher: one test passes and one fails on purpose, so that
// test/ui/launcher.test.ts can prove a failing in-host test makes the launcher exit non-zero.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('launcher self-test', () => {
  it('passes with the real vscode API', () => {
    assert.equal(typeof vscode.version, 'string');
  });

  it('fails on purpose', () => {
    assert.equal(1 + 1, 3, 'deliberate failure');
  });
});
