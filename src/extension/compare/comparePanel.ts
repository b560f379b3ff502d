import * as vscode from 'vscode';
import { onlyDifferences, type CompareTable } from '../../core/compare/compareTable';
import { loadMetricsSeries } from '../../core/compare/loadHistories';
import type { MetricSeries } from '../../core/compare/metricSeries';
import { runColor } from '../../core/compare/runColors';
import { SentSeries } from '../../core/compare/sentSeries';
import { tableToCsv } from '../../core/compare/tableCsv';
import { sleep } from '../../core/common/cancellation';
import { describeStoreError } from '../../core/explorer/describeStoreError';
import { runLabel } from '../../core/explorer/runSummary';
import type { Run } from '../../core/tracking/entities/run';
import {
  isCompareWebviewMessage,
  type ChartsDrawn,
  type CompareHostMessage,
  type CompareRunHeader,
  type CompareWebviewMessage,
} from '../../protocol/compareRuns';
import { packSeries } from '../../protocol/seriesBatch';
import type { StoreSession } from '../connection';
import { createPanel, showPanelPage } from '../shared/webviews/webviewHtml';
import { readRuns } from '../../core/compare/readRuns';
import { buildTableWithAggregates, type AggregateSource } from '../../core/compare/tableWithAggregates';

/** What a compare panel needs from the rest of the extension. */
export interface CompareDeps {
  readonly extensionUri: vscode.Uri;
  readonly session: StoreSession;
  readonly log: vscode.LogOutputChannel;
  readonly aggregates: AggregateSource;
  /** Open the run detail panel (a click on a run's name). */
  readonly openRun: (runId: string) => void;
}

/**
 * Longest wait for the webview's first "charts drawn" before the table's min/max rows are loaded
 * anyway (a panel in the background draws nothing until it is shown).
 */
const AGGREGATES_WAIT_MS = 5000;

/** Epoch ms of the host's phases of one panel's first load, for the bench (unset until reached). */
export interface CompareHostTimings {
  opened: number;
  ready?: number;
  snapshotPosted?: number;
  showMetrics?: number;
  firstSeriesPosted?: number;
  allSeriesPosted?: number;
  aggregatesPosted?: number;
}

/**
 * The compare panel host. It owns the data: the runs, the table and every series, which it loads
 * (decimated, in chunks, cancellable) and posts: the table as whole snapshots, the series as
 * deltas (each run's series of a key once); the webview keeps only view state. Closing the panel
 * aborts every request it still has in flight.
 */
export class ComparePanel implements vscode.Disposable {
  private static readonly openPanels = new Set<ComparePanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly abort = new AbortController();
  private runs: Run[] = [];
  private table: CompareTable | undefined;
  /** Series already posted, per metric key and resolution, so re-showing a chart costs nothing. */
  private readonly loaded = new Map<string, { maxPoints: number; series: MetricSeries[] }>();
  /** Which series the webview holds, so partial answers post only what is new. */
  private readonly sentSeries = new SentSeries();
  /** Metric keys whose series the webview holds with their wall-clock times. */
  private readonly timesSent = new Set<string>();
  private shownKeys: readonly string[] = [];
  private loadChain: Promise<void> = Promise.resolve();

  /** Open a new compare panel for these runs. */
  static show(deps: CompareDeps, runIds: readonly string[]): ComparePanel {
    const panel = createPanel('compare', `Compare ${String(runIds.length)} Runs`, deps.extensionUri);
    return new ComparePanel(panel, deps, runIds);
  }

  /** Bring back a panel VS Code restored after a reload, from the run ids in its saved view state. */
  static revive(panel: vscode.WebviewPanel, deps: CompareDeps, runIds: readonly string[]): ComparePanel {
    return new ComparePanel(panel, deps, runIds);
  }

  static all(): readonly ComparePanel[] {
    return [...ComparePanel.openPanels];
  }

  static disposeAll(): void {
    for (const p of [...ComparePanel.openPanels]) {
      p.dispose();
    }
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: CompareDeps,
    private runIds: readonly string[],
  ) {
    ComparePanel.openPanels.add(this);
    showPanelPage('compare', panel, deps.extensionUri);
    this.disposables.push(
      panel.onDidDispose(() => {
        this.dispose();
      }),
      panel.webview.onDidReceiveMessage((m: unknown) => {
        this.onMessage(m);
      }),
      deps.session.onDidChange(() => {
        this.post({
          type: 'compare/status',
          busy: undefined,
          error:
            'The MLflow connection changed: these runs belong to the previous one. Close this panel and compare again.',
        });
      }),
    );
  }

  /** The runs this panel compares, in column order. */
  get comparedRunIds(): readonly string[] {
    return this.runIds;
  }

  /** Messages posted to the webview, kept for in-host tests that assert on what was sent. */
  readonly sent: CompareHostMessage[] = [];
  /** The webview's last report of charts drawn (bench and tests read it). */
  lastDrawn: ChartsDrawn | undefined;
  /** When the host reached each phase of the first load (bench reads it). */
  readonly timings: CompareHostTimings = { opened: Date.now() };
  private markDrawn: () => void = () => undefined;
  /** Resolves at the webview's first report of every chart drawn. */
  private readonly chartsDrawn = new Promise<void>((resolve) => {
    this.markDrawn = resolve;
  });

