// Benchmark probe (npm run bench), not a regression test: each window of code-server has its own
// extension host, so every run of this file measures one cold activation of the production bundle.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { MlflowExtensionApi } from '../../../src/extension/api';

const EXTENSION_ID = 'mlflow-tools.mlflow-vscode';

describe('activation benchmark probe', () => {
  it('activates the extension once and records how long it took', async () => {
    const ext = vscode.extensions.getExtension<MlflowExtensionApi>(EXTENSION_ID);
    assert.ok(ext, 'extension loaded');
    assert.equal(ext.isActive, false, 'the bench workspace must not trigger activation by itself');
    const started = performance.now();
    const api = await ext.activate();
    const loadAndActivateMs = performance.now() - started;
    const out = process.env.MLFLOW_BENCH_OUT;
    assert.ok(out, 'MLFLOW_BENCH_OUT is set');
    fs.appendFileSync(out, `${JSON.stringify({ activateMs: api.activationMs, loadAndActivateMs })}\n`);
  });
});
