// The Runs Table keeps its running runs fresh in the real extension host, over a file store in a
// temp folder that the test writes to as a training script would: a RUNNING run logs a new value
// and finishes, and the table's rows, sort and aggregate figures follow without Refresh.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fromWireFigures } from '../../../src/core/runsTable/wireNumber';
import type { MlflowExtensionApi } from '../../../src/extension/api';
import type { RunsTablePanel } from '../../../src/extension/runsTable/runsTablePanel';
import { RUNS_TABLE_COMMANDS } from '../../../src/extension/shared/commandIds/runsTableCommandIds';
import type { PanelRecord } from '../../../src/extension/shared/webviews/panelProbe';
import type {
  RunsTableFigures,
  RunsTableRendered,
  RunsTableSeries,
  RunsTableUpdateRows,
} from '../../../src/protocol/runsTable';
import { unpackSeries } from '../../../src/protocol/seriesBatch';
import { writeFileStore } from '../../support/code/codeFixtures';
import {
  activeApi,
  clearTrackingUriSetting,
  mlflowLog,
  probeOf,
  until,
  untilReceived,
  waitForConnection,
} from './helpers';

const EXPERIMENT = '4711';
const LIVE = `11${'be'.repeat(15)}`;
const DONE = `22${'d0'.repeat(15)}`;
const START = 1_767_225_600_000;

