import { describeStoreError } from '../../core/explorer/describeStoreError';
import { loadMetricsSeries } from '../../core/compare/loadHistories';
import { decimateSeries, type MetricSeries } from '../../core/compare/metricSeries';
import type { TrackingStore } from '../../core/tracking/trackingStore';
import type { RunsTableNeedSeries, RunsTableSeries } from '../../protocol/runsTable';
import { packSeries } from '../../protocol/seriesBatch';

/** Fewest runs' series in one post while a load goes on (the last post takes what is left). */
const POST_RUNS = 100;

/**
 * The line chart's histories, through the loader the aggregate columns and the compare panel use
 * (exact and LTTB-decimated on local stores, `get-history-bulk-interval` sampled on servers). It
 * holds the series of the metric last charted, so adding runs or switching back reads only what
 * is missing, and posts each run's series once (deltas; `reset` when the metric or the points
 * per run changed). A new request stops the last one.
 */
export class ChartSeries {
  private key: string | undefined;
  private maxPoints = 0;
  /** Whether the posts carry times; the webview's copies lack them when they were sent without. */
  private times = false;
  private readonly held = new Map<string, MetricSeries>();
  private readonly sent = new Set<string>();
  private loading: AbortController | undefined;
  /** What the line chart on screen last asked for; undefined while another view is shown. */
  private shown: RunsTableNeedSeries | undefined;

  constructor(
    private readonly store: () => Promise<TrackingStore>,
    private readonly post: (m: RunsTableSeries) => void,
    private readonly mark: (phase: string) => void,
    private readonly panelSignal: AbortSignal,
  ) {}

  /** Forget what the webview holds (it was made again, or its rows were reset). */
  clearSent(): void {
    this.sent.clear();
  }

  /** The webview shows another view: a moved run's series is dropped, not read again, until asked. */
  hidden(): void {
    this.shown = undefined;
  }

  /**
   * Runs that logged more (a running run's poll): their held series are stale. Those the line
   * chart on screen shows are read again and posted, replacing the webview's, so the chart
   * follows a running run; the others are read when next asked for.
   */
  async moved(runIds: readonly string[]): Promise<void> {
    for (const id of runIds) {
      this.held.delete(id);
      this.sent.delete(id);
    }
    const shown = this.shown;
    if (shown !== undefined && runIds.some((id) => shown.runIds.includes(id))) {
      await this.need(shown);
    }
  }

  async need(m: RunsTableNeedSeries): Promise<void> {
    this.shown = m;
    this.loading?.abort();
    const ctl = new AbortController();
    this.loading = ctl;
    const signal = AbortSignal.any([ctl.signal, this.panelSignal]);
    let reset = false;
    const times = m.times === true;
    if (times && !this.times) {
      // Now on a time axis: what the webview holds has no times; the held series all do.
      this.sent.clear();
      reset = true;
    }
    this.times = times;
    if (m.key === this.key && m.maxPoints < this.maxPoints) {
      // Fewer points per run (more runs in the chart, as a table's pages come in): the series held
      // are cut down here instead of read again; the webview gets them anew at the new size.
      for (const [id, series] of this.held) {
        this.held.set(id, decimateSeries(series, m.maxPoints));
      }
      this.maxPoints = m.maxPoints;
      this.sent.clear();
      reset = true;
    } else if (m.key !== this.key || m.maxPoints !== this.maxPoints) {
      this.key = m.key;
      this.maxPoints = m.maxPoints;
      this.held.clear();
      this.sent.clear();
      reset = true;
    }
    // Runs finished but not posted: a local store finishes 8 runs at a time, and a post per 8
    // made the webview draw 1,000 lines 125 times; posts of at least 100 runs keep it to ten.
    let pending: MetricSeries[] = [];
    const pendingIds = new Set<string>();
    const send = (series: readonly MetricSeries[], done: boolean): void => {
      for (const s of series) {
        if (!this.sent.has(s.runId) && !pendingIds.has(s.runId)) {
          pendingIds.add(s.runId);
          pending.push(s);
        }
      }
      if (pending.length >= POST_RUNS || done) {
        // Counted as sent only once posted: a load stopped by the next request leaves them unsent.
        pending.forEach((s) => this.sent.add(s.runId));
        this.post({
          type: 'runsTable/series',
          key: m.key,
          batch: packSeries(pending, times),
          reset,
          done,
          error: undefined,
        });
        pending = [];
        pendingIds.clear();
        reset = false;
      }
    };
    send(
      m.runIds.flatMap((id) => this.held.get(id) ?? []),
      false,
    );
    const todo = m.runIds.filter((id) => !this.held.has(id));
    try {
      if (todo.length > 0) {
        const all = await loadMetricsSeries(
          await this.store(),
          { runIds: todo, metricKeys: [m.key], maxPoints: m.maxPoints, signal },
          (_key, done) => {
            if (!signal.aborted) {
              done.forEach((s) => this.held.set(s.runId, s));
              send(done, false);
            }
          },
        );
        signal.throwIfAborted();
        (all.get(m.key) ?? []).forEach((s) => this.held.set(s.runId, s));
      }
      signal.throwIfAborted();
      send(
        m.runIds.flatMap((id) => this.held.get(id) ?? []),
        true,
      );
      this.mark('seriesPosted');
    } catch (err: unknown) {
      if (!signal.aborted) {
        this.post({
          type: 'runsTable/series',
          key: m.key,
          batch: packSeries([], times),
          reset,
          done: true,
          error: `Could not read the history of ${m.key.slice(0, 100)}: ${describeStoreError(err).summary}`,
        });
      }
    }
  }
}
