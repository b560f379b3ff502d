import type * as vscode from 'vscode';
import type { CompareTable } from '../../core/compare/compareTable';
import { loadMetricsSeries } from '../../core/compare/loadHistories';
import { decimateSeries, type MetricSeries } from '../../core/compare/metricSeries';
import { chartPointsFor, prefetchPlan } from '../../core/compare/prefetchPlan';
import { SentSeries } from '../../core/compare/sentSeries';
import { describeStoreError } from '../../core/explorer/describeStoreError';
import type { Run } from '../../core/tracking/entities/run';
import {
  isRunId,
  MAX_COMPARED_RUNS,
  type CompareHostMessage,
  type CompareViewState,
  type CompareWebviewMessage,
} from '../../protocol/compareRuns';
import { packSeries } from '../../protocol/seriesBatch';
import type { StoreSession } from '../connection';
import type { HostedPanel } from '../shared/webviews/hostedPanel';
import { PanelHost } from '../shared/webviews/panelHost';
import { buildTableWithAggregates, type AggregateSource } from '../../core/compare/tableWithAggregates';
import { exportChartPng, exportTableCsv } from './compareExport';
import { readComparedRuns, snapshotMessage, type ComparePhase, type ReadRuns } from './compareSnapshot';

/** What a compare panel needs from the rest of the extension. */
export interface CompareDeps {
  readonly extensionUri: vscode.Uri;
  readonly session: StoreSession;
  readonly log: vscode.LogOutputChannel;
  readonly aggregates: AggregateSource;
  /** Open the run detail panel (a click on a run's name). */
  readonly openRun: (runId: string) => void;
}

