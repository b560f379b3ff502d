// Benchmark probe (npm run bench), not a regression test: opens the compare panel on the runs the
// bench names (served by the loopback test server the bench started) and records what the webview
// reports once every chart is drawn with complete data.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { MlflowExtensionApi } from '../../../src/extension/api';
import type { ComparePanel } from '../../../src/extension/compare/comparePanel';

const EXTENSION_ID = 'mlflow-tools.mlflow-vscode';

describe('compare panel benchmark probe', () => {
  it("draws the compared runs' charts and records the webview's report", async function () {
    this.timeout(600_000);
    const { MLFLOW_BENCH_OUT: out, MLFLOW_BENCH_SERVER: server, MLFLOW_BENCH_RUN_IDS: ids } = process.env;
    assert.ok(
      out && server && ids,
      'the bench sets MLFLOW_BENCH_OUT, MLFLOW_BENCH_SERVER and MLFLOW_BENCH_RUN_IDS',
    );
    const ext = vscode.extensions.getExtension<MlflowExtensionApi>(EXTENSION_ID);
    assert.ok(ext);
    const api = await ext.activate();
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('trackingUri', server, vscode.ConfigurationTarget.Workspace);
    for (let i = 0; i < 200 && api.connection().status !== 'ready'; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    if (process.env.MLFLOW_BENCH_STORE_OPEN === '1') {
      // As the explorer leaves it when the user picks the runs there: the store open, the runs read.
      const { tracking } = await api.stores();
      for (const id of ids.split(',')) {
        await tracking.getRun(id);
      }
    }
    const started = performance.now();
    const startedAt = Date.now();
    const panel = await vscode.commands.executeCommand<ComparePanel>(
      'mlflow.runs.compare',
      undefined,
      ids.split(','),
    );
    // The host's record of the panel, through the test API's probe (the panel keeps no test fields).
    const record = api.panelProbe.of('compare', panel.panel);
    assert.ok(record, 'the panel probe records the compare panel');
    let drawn = record.lastReceived('compare/drawn');
    while (drawn === undefined) {
      await new Promise((r) => setTimeout(r, 20));
      drawn = record.lastReceived('compare/drawn');
    }
    const commandToDrawnMs = performance.now() - started;
    // The table's min/max rows (full histories) come after the charts; wait for them so the bench
    // can tell how long the whole load took, without it counting against the charts.
    for (let i = 0; i < 6000 && record.timings.aggregatesPosted === undefined; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    fs.appendFileSync(
      out,
      `${JSON.stringify({ commandToDrawnMs, startedAt, host: record.timings, ...record.lastReceived('compare/drawn') })}\n`,
    );
  });
});
