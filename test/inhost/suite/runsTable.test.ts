// The Runs Table in the real extension host, over the loopback REST test server and over the
// same mlflow.db opened as a local store: every run arrives page by page, the real webview draws
// only a window of them, and aggregate figures come from the stores' histories (sampled by the
// server's bulk-interval endpoint, exact locally) and are the same either way.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SqliteRegistryStore } from '../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { fromWireFigures } from '../../../src/core/runsTable/wireNumber';
import type { MlflowExtensionApi } from '../../../src/extension/api';
import type { RunsTablePanel } from '../../../src/extension/runsTable/runsTablePanel';
import { RUNS_TABLE_COMMANDS } from '../../../src/extension/shared/commandIds/runsTableCommandIds';
import type { RunsTableFigures, RunsTableRendered, RunsTableRows } from '../../../src/protocol/runsTable';
import { generateRunsDb, HOSTILE_STRINGS, type GeneratedRunsDb } from '../../support/mlflow/generateRunsDb';
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
  path.join(repoRoot().fsPath, 'test', 'fixtures', 'mlflow-2.17.2', ...p);

/** Runs beyond one page of 100, so the table loads in several pages. */
const RUNS = 240;
const STEPS = 20;

describe('Runs Table (real extension host, REST test server and local mlflow.db)', () => {
  let tmp: string;
  let dbFile: string;
  let generated: GeneratedRunsDb;
  let server: MlflowTestServer;
  let tracking: SqliteTrackingStore;

  before(async function () {
    this.timeout(120_000);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-runs-table-'));
    dbFile = path.join(tmp, 'runs.db');
    generated = await generateRunsDb(fixtures('sqlite', 'mlflow.db'), dbFile, {
      runs: RUNS,
      hostile: true,
      hostileKeys: true,
      history: { keys: 1, steps: STEPS },
      name: 'runs-table',
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

  async function connect(uri: string): Promise<MlflowExtensionApi> {
    const api = await activeApi();
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('trackingUri', uri, vscode.ConfigurationTarget.Workspace);
    await waitForConnection(api, (s) => s.status === 'ready' && s.uri === uri, uri);
    return api;
  }

  const sources: Array<[string, () => string]> = [
    ['the REST test server', () => server.baseUrl],
    ['the mlflow.db as a local store', () => `sqlite:///${dbFile}`],
  ];

  for (const [source, uri] of sources) {
    it(`opens the table of an experiment from ${source}: every run, paged, a window of them drawn`, async function () {
      this.timeout(120_000);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const api = await connect(uri());
      const panel = await vscode.commands.executeCommand<RunsTablePanel>(
        RUNS_TABLE_COMMANDS.open,
        generated.experimentId,
      );
      assert.equal(panel.experimentId, generated.experimentId);
      // Opened by id, the panel starts before the name is read, and takes it once it is.
      assert.equal(panel.panel.title, `Runs: ${generated.experimentName}`);
      const record = probeOf(api, 'runsTable', panel.panel);
      const pages = (): RunsTableRows[] =>
        record.sent.filter((m): m is RunsTableRows => m.type === 'runsTable/rows');
      await until('every page', () => (pages().at(-1)?.done === true ? true : undefined), 60_000);
      const all = pages().flatMap((p) => p.rows.map((r) => r.runId));
      assert.ok(pages().length >= 2, `paged (${String(pages().length)} pages)`);
      assert.equal(pages()[0]?.reset, true);
      assert.deepEqual([...all].sort(), [...generated.runIds].sort(), 'each run once');
      assert.equal(panel.loadedCount, generated.runIds.length);
      const drawn = await untilReceived(
        record,
        'runsTable/rendered',
        'the webview drawing every line',
        (r) => r.lines === generated.runIds.length,
      );
      assert.ok(drawn.domRows > 0, 'rows are drawn');
      assert.ok(
        drawn.domRows < 80,
        `only a window of ${String(drawn.lines)} lines is in the DOM (${String(drawn.domRows)})`,
      );
      // The hostile strings arrive as data (the UI test shows them inert in the cells).
      const names = pages().flatMap((p) => p.rows.map((r) => r.name));
      for (const s of HOSTILE_STRINGS) {
        assert.ok(names.includes(s), 'a hostile name is listed as it is');
      }
    });

    it(`computes min / max / first / last / value at a step of a metric from ${source}`, async function () {
      this.timeout(120_000);
      const api = await activeApi();
      const panel = api.runsTables.all().find((p) => p.experimentId === generated.experimentId);
      assert.ok(panel);
      const record = probeOf(api, 'runsTable', panel.panel);
      // What the webview posts when an aggregate column of loss_0 is shown.
      await panel.onMessage({ type: 'runsTable/needFigures', key: 'loss_0', steps: [5] });
      const figures = (): RunsTableFigures[] =>
        record.sent.filter(
          (m): m is RunsTableFigures => m.type === 'runsTable/figures' && m.key === 'loss_0',
        );
      await until('the figures of loss_0', () => (figures().some((m) => m.done) ? true : undefined), 60_000);
      assert.equal(figures().find((m) => m.error !== undefined)?.error, undefined);
      const byRun = new Map(figures().flatMap((m) => m.figures));
      const plain = generated.runIds.slice(-RUNS);
      assert.ok(
        plain.every((id) => byRun.has(id)),
        'every generated run has figures',
      );
      const f = byRun.get(plain[0] ?? '');
      assert.ok(f);
      // The generator logs 1 / (step + 1) at steps 0..19.
      assert.deepEqual(fromWireFigures(f), {
        min: 1 / STEPS,
        max: 1,
        first: 1,
        last: 1 / STEPS,
        at: new Map([[5, 1 / 6]]),
      });
      // Asked again: nothing is read again (cached per run and version).
      const before = figures().length;
      await panel.onMessage({ type: 'runsTable/needFigures', key: 'loss_0', steps: [5] });
      await until('the second answer', () => (figures().length > before ? true : undefined));
      assert.ok(
        figures()
          .slice(before)
          .every((m) => m.figures.length === 0),
        'all cached',
      );
    });

    it(`bounds an aggregate and a param column locally from ${source}, shown in the filter line, cleared by Refresh`, async function () {
      this.timeout(120_000);
      const api = await activeApi();
      const panel = api.runsTables.all().find((p) => p.experimentId === generated.experimentId);
      assert.ok(panel);
      const record = probeOf(api, 'runsTable', panel.panel);
      const minLoss = { kind: 'agg', fn: 'min', key: 'loss_0' } as const;
      const lr = { kind: 'param', key: 'lr' } as const;
      // The expected rows, from what the host sent: min(loss_0) ≤ 0.06 and lr ≤ 0.0031.
      const mins = new Map(
        record.sent
          .filter((m): m is RunsTableFigures => m.type === 'runsTable/figures' && m.key === 'loss_0')
          .flatMap((m) => m.figures)
          .flatMap(([id, f]) => (f === null ? [] : [[id, fromWireFigures(f).min] as const])),
      );
      const rows = record.sent
        .filter((m): m is RunsTableRows => m.type === 'runsTable/rows')
        .flatMap((m) => m.rows);
      const expected = rows.filter((r) => {
        const v = Number(r.params.find(([k]) => k === 'lr')?.[1]);
        return v <= 0.0031 && (mins.get(r.runId) ?? Infinity) <= 0.06;
      }).length;
      assert.ok(
        expected > 0 && expected < rows.length,
        `a real narrowing (${String(expected)} of ${String(rows.length)})`,
      );
      const drawnWith = (what: string, ok: (r: RunsTableRendered) => boolean): Promise<RunsTableRendered> =>
        untilReceived(record, 'runsTable/rendered', what, ok);
      panel.boundBy([
        { column: minLoss, max: 0.06 },
        { column: lr, max: 0.0031 },
      ]);
      const bounded = await drawnWith(
        'the bounded rows',
        (r) => r.filterLine.length === 2 && r.lines === expected,
      );
      assert.deepEqual(bounded.filterLine, ['loss_0 (min) ≤ 0.06', 'lr ≤ 0.0031']);
      // No run's min(loss_0) is below 1/20: a bound under it leaves no row.
      panel.boundBy([{ column: minLoss, max: 0.01 }]);
      await drawnWith('no row', (r) => r.lines === 0 && r.filterLine.length === 1);
      await panel.onMessage({ type: 'runsTable/refresh' });
      const cleared = await drawnWith(
        'every row again',
        (r) => r.filterLine.length === 0 && r.lines === rows.length,
      );
      assert.deepEqual(cleared.filterLine, []);
    });
  }

  it('fails to open the table of an experiment that does not exist, and leaves no panel', async function () {
    this.timeout(60_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const api = await connect(`sqlite:///${dbFile}`);
    const before = api.runsTables.all().length;
    // The command reports the failure (as every command does) and gives no panel back.
    const opened = await vscode.commands.executeCommand(RUNS_TABLE_COMMANDS.open, '987654321');
    assert.equal(opened, undefined);
    assert.equal(api.runsTables.all().length, before, 'the panel that started is closed again');
  });

  it('remembers the chosen columns per experiment, and asks the server for the sorted order on the next load', async function () {
    this.timeout(120_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const api = await connect(server.baseUrl);
    const open = (): Thenable<RunsTablePanel> =>
      vscode.commands.executeCommand<RunsTablePanel>(RUNS_TABLE_COMMANDS.open, generated.experimentId);
    const first = await open();
    const record = probeOf(api, 'runsTable', first.panel);
    await until('the first page', () => record.sent.find((m) => m.type === 'runsTable/rows'));
    const columns = [
      { kind: 'attr', attr: 'name' },
      { kind: 'agg', fn: 'max', key: 'loss_0' },
    ] as const;
    await first.onMessage({ type: 'runsTable/columns', columns: [...columns] });
    // A sort the server can do: the next load (now, when rows are still coming, or on Refresh)
    // asks the server for that order.
    const rowsBefore = record.sent.filter((m) => m.type === 'runsTable/rows').length;
    await first.onMessage({
      type: 'runsTable/sort',
      column: { kind: 'metric', key: 'accuracy' },
      ascending: false,
    });
    await first.onMessage({ type: 'runsTable/refresh' });
    const reloaded = await until('the rows in the server order', () =>
      record.sent
        .slice(rowsBefore)
        .find((m): m is RunsTableRows => m.type === 'runsTable/rows' && m.reset && m.orderBy !== undefined),
    );
    assert.equal(reloaded.orderBy, 'metrics.accuracy DESC');
    const acc = reloaded.rows.map((r) => Number(r.metrics.find(([k]) => k === 'accuracy')?.[1]));
    assert.deepEqual(
      acc,
      [...acc].sort((a, b) => b - a),
      'the first page is the highest accuracies',
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const again = await open();
    const init = await until('the init of the reopened table', () =>
      probeOf(api, 'runsTable', again.panel).sent.find((m) => m.type === 'runsTable/init'),
    );
    assert.deepEqual(init.columns, columns, 'the columns chosen come back');
  });
});
