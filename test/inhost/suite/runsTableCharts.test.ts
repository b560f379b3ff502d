// The Runs Table's charts in the real extension host, over the loopback REST test server and the
// same mlflow.db as a local store: the line chart of a metric draws every shown run from the
// histories the host loads (points per run bounded), the scatter places every run, aggregate
// columns are axes of the scatter and the parallel chart as their figures come, and the card grid
// of hundreds of metric keys keeps only a window of cards and charts alive.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_COLUMNS } from '../../../src/core/runsTable/columns';
import { SqliteRegistryStore } from '../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import type { MlflowExtensionApi } from '../../../src/extension/api';
import type { RunsTablePanel } from '../../../src/extension/runsTable/runsTablePanel';
import { RUNS_TABLE_COMMANDS } from '../../../src/extension/shared/commandIds/runsTableCommandIds';
import type {
  RunsTableChartsRendered,
  RunsTableRows,
  RunsTableSeries,
} from '../../../src/protocol/runsTable';
import { unpackSeries } from '../../../src/protocol/seriesBatch';
import { generateRunsDb, type GeneratedRunsDb } from '../../support/mlflow/generateRunsDb';
import { startMlflowTestServer, type MlflowTestServer } from '../../support/mlflow/mlflowTestServer';
import {
  activeApi,
  clearTrackingUriSetting,
  probeOf,
  repoRoot,
  until,
  untilReceived,
  waitForConnection,
} from './helpers';

const fixtures = (...p: string[]): string =>
  path.join(repoRoot().fsPath, 'test', 'fixtures', 'mlflow-2.17.2', 'sqlite', ...p);

const RUNS = 240;
const STEPS = 400;
const KEYS = 600;

