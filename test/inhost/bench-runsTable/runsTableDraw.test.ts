// Benchmark probe (npm run bench), not a regression test: opens the Runs Table of a 10,000-run
// experiment on each store the bench names and records, from the webview's own reports, the time
// from the command to the first rows drawn and to every row loaded, the time to compute a metric's
// aggregate figures, and how long the webview takes to sort by a last-value column and by a
// latest-metric column (from the sort to its lines drawn), by an aggregate (min) column once the
// histories are cached, and the frame times of a scroll through the whole table (scrollRequest.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { MlflowExtensionApi } from '../../../src/extension/api';
import type { RunsTablePanel } from '../../../src/extension/runsTable/runsTablePanel';
import type { Column } from '../../../src/core/runsTable/columns';
import type { RunsTableRendered } from '../../../src/protocol/runsTable';
import { scrollThrough } from './scrollRequest';

const EXTENSION_ID = 'mlflow-tools.mlflow-vscode';

async function until<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 60_000; i++) {
    const v = probe();
    if (v !== undefined) {
      return v;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('runs table benchmark probe', () => {
  it('opens the table of the named experiment on each store and records its phases', async function () {
    this.timeout(1_200_000);
    const {
      MLFLOW_BENCH_OUT: out,
      MLFLOW_BENCH_SERVERS: uris,
      MLFLOW_BENCH_EXPERIMENT: experimentId,
    } = process.env;
    assert.ok(out && uris && experimentId, 'the bench sets MLFLOW_BENCH_OUT, _SERVERS and _EXPERIMENT');
    const samples = Number(process.env.MLFLOW_BENCH_SAMPLES ?? 3);
    const total = Number(process.env.MLFLOW_BENCH_RUNS ?? 0);
    const ext = vscode.extensions.getExtension<MlflowExtensionApi>(EXTENSION_ID);
    assert.ok(ext);
    const api = await ext.activate();
    for (const uri of uris.split(',')) {
      await vscode.workspace
        .getConfiguration('mlflow')
        .update('trackingUri', uri, vscode.ConfigurationTarget.Workspace);
      await until(
        () => (api.connection().status === 'ready' && api.connection().status !== 'none' ? true : undefined),
        'the connection',
      );
      for (let sample = 0; sample < samples; sample++) {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        const started = performance.now();
        const panel = await vscode.commands.executeCommand<RunsTablePanel>(
          'mlflow.experiments.openRunsTable',
          experimentId,
        );
        const record = await until(() => api.panelProbe.of('runsTable', panel.panel), 'the panel record');
        const rendered = (accept: (r: RunsTableRendered) => boolean): RunsTableRendered | undefined => {
          const r = record.lastReceived('runsTable/rendered');
          return r !== undefined && accept(r) ? r : undefined;
        };
        await until(() => rendered((r) => r.lines > 0), 'the first rows');
        const firstRowsMs = performance.now() - started;
        await until(() => rendered((r) => r.lines >= total), 'every row');
        const allRowsMs = performance.now() - started;
        const figuresStarted = performance.now();
        await panel.onMessage({ type: 'runsTable/needFigures', key: 'loss_0', steps: [] });
        await until(
          () =>
            record.sent.some((m) => m.type === 'runsTable/figures' && m.key === 'loss_0' && m.done)
              ? true
              : undefined,
          'the figures',
        );
        const figuresMs = performance.now() - figuresStarted;
        const sortMs = async (column: Column, title: string): Promise<number> => {
          panel.sortBy(column, true);
          const r = await until(
            () => rendered((x) => x.sortedBy === `${title} asc` && x.sortMs !== undefined),
            `the sort by ${title}`,
          );
          return r.sortMs ?? NaN;
        };
        const lastValueSortMs = await sortMs({ kind: 'agg', fn: 'last', key: 'loss_0' }, 'loss_0 (last)');
        const latestMetricSortMs = await sortMs({ kind: 'metric', key: 'accuracy' }, 'accuracy');
        // The histories are cached by the figures above: this sort computes min from them.
        const minSortMs = await sortMs({ kind: 'agg', fn: 'min', key: 'loss_0' }, 'loss_0 (min)');
        const scroll = await scrollThrough(out, '.rt-grid');
        const startedAt = Date.now() - (performance.now() - started);
        const phases = Object.fromEntries(
          Object.entries(record.timings).map(([k, at]) => [k, Math.round(at - startedAt)]),
        );
        const line = {
          phases,
          uri: uri.startsWith('sqlite') ? 'mlflow.db' : 'REST',
          sample,
          firstRowsMs,
          allRowsMs,
          figuresMs,
          lastValueSortMs,
          latestMetricSortMs,
          minSortMs,
          scroll,
          domRows: rendered(() => true)?.domRows,
        };
        fs.appendFileSync(out, `${JSON.stringify(line)}\n`);
      }
    }
  });
});