export type { ComparePhase, CompareHostTimings } from './compareSnapshot';

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
  /**
   * A new panel's runs, read as the command fires (see {@link prefetch}); the webview's first
   * `ready` takes them instead of reading them again.
   */
  private prefetchedRuns: Promise<ReadRuns> | undefined;
  /**
   * Points per run the webview's charts asked for; undefined until it first asked. Until then
   * series loads (the prefetch) only keep what they load; after, they post it, decimated to this.
   */
  private viewPoints: number | undefined;
  /** Per metric key: the latest series a load holds, including a prefetch's not posted yet. */
  private readonly holding = new Map<string, { series: readonly MetricSeries[]; complete: boolean }>();
  /** Keys whose next post replaces what the webview holds (a new load of the key started). */
  private readonly resets = new Set<string>();
  /** The metric keys whose min/max rows the last snapshot had, joined. */
  private aggregatesPosted = '';
  /** Metric keys a load completed, so their min/max are known (the aggregate source keeps them). */
  private readonly aggregated = new Set<string>();

  /** Open a new compare panel for these runs, and start loading them at once. */
  static show(deps: CompareDeps, runIds: readonly string[]): ComparePanel {
    const panel = compares.show(nextKey++, `Compare ${String(runIds.length)} Runs`, deps, (hosted) => {
      return new ComparePanel(hosted, deps, runIds);
    });
    panel.prefetch();
    return panel;
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
      case 'ready': {
        this.mark('ready');
        const prefetched = this.prefetchedRuns;
        this.prefetchedRuns = undefined;
        if (prefetched === undefined) {
          // A fresh webview: it holds no series and has asked for none yet.
          this.forgetSeries();
          this.viewPoints = undefined;
        }
        await this.loadRuns(prefetched);
        if (prefetched !== undefined && m.chartPoints !== undefined) {
          // A new page said how wide its charts are: its default metrics' series go now, right
          // after the snapshot, not a round trip later when it asks (its ask then finds them sent).
          const plan = prefetchPlan(this.runs);
          await this.showMetrics(plan.keys, chartPointsFor(m.chartPoints, this.runs.length), false);
        }
        return;
      }
      case 'compare/showMetrics':
        await this.showMetrics(m.keys, m.maxPoints, m.times);
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
        this.forgetSeries();
        await this.loadRuns();
        return;
    }
  }

  /** Post the series of these keys at this resolution, loading what is not loaded yet. */
  private async showMetrics(keys: readonly string[], maxPoints: number, times: boolean): Promise<void> {
    this.mark('showMetrics');
    this.shownKeys = keys;
    this.showHeld(keys, maxPoints);
    this.loadChain = this.loadChain.then(() => this.loadSeries(keys, maxPoints, times));
    await this.loadChain;
  }

  /** The webview starts afresh (or the runs changed): it holds no series, and none is held for it. */
  private forgetSeries(): void {
    this.loaded.clear();
    this.sentSeries.clear();
    this.timesSent.clear();
    this.holding.clear();
  }

  /**
   * Start a new panel's load as the command fires, not once its webview has started and asked
   * (over a second later): read the runs, then the series of the metrics the webview shows by
   * default (on a local store, the first of them), at the most points its charts can ask for. They
   * are held until the webview is up (see {@link showHeld}). A failure is left for the webview's
   * own requests to meet and report.
   */
  private prefetch(): void {
    this.mark('prefetchStarted');
    const read = readComparedRuns(this.deps.session, this.runIds, this.hosted.signal);
    this.prefetchedRuns = read;
    read.catch(() => {
      this.prefetchedRuns = undefined;
    });
    this.loadChain = read
      .then(async ({ runs }) => {
        this.runs = runs;
        const plan = prefetchPlan(runs);
        this.shownKeys = plan.keys;
        // A local store is read in this thread (sql.js, the file store's parsing): reading every
        // shown metric ahead kept the extension host busy while the new webview started, and on
        // two cores that start waited for it (its `ready` came 0.3 s later). Only the first
        // metric goes ahead there; the rest follow once the page is up. A server's histories are
        // read ahead whole: there the load, not the page, is what the charts wait for.
        const { tracking } = await this.deps.session.stores();
        const ahead = tracking.kind === 'rest' ? plan.keys : plan.keys.slice(0, 1);
        await this.loadSeries(ahead, plan.maxPoints, false);
      })
      .catch((err: unknown) => {
        if (!this.hosted.signal.aborted) {
          this.deps.log.warn(`Compare panel: loading ahead failed: ${describeStoreError(err).detail}`);
        }
        for (const key of this.holding.keys()) {
          this.loaded.delete(key);
          this.sentSeries.reset(key);
        }
      });
  }

  /**
   * The webview asked for these keys at this resolution: from now on series are posted, and what
   * a load (the prefetch) holds of these keys and the webview lacks is posted now.
   */
  private showHeld(keys: readonly string[], maxPoints: number): void {
    this.viewPoints = maxPoints;
    for (const key of keys) {
      const held = this.holding.get(key);
      if (held !== undefined) {
        const fresh = this.sentSeries.unsent(key, held.series);
        if (fresh.length > 0) {
          this.postSeries(key, fresh, this.resets.delete(key), held.complete, this.timesSent.has(key));
        }
      }
    }
  }

  private async loadRuns(prefetched?: Promise<ReadRuns>): Promise<void> {
    this.post({
      type: 'compare/status',
      busy: `Loading ${String(this.runIds.length)} runs…`,
      error: undefined,
    });
    const read = (): Promise<ReadRuns> =>
      readComparedRuns(this.deps.session, this.runIds, this.hosted.signal);
    const { runs, missing } = await (prefetched ?? read()).catch(read);
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
    // min/max rows for the shown metrics whose load is done (it recorded them): none is read here.
    const withAggregates = this.shownKeys.filter((k) => this.aggregated.has(k));
    this.table = await buildTableWithAggregates(this.runs, withAggregates, this.deps.aggregates);
    this.post(snapshotMessage(this.runs, this.table, missing));
    this.aggregatesPosted = withAggregates.join('\u0000');
    if (withAggregates.length > 0) {
      this.mark('aggregatesPosted');
    }
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
      if (keys.includes(key) && !todo.includes(key) && this.viewPoints !== undefined) {
        const resend = withTimes && !this.timesSent.has(key);
        if (resend) {
          this.sentSeries.reset(key);
          this.timesSent.add(key);
        }
        this.postSeries(key, this.sentSeries.unsent(key, done.series), resend, true, this.timesSent.has(key));
      }
    }
    if (todo.length === 0 || this.runs.length === 0) {
      if (this.viewPoints !== undefined) {
        // Everything asked for was loaded ahead (the prefetch): all of it is posted now, and the
        // table gets the min/max rows of what was loaded after its snapshot.
        this.mark('allSeriesPosted');
        if (this.shownKeys.filter((k) => this.aggregated.has(k)).join('\u0000') !== this.aggregatesPosted) {
          await this.postSnapshot();
        }
      }
      return;
    }
    const { tracking } = await this.deps.session.stores();
    const runIds = this.runs.map((r) => r.info.runId);
    let done = 0;
    this.busy(`Loading ${String(todo.length)} metric histories…`);
    // The metrics load through one pool of calls in the order shown (see loadMetricsSeries), so
    // the first chart draws early and the last answers bring one metric's data, not everyone's.
    for (const key of todo) {
      this.resets.add(key);
      // A new load replaces what the webview holds of this key (it was at a coarser resolution).
      this.sentSeries.reset(key);
      if (withTimes) {
        this.timesSent.add(key);
      } else {
        this.timesSent.delete(key);
      }
    }
    const byId = new Map(this.runs.map((r) => [r.info.runId, r]));
    await loadMetricsSeries(
      tracking,
      {
        runIds,
        metricKeys: todo,
        maxPoints,
        signal: this.hosted.signal,
        // The table's min/max rows come from the histories read here: no second, full read.
        onHistory: (runId, key, history, exact) => {
          const run = byId.get(runId);
          if (run !== undefined) {
            this.deps.aggregates.record(run, key, history, exact);
          }
        },
      },
      (key, all, complete) => {
        this.holding.set(key, { series: all, complete });
        if (this.viewPoints !== undefined) {
          const fresh = this.sentSeries.unsent(key, all);
          if (fresh.length > 0 || complete) {
            this.postSeries(key, fresh, this.resets.delete(key), complete, withTimes);
          }
        }
        if (complete) {
          this.loaded.set(key, { maxPoints, series: [...all] });
          this.aggregated.add(key);
          done++;
          this.busy(
            done < todo.length
              ? `Loaded ${String(done)} of ${String(todo.length)} metric histories…`
              : undefined,
          );
        }
      },
    );
    if (this.viewPoints === undefined) {
      // A prefetch ahead of the webview: its first snapshot (at `ready`) will carry the min/max rows.
      return;
    }
    this.mark('allSeriesPosted');
    // min/max of the shown metrics were recorded from the histories just loaded.
    this.hosted.signal.throwIfAborted();
    await this.postSnapshot();
  }

  private postSeries(
    metricKey: string,
    series: readonly MetricSeries[],
    reset: boolean,
    complete: boolean,
    withTimes: boolean,
  ): void {
    this.mark('firstSeriesPosted');
    // A prefetch loads at the most points any chart asks for; a narrower chart gets fewer.
    const points = this.viewPoints;
    const sent = points === undefined ? series : series.map((s) => decimateSeries(s, points));
    this.post({
      type: 'compare/series',
      metricKey,
      reset,
      complete,
      postedAt: Date.now(),
      batch: packSeries(sent, withTimes),
    });
  }

  /** What a series load is doing, once the webview shows charts (a prefetch ahead of it says nothing). */
  private busy(text: string | undefined): void {
    if (this.viewPoints !== undefined) {
      this.post({ type: 'compare/status', busy: text, error: undefined });
    }
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