describe('Runs Table: running runs kept fresh (real extension host, a file store being written)', function () {
  this.timeout(120_000);
  let mlruns: string;
  let api: MlflowExtensionApi;
  let panel: RunsTablePanel;
  let record: PanelRecord<'runsTable'>;
  const runDir = (): string => path.join(mlruns, EXPERIMENT, LIVE);

  /** Log `value` at `step` to the live run, as MLflow's file store appends it. */
  const log = (value: number, step: number): void => {
    fs.appendFileSync(
      path.join(runDir(), 'metrics', 'loss'),
      `${String(START + 100 * step)} ${String(value)} ${String(step)}\n`,
    );
  };
  const setStatus = (status: 1 | 3, endTime: number | undefined): void => {
    const meta = path.join(runDir(), 'meta.yaml');
    const text = fs
      .readFileSync(meta, 'utf8')
      .replace(/^status: .*$/m, `status: ${String(status)}`)
      .replace(/^end_time: .*$/m, `end_time: ${endTime === undefined ? 'null' : String(endTime)}`);
    fs.writeFileSync(meta, text);
  };

  const drawn = (what: string, ok: (r: RunsTableRendered) => boolean): Promise<RunsTableRendered> =>
    untilReceived(record, 'runsTable/rendered', what, ok);
  const sameLines = (lines: readonly string[]) => (r: RunsTableRendered) =>
    JSON.stringify(r.firstLines) === JSON.stringify(lines);
  /** The figures of loss the host posted for the live run after the `from`th message. */
  const liveFigures = (from: number) =>
    record.sent
      .slice(from)
      .filter((m): m is RunsTableFigures => m.type === 'runsTable/figures' && m.key === 'loss')
      .flatMap((m) => m.figures)
      .filter(([id]) => id === LIVE)
      .map(([, f]) => (f === null ? null : fromWireFigures(f)));
  const updates = (from: number): RunsTableUpdateRows[] =>
    record.sent.slice(from).filter((m): m is RunsTableUpdateRows => m.type === 'runsTable/updateRows');

  before(async () => {
    mlruns = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-running-table-')), 'mlruns');
    writeFileStore(mlruns, EXPERIMENT, 'running-table', [
      { runId: LIVE, name: 'live', startTime: START, tags: {}, metrics: { loss: 0.9 }, status: 'RUNNING' },
      { runId: DONE, name: 'done', startTime: START - 60_000, tags: {}, metrics: { loss: 0.5 } },
    ]);
    api = await activeApi();
    const uri = vscode.Uri.file(mlruns).toString();
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('trackingUri', uri, vscode.ConfigurationTarget.Workspace);
    await waitForConnection(api, (s) => s.status === 'ready' && s.uri === uri, uri);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('autoRefreshSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    await clearTrackingUriSetting();
    fs.rmSync(path.dirname(mlruns), { recursive: true, force: true });
  });

  it('shows a value the running run logs, re-sorted, with its min / max / first / last computed again, on its own schedule', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    panel = await vscode.commands.executeCommand<RunsTablePanel>(RUNS_TABLE_COMMANDS.open, EXPERIMENT);
    record = probeOf(api, 'runsTable', panel.panel);
    await drawn('both runs', (r) => r.lines === 2);
    panel.sortBy({ kind: 'metric', key: 'loss' }, false);
    await drawn('the highest loss first', sameLines(['live', 'done']));
    await panel.onMessage({ type: 'runsTable/needFigures', key: 'loss', steps: [] });
    await until('the figures of loss', () => (liveFigures(0).length > 0 ? true : undefined));
    assert.deepEqual(liveFigures(0)[0], { min: 0.9, max: 0.9, first: 0.9, last: 0.9, at: new Map() });
    assert.ok(panel.pollingRunning, 'a run is running and the panel is visible: the poll is on');

    const from = record.sent.length;
    log(0.1, 1);
    // No Refresh, no tick asked: the poll's own schedule (5 s at first) finds the new value.
    const update = await until(
      'the live run updated',
      () => updates(from).find((m) => m.rows.some((r) => r.runId === LIVE)),
      60_000,
    );
    const row = update.rows.find((r) => r.runId === LIVE);
    assert.deepEqual(row?.metrics, [['loss', 0.1]]);
    assert.equal(row.status, 'RUNNING');
    assert.ok(
      update.rows.every((r) => r.runId !== DONE),
      'a finished run is neither read nor sent again',
    );
    await drawn('the live run sorted after the other', sameLines(['done', 'live']));
    const after = await until('its figures computed again', () => liveFigures(from)[0] ?? undefined);
    assert.deepEqual(after, { min: 0.1, max: 0.9, first: 0.9, last: 0.1, at: new Map() });
  });

  it('follows the running run in the line chart: its series is read again when it logs, not while hidden', async () => {
    /** The series of loss the host posted for the live run after the `from`th message. */
    const liveSeries = (from: number) =>
      record.sent
        .slice(from)
        .filter((m): m is RunsTableSeries => m.type === 'runsTable/series' && m.key === 'loss')
        .flatMap((m) => unpackSeries(m.batch))
        .filter((s) => s.runId === LIVE);
    const start = record.sent.length;
    panel.showView('line', 'loss');
    await until('the line chart of both runs', () => {
      const r = record.lastReceived('runsTable/chartsRendered');
      return r?.view === 'line' && r.lines === 2 && r.waiting === 0 ? r : undefined;
    });
    assert.deepEqual([...(liveSeries(start).at(-1)?.values ?? [])], [0.9, 0.1]);
    const from = record.sent.length;
    log(0.3, 2);
    await panel.pollRunningNow();
    const fresh = await until('the live run’s series again', () => liveSeries(from).at(-1));
    assert.deepEqual([...fresh.values], [0.9, 0.1, 0.3]);
    assert.deepEqual([...fresh.steps], [0, 1, 2]);
    panel.showView('table', undefined);
    await until('the chart hidden', () =>
      record.lastReceived('runsTable/chartsRendered')?.view === 'table' ? true : undefined,
    );
    const hidden = record.sent.length;
    log(0.35, 3);
    await panel.pollRunningNow();
    await until('the row updated', () =>
      updates(hidden).some((m) => m.rows.some((r) => r.runId === LIVE)) ? true : undefined,
    );
    await until('its figures computed again', () => liveFigures(hidden)[0] ?? undefined);
    assert.deepEqual(liveSeries(hidden), [], 'no chart on screen: no history read for it');
  });

  it('logs a run it cannot read and goes on; a run that finished is shown so and no longer polled', async () => {
    const meta = path.join(runDir(), 'meta.yaml');
    fs.renameSync(meta, `${meta}.away`);
    await panel.pollRunningNow();
    await until('the failed read in the log', () =>
      mlflowLog().includes(`could not read the running run ${LIVE}`) ? true : undefined,
    );
    assert.ok(panel.pollingRunning, 'the poll goes on');
    fs.renameSync(`${meta}.away`, meta);

    const from = record.sent.length;
    log(0.95, 4);
    setStatus(3, START + 60_000);
    await panel.pollRunningNow();
    const update = await until('the finished run', () =>
      updates(from)
        .flatMap((m) => m.rows)
        .find((r) => r.runId === LIVE && r.status === 'FINISHED'),
    );
    assert.equal(update.endTime, START + 60_000);
    await drawn('the finished run first again', sameLines(['live', 'done']));
    const figures = await until('its last figures', () => liveFigures(from)[0] ?? undefined);
    assert.deepEqual(figures, { min: 0.1, max: 0.95, first: 0.9, last: 0.95, at: new Map() });
    await until('the poll to stop', () => (panel.pollingRunning ? undefined : true));
  });

  it('polls again after a Refresh brings a running run, not with mlflow.autoRefreshSeconds = 0, and stops when the panel closes', async () => {
    setStatus(1, undefined);
    await panel.onMessage({ type: 'runsTable/refresh' });
    await until('the poll to start again', () => (panel.pollingRunning ? true : undefined));
    const config = vscode.workspace.getConfiguration('mlflow');
    await config.update('autoRefreshSeconds', 0, vscode.ConfigurationTarget.Workspace);
    await until('the poll to stop for autoRefreshSeconds = 0', () =>
      panel.pollingRunning ? undefined : true,
    );
    await config.update('autoRefreshSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    await until('the poll to start with the default', () => (panel.pollingRunning ? true : undefined));
    panel.panel.dispose();
    await until('closing the panel to stop the poll', () => (panel.pollingRunning ? undefined : true));
  });
});
