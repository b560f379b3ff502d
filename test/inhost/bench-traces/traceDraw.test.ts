// Benchmark probe (npm run bench), not a regression test: opens the trace panel on each trace the
// bench names, again and again in a fresh panel, and records the time from the command to the
// webview's own report that the span tree is on screen (`traceDetail/drawn`).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { MlflowExtensionApi } from '../../../src/extension/api';
import type { TraceDetailPanel } from '../../../src/extension/traces/traceDetailPanel';
import type { TraceDetailDrawn } from '../../../src/protocol/traceDetail';

const EXTENSION_ID = 'mlflow-tools.mlflow-vscode';

async function until<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 12_000; i++) {
    const v = probe();
    if (v !== undefined) {
      return v;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Open a trace and wait for the webview's report that this trace's rows are on screen. */
async function openAndWait(
  api: MlflowExtensionApi,
  traceId: string,
): Promise<{ ms: number; panel: TraceDetailPanel; drawn: TraceDetailDrawn }> {
  const before = lastDrawnReports(api);
  const started = performance.now();
  const panel = await vscode.commands.executeCommand<TraceDetailPanel>('mlflow.traces.open', traceId);
  const record = await until(() => api.panelProbe.of('traceDetail', panel.panel), 'the panel record');
  const drawn = await until(() => {
    const d = record.lastReceived('traceDetail/drawn');
    const last = [...record.sent].reverse().find((m) => m.type === 'traceDetail/snapshot');
    // A new report, after this trace's snapshot was posted.
    return d !== undefined &&
      d !== before.get(panel.panel) &&
      last?.type === 'traceDetail/snapshot' &&
      last.traceId === traceId
      ? d
      : undefined;
  }, 'the drawn report');
  const ms = performance.now() - started;
  return { ms, panel, drawn };
}

/** The drawn report each open trace panel last sent, before a new open. */
function lastDrawnReports(api: MlflowExtensionApi): Map<vscode.WebviewPanel, TraceDetailDrawn | undefined> {
  return new Map(
    api
      .webviewPanels()
      .filter((p) => p.kind === 'traceDetail')
      .map((p) => [p.panel, api.panelProbe.of('traceDetail', p.panel)?.lastReceived('traceDetail/drawn')]),
  );
}

describe('trace panel benchmark probe', () => {
  it('opens each named trace in a fresh panel and records command → drawn', async function () {
    this.timeout(600_000);
    const { MLFLOW_BENCH_OUT: out, MLFLOW_BENCH_SERVER: uri, MLFLOW_BENCH_TRACE_IDS: ids } = process.env;
    assert.ok(
      out && uri && ids,
      'the bench sets MLFLOW_BENCH_OUT, MLFLOW_BENCH_SERVER and MLFLOW_BENCH_TRACE_IDS',
    );
    const samples = Number(process.env.MLFLOW_BENCH_SAMPLES ?? 7);
    const ext = vscode.extensions.getExtension<MlflowExtensionApi>(EXTENSION_ID);
    assert.ok(ext);
    const api = await ext.activate();
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('trackingUri', uri, vscode.ConfigurationTarget.Workspace);
    await until(() => (api.connection().status === 'ready' ? true : undefined), 'the connection');
    const list = ids.split(',');
    // `new`: every open starts a webview (all editors closed first). `reuse`: the trace panel is
    // open on the other trace and is given this one, as clicking down the trace list does; the
    // traces alternate, and the last `new` open left the panel on the last trace of the list.
    const record = async (mode: 'new' | 'reuse', traceId: string, sample: number): Promise<void> => {
      const { ms: commandToDrawnMs, panel, drawn } = await openAndWait(api, traceId);
      const startedAt = Date.now() - commandToDrawnMs;
      // The host's phases (epoch ms) relative to the command; a reused panel keeps its first ones.
      const timings = mode === 'new' ? (api.panelProbe.of('traceDetail', panel.panel)?.timings ?? {}) : {};
      const phases = Object.fromEntries(
        Object.entries(timings).map(([k, at]) => [k, Math.round(at - startedAt)]),
      );
      fs.appendFileSync(
        out,
        `${JSON.stringify({ mode, traceId, sample, commandToDrawnMs, phases, ...drawn })}\n`,
      );
    };
    for (const traceId of list) {
      for (let i = 0; i < samples; i++) {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await record('new', traceId, i);
      }
    }
    for (let i = 0; i < samples * list.length; i++) {
      const traceId = list[i % list.length] ?? '';
      await record('reuse', traceId, Math.floor(i / list.length));
    }
  });
});