  private onMessage(message: unknown): void {
    if (!isCompareWebviewMessage(message)) {
      this.deps.log.warn('Ignored an unexpected message from a compare panel.');
      return;
    }
    void this.handle(message).catch((err: unknown) => {
      if (!this.abort.signal.aborted) {
        const { summary, detail } = describeStoreError(err);
        this.deps.log.warn(`Compare panel: ${detail}`);
        this.post({ type: 'compare/status', busy: undefined, error: summary });
      }
    });
  }

  private async handle(m: CompareWebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.timings.ready ??= Date.now();
        this.loaded.clear();
        this.sentSeries.clear();
        this.timesSent.clear();
        await this.loadRuns();
        return;
      case 'compare/showMetrics':
        this.timings.showMetrics ??= Date.now();
        this.shownKeys = m.keys;
        this.loadChain = this.loadChain.then(() => this.loadSeries(m.keys, m.maxPoints, m.times));
        await this.loadChain;
        return;
      case 'compare/exportCsv':
        await this.exportCsv(m.onlyDifferences, m.order);
        return;
      case 'compare/exportPng':
        await this.exportPng(m.name, m.dataUrl);
        return;
      case 'compare/drawn':
        this.lastDrawn = m;
        this.markDrawn();
        this.deps.log.info(
          `Compare panel drew ${String(m.charts)} charts, ${String(m.points)} points, in ${String(Math.round(m.ms))} ms (last series to drawn: ${String(Math.round(m.drawMs))} ms).`,
        );
        return;
      case 'compare/openRun':
        this.deps.openRun(m.runId);
        return;
      case 'compare/removeRun':
        this.runIds = this.runIds.filter((id) => id !== m.runId);
        this.panel.title = `Compare ${String(this.runIds.length)} Runs`;
        this.loaded.clear();
        this.sentSeries.clear();
        this.timesSent.clear();
        await this.loadRuns();
        return;
    }
  }

  private async loadRuns(): Promise<void> {
    this.post({
      type: 'compare/status',
      busy: `Loading ${String(this.runIds.length)} runs…`,
      error: undefined,
    });
    const { tracking } = await this.deps.session.stores();
    const { runs, missing } = await readRuns(tracking, this.runIds, this.abort.signal);
    this.runs = runs;
    await this.postSnapshot(missing);
    this.timings.snapshotPosted ??= Date.now();
    this.post({
      type: 'compare/status',
      busy: undefined,
      error:
        missing.length > 0
          ? `${String(missing.length)} run(s) could not be read and are left out.`
          : undefined,
    });
  }

  private async postSnapshot(missing: readonly string[] = []): Promise<void> {
    this.table = await buildTableWithAggregates(this.runs, this.shownKeys, this.deps.aggregates);
    const headers: CompareRunHeader[] = this.runs.map((r, i) => ({
      runId: r.info.runId,
      name: runLabel(r),
      experimentId: r.info.experimentId,
      status: r.info.status,
      color: runColor(i),
      startTime: r.info.startTime,
    }));
    const keys = (pick: (r: Run) => readonly { key: string }[]): string[] =>
      [...new Set(this.runs.flatMap((r) => pick(r).map((x) => x.key)))].sort();
    this.post({
      type: 'compare/snapshot',
      runs: headers,
      table: this.table,
      metricKeys: keys((r) => r.data.metrics),
      paramKeys: keys((r) => r.data.params),
      missing,
    });
  }

  /**
   * Load the series of the keys not yet loaded at this resolution and post the runs each partial
   * answer adds. Keys already loaded post only what the webview lacks (often nothing), marked
   * complete so the webview draws them again; all of a key again, times included, when the
   * webview now asks for times it was sent without.
   */
  private async loadSeries(keys: readonly string[], maxPoints: number, withTimes: boolean): Promise<void> {
    const todo = keys.filter((k) => (this.loaded.get(k)?.maxPoints ?? 0) < maxPoints);
    for (const [key, done] of this.loaded) {
      if (keys.includes(key) && !todo.includes(key)) {
        const resend = withTimes && !this.timesSent.has(key);
        if (resend) {
          this.sentSeries.reset(key);
          this.timesSent.add(key);
        }
        this.postSeries(key, this.sentSeries.unsent(key, done.series), resend, true, this.timesSent.has(key));
      }
    }
    if (todo.length === 0 || this.runs.length === 0) {
      return;
    }
    const { tracking } = await this.deps.session.stores();
    const runIds = this.runs.map((r) => r.info.runId);
    let done = 0;
    this.post({
      type: 'compare/status',
      busy: `Loading ${String(todo.length)} metric histories…`,
      error: undefined,
    });
    // The metrics load through one pool of calls in the order shown (see loadMetricsSeries), so
    // the first chart draws early and the last answers bring one metric's data, not everyone's.
    const resets = new Set(todo);
    for (const key of todo) {
      // A new load replaces what the webview holds of this key (it was at a coarser resolution).
      this.sentSeries.reset(key);
      if (withTimes) {
        this.timesSent.add(key);
      } else {
        this.timesSent.delete(key);
      }
    }
    await loadMetricsSeries(
      tracking,
      { runIds, metricKeys: todo, maxPoints, signal: this.abort.signal },
      (key, all, complete) => {
        const fresh = this.sentSeries.unsent(key, all);
        if (fresh.length > 0 || complete) {
          this.postSeries(key, fresh, resets.delete(key), complete, withTimes);
        }
        if (complete) {
          this.loaded.set(key, { maxPoints, series: [...all] });
          done++;
          this.post({
            type: 'compare/status',
            busy:
              done < todo.length
                ? `Loaded ${String(done)} of ${String(todo.length)} metric histories…`
                : undefined,
            error: undefined,
          });
        }
      },
    );
    this.timings.allSeriesPosted ??= Date.now();
    // min/max of the shown metrics come from the full histories, computed once and cached. Reading
    // them (5 M points for 100 runs × 5 metrics of 10,000 steps) keeps the extension host busy for
    // seconds, which held the last series back on their way to the webview: wait for the charts.
    const waited = new AbortController();
    await Promise.race([this.chartsDrawn, sleep(AGGREGATES_WAIT_MS, waited.signal).catch(() => undefined)]);
    waited.abort();
    this.abort.signal.throwIfAborted();
    await this.postSnapshot();
    this.timings.aggregatesPosted ??= Date.now();
  }

  private postSeries(
    metricKey: string,
    series: readonly MetricSeries[],
    reset: boolean,
    complete: boolean,
    withTimes: boolean,
  ): void {
    this.timings.firstSeriesPosted ??= Date.now();
    this.post({
      type: 'compare/series',
      metricKey,
      reset,
      complete,
      postedAt: Date.now(),
      batch: packSeries(series, withTimes),
    });
  }

  private async exportCsv(diffOnly: boolean, order: readonly string[]): Promise<void> {
    if (this.table === undefined) {
      return;
    }
    let table = diffOnly ? onlyDifferences(this.table) : this.table;
    // The columns in the order the user sees them (they may have sorted by a row).
    const rank = new Map(order.map((id, i) => [id, i]));
    const idx = table.runIds
      .map((id, i) => ({ id, i }))
      .sort((a, b) => (rank.get(a.id) ?? 1e9) - (rank.get(b.id) ?? 1e9));
    table = {
      runIds: idx.map((x) => x.id),
      rows: table.rows.map((r) => ({ ...r, cells: idx.map((x) => r.cells[x.i]) })),
    };
    const names = table.runIds.map((id) => {
      const run = this.runs.find((r) => r.info.runId === id);
      return run === undefined ? id : runLabel(run);
    });
    const target = await vscode.window.showSaveDialog({
      filters: { CSV: ['csv'] },
      saveLabel: 'Export',
      title: 'Export the comparison table as CSV',
      defaultUri: this.defaultUri('mlflow-comparison.csv'),
    });
    if (target === undefined) {
      return;
    }
    await vscode.workspace.fs.writeFile(target, Buffer.from(tableToCsv(table, names), 'utf8'));
    void vscode.window.showInformationMessage(
      `Exported ${String(table.rows.length)} rows to ${vscode.workspace.asRelativePath(target)}.`,
    );
  }

  private async exportPng(name: string, dataUrl: string): Promise<void> {
    const safe = name.replace(/[^\w.-]+/g, '_').slice(0, 80) || 'chart';
    const target = await vscode.window.showSaveDialog({
      filters: { PNG: ['png'] },
      saveLabel: 'Export',
      title: 'Export the chart as PNG',
      defaultUri: this.defaultUri(`${safe}.png`),
    });
    if (target === undefined) {
      return;
    }
    const bytes = Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64');
    // A PNG starts with its 8-byte signature; anything else is not what the webview should send.
    if (bytes.length < 8 || bytes.readUInt32BE(0) !== 0x89504e47) {
      throw new Error('The chart image is not a PNG.');
    }
    await vscode.workspace.fs.writeFile(target, bytes);
    void vscode.window.showInformationMessage(
      `Saved the chart to ${vscode.workspace.asRelativePath(target)}.`,
    );
  }

  private defaultUri(file: string): vscode.Uri | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return folder === undefined ? undefined : vscode.Uri.joinPath(folder, file);
  }

  private post(message: CompareHostMessage): void {
    if (this.abort.signal.aborted) {
      return;
    }
    this.sent.push(message);
    if (this.sent.length > 200) {
      this.sent.splice(0, this.sent.length - 200);
    }
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (!ComparePanel.openPanels.delete(this)) {
      return;
    }
    this.abort.abort(new Error('The compare panel was closed.'));
    for (const d of this.disposables.splice(0)) {
      d.dispose();
    }
    this.panel.dispose();
  }
}