describe('Runs Table charts (real extension host, REST test server and local mlflow.db)', () => {
  let tmp: string;
  let dbFile: string;
  let sweep: GeneratedRunsDb;
  let wide: GeneratedRunsDb;
  let server: MlflowTestServer;
  let tracking: SqliteTrackingStore;

  before(async function () {
    this.timeout(180_000);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-runs-charts-'));
    const first = path.join(tmp, 'sweep.db');
    dbFile = path.join(tmp, 'runs.db');
    sweep = await generateRunsDb(fixtures('mlflow.db'), first, {
      runs: RUNS,
      history: { keys: 1, steps: STEPS },
      name: 'charts-sweep',
    });
    wide = await generateRunsDb(first, dbFile, {
      runs: 12,
      history: { keys: KEYS, steps: 1 },
      idPrefix: 'cd',
      name: 'charts-wide',
    });
    const db = await SqliteDatabase.open(dbFile);
    tracking = new SqliteTrackingStore(db);
    server = await startMlflowTestServer(tracking, new SqliteRegistryStore(db));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await clearTrackingUriSetting();
    await server.close();
    tracking.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function open(uri: string, experimentId: string): Promise<[MlflowExtensionApi, RunsTablePanel]> {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const api = await activeApi();
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('trackingUri', uri, vscode.ConfigurationTarget.Workspace);
    await waitForConnection(api, (s) => s.status === 'ready' && s.uri === uri, uri);
    const panel = await vscode.commands.executeCommand<RunsTablePanel>(
      RUNS_TABLE_COMMANDS.open,
      experimentId,
    );
    const record = probeOf(api, 'runsTable', panel.panel);
    const last = await until(
      'every page',
      () => {
        const rows = record.sent.filter((m): m is RunsTableRows => m.type === 'runsTable/rows').at(-1);
        return rows?.done === true ? rows : undefined;
      },
      60_000,
    );
    // And drawn: a chart shown while the webview still takes pages in asks again as runs arrive
    // (fewer points per run for more runs), which the tests below count as series sent twice.
    await untilReceived(record, 'runsTable/rendered', 'every row drawn', (r) => r.lines === last.loaded);
    return [api, panel];
  }

  const sources: Array<[string, () => string]> = [
    ['the REST test server', () => server.baseUrl],
    ['the mlflow.db as a local store', () => `sqlite:///${dbFile}`],
  ];

  for (const [source, uri] of sources) {
    it(`draws a line per run of a metric from ${source}, points per run bounded, and a scatter of every run`, async function () {
      this.timeout(120_000);
      const [api, panel] = await open(uri(), sweep.experimentId);
      const record = probeOf(api, 'runsTable', panel.panel);
      panel.showView('line', 'loss_0');
      const drawn = await until(
        'the line chart of every run',
        () => {
          const r = record.lastReceived('runsTable/chartsRendered');
          return r?.view === 'line' && r.lines === RUNS && r.waiting === 0 ? r : undefined;
        },
        60_000,
      );
      const series = record.sent.filter(
        (m): m is RunsTableSeries => m.type === 'runsTable/series' && m.key === 'loss_0',
      );
      assert.equal(series.find((m) => m.error !== undefined)?.error, undefined);
      const sent = series.flatMap((m) => unpackSeries(m.batch));
      assert.deepEqual(new Set(sent.map((s) => s.runId)).size, RUNS, 'each run’s series sent once');
      assert.equal(sent.length, RUNS);
      const asked = record.lastReceived('runsTable/needSeries');
      assert.ok(asked);
      assert.deepEqual(new Set(asked.runIds), new Set(sweep.runIds), 'every shown run is charted');
      assert.ok(asked.maxPoints < STEPS, `fewer points than steps asked (${String(asked.maxPoints)})`);
      // The server's sample may add a run's last step; the local decimation keeps exactly maxPoints.
      assert.ok(
        drawn.maxLinePoints <= asked.maxPoints + 2 && drawn.maxLinePoints > 10,
        `each line bounded (${String(drawn.maxLinePoints)} of ${String(STEPS)} steps)`,
      );
      assert.ok(drawn.points <= RUNS * (asked.maxPoints + 2));
      assert.deepEqual(drawn.axes, ['step']);
      // Time since each run started on the x axis: the series come again, now with their times.
      const before = record.sent.length;
      panel.showView('line', 'loss_0', undefined, 'relative');
      const byTime = await until('the line chart by relative time', () => {
        const r = record.lastReceived('runsTable/chartsRendered');
        return r?.view === 'line' && r.axes[0] === 'relative' && r.lines === RUNS && r.waiting === 0
          ? r
          : undefined;
      });
      assert.equal(record.lastReceived('runsTable/needSeries')?.times, true);
      const timed = record.sent
        .slice(before)
        .filter((m): m is RunsTableSeries => m.type === 'runsTable/series')
        .flatMap((m) => unpackSeries(m.batch));
      assert.equal(timed.length, RUNS, 'every run once more');
      assert.ok(
        timed.every((s) => s.times?.length === s.steps.length),
        'each with its times',
      );
      assert.equal(byTime.maxLinePoints, drawn.maxLinePoints, 'the same points, placed by time');
      // Every generated run has a numeric lr param and an accuracy: all are on the scatter.
      panel.showView('scatter', undefined);
      const scatter = await until('the scatter', () => {
        const r = record.lastReceived('runsTable/chartsRendered');
        return r?.view === 'scatter' && r.scatterPoints > 0 ? r : undefined;
      });
      assert.equal(scatter.scatterPoints, RUNS);
      assert.equal(scatter.lines, 0, 'the line chart was freed when its view was left');
      // Parallel coordinates by the compare panel's default: the keys every run has (lr, accuracy,
      // loss_0; the text param model is no axis), one line per run on one canvas.
      panel.showView('parallel', undefined);
      const parallel = await until('the parallel coordinates', () => {
        const r = record.lastReceived('runsTable/chartsRendered');
        return r?.view === 'parallel' && r.parallelLines > 0 ? r : undefined;
      });
      assert.equal(parallel.parallelLines, RUNS, 'a line per run');
      assert.equal(parallel.parallelAxes, 3, 'lr, accuracy and loss_0');
      assert.equal(parallel.scatterPoints, 0, 'the scatter was freed when its view was left');
    });
  }

  it('puts aggregate columns on the scatter and the parallel axes, each run joining once its figures come', async function () {
    this.timeout(120_000);
    const [api, first] = await open(server.baseUrl, sweep.experimentId);
    const minLoss = { kind: 'agg', fn: 'min', key: 'loss_0' } as const;
    const lossAt = { kind: 'agg', fn: 'step', key: 'loss_0', at: 100 } as const;
    // What the column chooser sends; the columns are kept per experiment, so the table opened
    // again starts with them (and asks the host for their figures).
    await first.onMessage({ type: 'runsTable/columns', columns: [...DEFAULT_COLUMNS, minLoss, lossAt] });
    try {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const panel = await vscode.commands.executeCommand<RunsTablePanel>(
        RUNS_TABLE_COMMANDS.open,
        sweep.experimentId,
      );
      // Shown before the webview has its rows or figures: the scatter starts empty and grows.
      panel.showView('scatter', undefined, [minLoss, lossAt]);
      const record = probeOf(api, 'runsTable', panel.panel);
      const rows = await until(
        'every page',
        () => {
          const sent = record.sent.filter((m): m is RunsTableRows => m.type === 'runsTable/rows');
          return sent.at(-1)?.done === true ? sent.flatMap((m) => m.rows) : undefined;
        },
        60_000,
      );
      const withLoss = rows.filter((r) => r.metrics.some(([k]) => k === 'loss_0')).length;
      assert.equal(withLoss, RUNS, 'every generated run logged loss_0');
      const scatter = await untilReceived(
        record,
        'runsTable/chartsRendered',
        'the scatter of every run with figures',
        (r) => r.view === 'scatter' && r.scatterPoints === withLoss,
      );
      assert.deepEqual(scatter.axes, ['loss_0 (min)', 'loss_0 (@100)'], 'titled as the column headers');
      // The figures went after the view was shown: the points came with them, not with the rows.
      const shown = record.sent.findIndex((m) => m.type === 'runsTable/showView');
      assert.ok(shown >= 0);
      assert.ok(
        record.sent.slice(shown).some((m) => m.type === 'runsTable/figures' && m.figures.length > 0),
        'figures arrived while the scatter was shown',
      );
      const lr = { kind: 'param', key: 'lr' } as const;
      panel.showView('parallel', undefined, [lr, minLoss, lossAt]);
      const parallel = await untilReceived(
        record,
        'runsTable/chartsRendered',
        'the parallel coordinates over aggregates',
        (r) => r.view === 'parallel' && r.parallelAxes === 3,
      );
      assert.deepEqual(parallel.axes, ['param lr', 'loss_0 (min)', 'loss_0 (@100)']);
      assert.equal(parallel.parallelLines, RUNS, 'a line per run');
      assert.equal(parallel.scatterPoints, 0, 'the scatter was freed when its view was left');
    } finally {
      await first.onMessage({ type: 'runsTable/columns', columns: [...DEFAULT_COLUMNS] });
    }
  });

  it('opens a searchable grid of hundreds of metric cards, drawing only those in view', async function () {
    this.timeout(120_000);
    const [api, panel] = await open(server.baseUrl, wide.experimentId);
    const record = probeOf(api, 'runsTable', panel.panel);
    panel.showView('cards', undefined);
    // A frame makes charts for a few ms and leaves the rest to the next: wait for the window to fill.
    const grid = await until('the card grid', () => {
      const r = record.lastReceived('runsTable/chartsRendered');
      return r?.view === 'cards' && r.cardsDrawn > 0 && r.liveCharts === r.cardsDrawn ? r : undefined;
    });
    // loss_0..loss_599 and accuracy.
    assert.equal(grid.cards, KEYS + 1);
    assert.ok(
      grid.cardsDrawn < 60,
      `a window of cards is drawn (${String(grid.cardsDrawn)} of ${String(grid.cards)})`,
    );
    panel.showView('cards', 'loss_59');
    const found = await until('the search', (): RunsTableChartsRendered | undefined => {
      const r = record.lastReceived('runsTable/chartsRendered');
      return r?.view === 'cards' && r.cards < grid.cards && r.liveCharts === r.cardsDrawn ? r : undefined;
    });
    // loss_59 and loss_590..loss_599.
    assert.equal(found.cards, 11);
    // As many as the window holds (the first grid, also at the top, shows how many fit this panel).
    assert.equal(
      found.cardsDrawn,
      Math.min(11, grid.cardsDrawn),
      `the window held ${String(grid.cardsDrawn)} cards of the whole grid`,
    );
    panel.showView('table', undefined);
    const table = await until('the table view', () => {
      const r = record.lastReceived('runsTable/chartsRendered');
      return r?.view === 'table' ? r : undefined;
    });
    assert.equal(table.liveCharts, 0, 'leaving the cards destroys their charts');
  });
});
