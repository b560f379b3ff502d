// Benchmark probe (npm run bench), not a regression test: on each store the bench names, opens the
// Runs Table of a 1,000-run experiment and shows the line chart of its 1,000-step metric, timing
// the view switch to every line drawn (host load, transfer, draw) with the host's and webview's own
// figures; then opens the card grid of an experiment with 3,000 metric keys and records the time
// to the first cards drawn and the webview's heap, and the largest heap while the grid is scrolled
// from top to bottom (scrollRequest.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { MlflowExtensionApi } from '../../../src/extension/api';
import type { RunsTablePanel } from '../../../src/extension/runsTable/runsTablePanel';
import type { RunsTableChartsRendered } from '../../../src/protocol/runsTable';
import { scrollThrough } from '../bench-runsTable/scrollRequest';

const EXTENSION_ID = 'mlflow-tools.mlflow-vscode';

async function until<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 120_000; i++) {
    const v = probe();
    if (v !== undefined) {
      return v;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('runs table charts benchmark probe', () => {
  it('draws the 1,000-run line chart and the 3,000-key card grid on each store', async function () {
    this.timeout(1_200_000);
    const env = process.env;
    const [out, uris, sweep, wide] = [
      env.MLFLOW_BENCH_OUT,
      env.MLFLOW_BENCH_SERVERS,
      env.MLFLOW_BENCH_EXPERIMENT,
      env.MLFLOW_BENCH_WIDE_EXPERIMENT,
    ];
    assert.ok(
      out && uris && sweep && wide,
      'the bench sets MLFLOW_BENCH_OUT, _SERVERS, _EXPERIMENT, _WIDE_EXPERIMENT',
    );
    const samples = Number(env.MLFLOW_BENCH_SAMPLES ?? 2);
    const runs = Number(env.MLFLOW_BENCH_RUNS ?? 1000);
    const ext = vscode.extensions.getExtension<MlflowExtensionApi>(EXTENSION_ID);
    assert.ok(ext);
    const api = await ext.activate();
    const open = async (experimentId: string) => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const panel = await vscode.commands.executeCommand<RunsTablePanel>(
        'mlflow.experiments.openRunsTable',
        experimentId,
      );
      const record = await until(() => api.panelProbe.of('runsTable', panel.panel), 'the panel record');
      const last = await until(
        () => record.sent.find((m) => m.type === 'runsTable/rows' && m.done),
        'every row',
      );
      // Drawn too: the chart is timed from a loaded table (one shown while pages still arrive asks
      // again with fewer points per run as runs come in).
      const loaded = last.type === 'runsTable/rows' ? last.loaded : 0;
      await until(
        () => ((record.lastReceived('runsTable/rendered')?.lines ?? 0) >= loaded ? true : undefined),
        'every row drawn',
      );
      const chart = (
        accept: (r: RunsTableChartsRendered) => boolean,
      ): RunsTableChartsRendered | undefined => {
        const r = record.lastReceived('runsTable/chartsRendered');
        return r !== undefined && accept(r) ? r : undefined;
      };
      return { panel, record, chart };
    };
    for (const uri of uris.split(',')) {
      await vscode.workspace
        .getConfiguration('mlflow')
        .update('trackingUri', uri, vscode.ConfigurationTarget.Workspace);
      await until(() => (api.connection().status === 'ready' ? true : undefined), 'the connection');
      const store = uri.startsWith('sqlite') ? 'mlflow.db' : 'REST';
      for (let sample = 0; sample < samples; sample++) {
        const { panel, record, chart } = await open(sweep);
        const started = performance.now();
        const startedAt = Date.now();
        panel.showView('line', 'loss_0');
        const drawn = await until(
          () => chart((r) => r.view === 'line' && r.lines >= runs && r.waiting === 0),
          'every line',
        );
        const lineDrawnMs = performance.now() - started;
        await until(
          () => (record.timings.seriesPosted !== undefined ? true : undefined),
          'the last series post',
        );
        const hostLoadMs = (record.timings.seriesPosted ?? NaN) - startedAt;
        // Back to the line view: the webview draws again from the series it holds.
        panel.showView('table', undefined);
        await until(() => chart((r) => r.view === 'table'), 'the table view');
        const again = performance.now();
        panel.showView('line', 'loss_0');
        await until(() => chart((r) => r.view === 'line' && r.lines >= runs), 'the redraw');
        const redrawMs = performance.now() - again;
        const w = await open(wide);
        const cardsStarted = performance.now();
        w.panel.showView('cards', undefined);
        // Open: every card of the window has its chart (they fill in over a few frames).
        const cards = await until(
          () => w.chart((r) => r.view === 'cards' && r.cardsDrawn > 0 && r.liveCharts === r.cardsDrawn),
          'the cards',
        );
        const cardsOpenMs = performance.now() - cardsStarted;
        const cardsScroll = await scrollThrough(out, '.rc-scroller');
        w.panel.showView('cards', 'loss_1');
        const searched = await until(
          () => w.chart((r) => r.view === 'cards' && r.cards < cards.cards && r.cardsDrawn > 0),
          'the search',
        );
        const line = {
          store,
          sample,
          lineDrawnMs,
          hostLoadMs,
          webviewDrawMs: drawn.drawMs,
          redrawMs,
          lines: drawn.lines,
          points: drawn.points,
          maxLinePoints: drawn.maxLinePoints,
          lineHeapMb: drawn.heapMb,
          cards: cards.cards,
          cardsDrawn: cards.cardsDrawn,
          cardsOpenMs,
          cardsHeapMb: cards.heapMb,
          cardsScroll,
          searchedCards: searched.cards,
          searchedHeapMb: searched.heapMb,
        };
        fs.appendFileSync(out, `${JSON.stringify(line)}\n`);
      }
    }
  });
});
