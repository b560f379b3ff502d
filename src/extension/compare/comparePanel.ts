import type * as vscode from 'vscode';
import type { CompareTable } from '../../core/compare/compareTable';
import { loadMetricsSeries } from '../../core/compare/loadHistories';
import type { MetricSeries } from '../../core/compare/metricSeries';
import { runColor } from '../../core/compare/runColors';
import { SentSeries } from '../../core/compare/sentSeries';
import { sleep } from '../../core/common/cancellation';
import { describeStoreError } from '../../core/explorer/describeStoreError';
import { runLabel } from '../../core/explorer/runSummary';
import type { Run } from '../../core/tracking/entities/run';
import {
  isRunId,
  MAX_COMPARED_RUNS,
  type CompareHostMessage,
  type CompareRunHeader,
  type CompareViewState,
  type CompareWebviewMessage,
} from '../../protocol/compareRuns';
import { packSeries } from '../../protocol/seriesBatch';
import type { StoreSession } from '../connection';
import type { HostedPanel } from '../shared/webviews/hostedPanel';
import { PanelHost } from '../shared/webviews/panelHost';
import { readRuns } from '../../core/compare/readRuns';
import { buildTableWithAggregates, type AggregateSource } from '../../core/compare/tableWithAggregates';
import { exportChartPng, exportTableCsv } from './compareExport';

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

/** The phases of one panel's first load the bench times, in the order they come. */
export type ComparePhase =
  'ready' | 'snapshotPosted' | 'showMetrics' | 'firstSeriesPosted' | 'allSeriesPosted' | 'aggregatesPosted';

/**
 * Epoch ms of the host's phases of one panel's first load (unset until reached), as the panel's
 * probe record holds them (`opened` when the host created it).
 */
export type CompareHostTimings = { opened: number } & Partial<Record<ComparePhase, number>>;

/** Compare panels by a key of their own: comparing the same runs twice opens a second panel. */
const compares = new PanelHost<'compare', number, ComparePanel>({ kind: 'compare', what: 'a compare panel' });
let nextKey = 0;

/**
 * The host side of a compare panel. It owns the data: the runs, the table and every series, which it loads
 * (decimated, in chunks, cancellable) and posts: the table as whole snapshots, the series as
 * deltas (each run's series of a key once); the webview keeps only view state. Closing the panel
 * aborts every request it still has in flight.
 */
export class ComparePanel implements vscode.Disposable {
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
    return compares.show(nextKey++, `Compare ${String(runIds.length)} Runs`, deps, (hosted) => {
      return new ComparePanel(hosted, deps, runIds);
    });
  }

  /** Bring back a panel VS Code restored after a reload, from the run ids in its saved view state. */
  static revive(panel: vscode.WebviewPanel, deps: CompareDeps, runIds: readonly string[]): ComparePanel {
    return compares.revive(nextKey++, panel, deps, (hosted) => new ComparePanel(hosted, deps, runIds));
  }

  /**
   * Bring back compare panels after a reload, with the runs their webview saved in its view state
   * (checked here: it comes from the webview), or the basket's when it saved none.
   */
  static registerSerializer(deps: CompareDeps, fallback: () => readonly string[]): vscode.Disposable {
    return compares.registerSerializer((panel, state) => {
      const ids = (state as Partial<CompareViewState> | undefined)?.runIds;
      ComparePanel.revive(
        panel,
        deps,
        Array.isArray(ids) ? ids.filter(isRunId).slice(0, MAX_COMPARED_RUNS) : fallback(),
      );
    });
  }

  static all(): readonly ComparePanel[] {
    return compares.all();
  }

  static disposeAll(): void {
    compares.disposeAll();
  }

  private constructor(
    private readonly hosted: HostedPanel<'compare'>,
    private readonly deps: CompareDeps,
    private runIds: readonly string[],
  ) {
    hosted.own(
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

  /** The VS Code panel this compare is shown in. */
  get panel(): vscode.WebviewPanel {
    return this.hosted.panel;
  }

  /** The runs this panel compares, in column order. */
  get comparedRunIds(): readonly string[] {
    return this.runIds;
  }

  private markDrawn: () => void = () => undefined;
  /** Resolves at the webview's first report of every chart drawn. */
  private readonly chartsDrawn = new Promise<void>((resolve) => {
    this.markDrawn = resolve;
  });

  /** A message from the webview (its guard passed): failures are shown in the panel and logged. */
  onMessage(message: CompareWebviewMessage): void {
    void this.handle(message).catch((err: unknown) => {
      if (!this.hosted.signal.aborted) {
        const { summary, detail } = describeStoreError(err);
        this.deps.log.warn(`Compare panel: ${detail}`);
        this.post({ type: 'compare/status', busy: undefined, error: summary });
      }
    });
  }

  private async handle(m: CompareWebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.mark('ready');
        this.loaded.clear();
        this.sentSeries.clear();
        this.timesSent.clear();
        await this.loadRuns();
        return;
      case 'compare/showMetrics':
        this.mark('showMetrics');
        this.shownKeys = m.keys;
        this.loadChain = this.loadChain.then(() => this.loadSeries(m.keys, m.maxPoints, m.times));
        await this.loadChain;
        return;
      case 'compare/exportCsv':
        if (this.table !== undefined) {
          await exportTableCsv(this.table, this.runs, m.onlyDifferences, m.order);
        }
        return;
      case 'compare/exportPng':
        await exportChartPng(m.name, m.dataUrl);
        return;
      case 'compare/drawn':
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
    const { runs, missing } = await readRuns(tracking, this.runIds, this.hosted.signal);
    this.runs = runs;
    await this.postSnapshot(missing);
    this.mark('snapshotPosted');
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
      { runIds, metricKeys: todo, maxPoints, signal: this.hosted.signal },
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
    this.mark('allSeriesPosted');
    // min/max of the shown metrics come from the full histories, computed once and cached. Reading
    // them (5 M points for 100 runs × 5 metrics of 10,000 steps) keeps the extension host busy for
    // seconds, which held the last series back on their way to the webview: wait for the charts.
    const waited = new AbortController();
    await Promise.race([this.chartsDrawn, sleep(AGGREGATES_WAIT_MS, waited.signal).catch(() => undefined)]);
    waited.abort();
    this.hosted.signal.throwIfAborted();
    await this.postSnapshot();
    this.mark('aggregatesPosted');
  }

  private postSeries(
    metricKey: string,
    series: readonly MetricSeries[],
    reset: boolean,
    complete: boolean,
    withTimes: boolean,
  ): void {
    this.mark('firstSeriesPosted');
    this.post({
      type: 'compare/series',
      metricKey,
      reset,
      complete,
      postedAt: Date.now(),
      batch: packSeries(series, withTimes),
    });
  }

  private post(message: CompareHostMessage): void {
    this.hosted.post(message);
  }

  private mark(phase: ComparePhase): void {
    this.hosted.mark(phase);
  }

  dispose(): void {
    this.hosted.dispose();
  }
}
