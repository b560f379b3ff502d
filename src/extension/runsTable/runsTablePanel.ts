import type * as vscode from 'vscode';
import { Gate } from '../../core/common/gate';
import { describeStoreError } from '../../core/explorer/describeStoreError';
import { filterKeys } from '../../core/explorer/searchKeys';
import { FiguresCache } from '../../core/runsTable/figuresCache';
import { loadFigures } from '../../core/runsTable/loadFigures';
import { serverOrderBy, type Column, type FiguresLookup } from '../../core/runsTable/columns';
import type { ColumnBound } from '../../core/runsTable/columnBounds';
import type { AxisColumn } from '../../core/runsTable/chartData';
import type { XAxis } from '../../core/compare/metricSeries';
import { rowKeys, tableRow, toWire, type TableRow } from '../../core/runsTable/tableRow';
import { toWireFigures } from '../../core/runsTable/wireNumber';
import type {
  PageTiming,
  RunsTableInit,
  RunsTableHostMessage,
  RunsTableView,
  RunsTableWebviewMessage,
} from '../../protocol/runsTable';
import type { StoreSession } from '../connection';
import type { HostedPanel } from '../shared/webviews/hostedPanel';
import { PanelHost } from '../shared/webviews/panelHost';
import type { ColumnMemory } from './columnMemory';
import { ChartSeries } from './chartSeries';
import { RunningRows } from './runningRows';
import { StartupPosts } from './startupPosts';
import { exportCsv, runAction } from './runsTableActions';

/** What a runs table needs from the rest of the extension. */
export interface RunsTableDeps {
  readonly extensionUri: vscode.Uri;
  readonly session: StoreSession;
  readonly log: vscode.LogOutputChannel;
  readonly memory: ColumnMemory;
  /** The filter box of the Experiments view (MLflow's grammar, completion of `keys`). */
  readonly promptFilter: (current: string, keys: readonly string[]) => Promise<string | undefined>;
}

/** The first page is small so the first rows show at once; the rest come in large pages. */
const FIRST_PAGE = 100;
const PAGE = 1000;
/**
 * A local store reads in the extension host's own thread (sql.js, the file store's parsing): pages
 * of 1,000 blocked it for ~0.8 s each, holding back the first page's post and the webview's
 * messages. Smaller pages, with a yield between them, keep the host answering.
 */
const LOCAL_PAGE = 250;

const runsTitle = (experimentName: string): string => `Runs: ${experimentName.slice(0, 60)}`;
/** What stands for an experiment's name until it is read (or when it cannot be). */
const unnamed = (experimentId: string): string => `experiment ${experimentId}`;

/** One table per experiment of the connection. */
const tables = new PanelHost<'runsTable', string, RunsTablePanel>({
  kind: 'runsTable',
  what: 'a runs table',
});

/**
 * The host side of a runs table: it loads the experiment's runs page by page in the background
 * (posting each page as it comes, so the table is usable from the first), reloads when the filter
 * or a server-side sort changes, and computes aggregate figures per metric on demand, cached per
 * run and version. The webview sorts, groups, folds and draws; closing the panel aborts every load.
 */
export class RunsTablePanel {
  private rows = new Map<string, TableRow>();
  private filter = '';
  private orderBy: string | undefined;
  private done = false;
  private loading: AbortController | undefined;
  private readonly cache = new FiguresCache();
  /** Metrics whose figures the webview shows, with the steps asked. */
  private readonly wanted = new Map<string, readonly number[]>();
  private figuresChain: Promise<void> = Promise.resolve();
  /** Per metric, the runs whose figures the webview holds since its rows were last reset. */
  private readonly figuresSent = new Map<string, Set<string>>();
  private columns: readonly Column[];
  /** The experiment's name, once read (never rejects). */
  private readonly named: Promise<string>;
  private readonly series: ChartSeries;
  private readonly posts: StartupPosts<RunsTableHostMessage>;
  private readonly running: RunningRows;

  /**
   * Show the experiment's table (the open one if there is one). The name may still be on its way
   * (an id from the palette or the API): the panel starts at once, titled by the id, and takes the
   * name when it comes, so the webview's start overlaps the store's opening and the name's read.
   */
  static show(
    deps: RunsTableDeps,
    experimentId: string,
    experimentName: string | Promise<string>,
  ): RunsTablePanel {
    const key = `${connectionOf(deps.session)}\u0000${experimentId}`;
    const title = typeof experimentName === 'string' ? experimentName : unnamed(experimentId);
    return tables.show(key, runsTitle(title), deps, (hosted) => {
      return new RunsTablePanel(hosted, deps, experimentId, experimentName);
    });
  }

  static all(): readonly RunsTablePanel[] {
    return tables.all();
  }

  static disposeAll(): void {
    tables.disposeAll();
  }

  private constructor(
    private readonly hosted: HostedPanel<'runsTable'>,
    private readonly deps: RunsTableDeps,
    readonly experimentId: string,
    experimentName: string | Promise<string>,
  ) {
    this.named = Promise.resolve(experimentName).then(
      (name) => {
        if (!hosted.signal.aborted && typeof experimentName !== 'string') {
          hosted.panel.title = runsTitle(name);
        }
        return name;
      },
      // The opener reports the failure (and closes the panel); the page keeps the id meanwhile.
      () => unnamed(experimentId),
    );
    this.posts = new StartupPosts((m) => {
      hosted.post(m);
    });
    this.columns = deps.memory.get(this.connection, experimentId);
    this.series = new ChartSeries(
      async () => (await deps.session.stores()).tracking,
      (m) => {
        this.post(m);
      },
      (phase) => {
        hosted.mark(phase);
      },
      hosted.signal,
    );
    this.running = new RunningRows(hosted.panel, {
      rows: () => this.rows,
      getRun: async (runId) =>
        (await deps.session.stores()).tracking.getRun(runId, { signal: hosted.signal }),
      changed: (rows) => {
        this.runsMoved(rows);
      },
      failed: (runId, err) => {
        if (!hosted.signal.aborted) {
          deps.log.warn(
            `Runs table: could not read the running run ${runId}: ${describeStoreError(err).summary}`,
          );
        }
      },
    });
    // Load while the webview starts: its first rows are ready when its script is.
    this.reload();
    hosted.own(
      { dispose: () => this.loading?.abort() },
      this.running,
      deps.session.onDidChange(() => {
        // Its runs belong to the previous connection: reading them there again would only fail.
        this.running.dispose();
        this.post({
          type: 'runsTable/rows',
          rows: [],
          reset: true,
          loaded: 0,
          done: true,
          orderBy: undefined,
          error:
            'The MLflow connection changed: this table belongs to the previous one. Close it and open the table again.',
        });
      }),
    );
  }

  get panel(): vscode.WebviewPanel {
    return this.hosted.panel;
  }

  /** Runs loaded so far. */
  get loadedCount(): number {
    return this.rows.size;
  }

  /** Whether the running rows' poll is scheduled or reading (for the tests). */
  get pollingRunning(): boolean {
    return this.running.active;
  }

  /** Read the running rows again now, as the poll's next tick would (the tests' entry point). */
  pollRunningNow(): Promise<boolean> {
    return this.running.pollNow();
  }

  private get connection(): string {
    return connectionOf(this.deps.session);
  }

  async onMessage(m: RunsTableWebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready': {
        this.hosted.mark('ready');
        this.series.clearSent();
        const init = await this.initMessage();
        // From here to the gate's opening nothing awaits, so no page can be posted before the init.
        if (!this.posts.ready(init)) {
          this.reload();
        }
        // Only now may the load go on: its next page must follow the init and the first page.
        this.webviewReady.open();
        return;
      }
      case 'runsTable/columns':
        this.columns = m.columns;
        await this.deps.memory.set(this.connection, this.experimentId, m.columns);
        return;
      case 'runsTable/sort': {
        // Every row in: the webview's own sort is exact, and the order is kept for the next load.
        // Otherwise the server orders the pages, so the first rows shown are the right ones.
        const term = serverOrderBy(m.column, m.ascending);
        const changed = term !== this.orderBy;
        this.orderBy = term;
        if (!this.done && changed && term !== undefined) {
          this.reload();
        }
        return;
      }
      case 'runsTable/askFilter':
        return this.askFilter();
      case 'runsTable/refresh':
        this.reload();
        return;
      case 'runsTable/needFigures':
        this.wanted.set(m.key, m.steps);
        this.computeFigures([m.key]);
        return;
      case 'runsTable/action':
        return runAction(m.action, m.runIds);
      case 'runsTable/exportCsv':
        await exportCsv(this.shown(m.runIds), m.columns, this.lookup, await this.named);
        return;
      case 'runsTable/rendered':
        this.hosted.mark(m.lines > 0 ? 'firstRows' : 'rendered');
        markPage(this.hosted, m.page);
        this.posts.release();
        return;
      case 'runsTable/needSeries':
        return this.series.need(m);
      case 'runsTable/chartsRendered':
        this.hosted.mark(`chart:${m.view}`);
        if (m.view !== 'line') {
          this.series.hidden();
        }
        return;
    }
  }

  /** The rows the webview listed, in its order (unknown ids dropped). */
  private shown(runIds: readonly string[]): TableRow[] {
    return runIds.map((id) => this.rows.get(id)).filter((r): r is TableRow => r !== undefined);
  }

  /** Figures as the host has them cached, for the CSV. */
  private readonly lookup: FiguresLookup = (runId, key) => {
    const row = this.rows.get(runId);
    const f =
      row === undefined
        ? undefined
        : this.cache.get(runId, key, `${row.status}:${row.metricVersions.get(key) ?? ''}`);
    return f ?? undefined;
  };

  /** Sort the table as a click on a header does (the bench and tests sort through this). */
  sortBy(column: Column, ascending: boolean): void {
    this.post({ type: 'runsTable/applySort', column, ascending });
  }

  /** Bound numeric columns as the Bounds form does (the tests bound through this). */
  boundBy(bounds: readonly ColumnBound[]): void {
    this.post({ type: 'runsTable/applyBounds', bounds });
  }

  /**
   * Show a view as its tab does, with a metric for the line chart or a search for the cards, and
   * the axes picked for the scatter (x, y) or the parallel chart.
   */
  showView(view: RunsTableView, key?: string, axes?: readonly AxisColumn[], xAxis?: XAxis): void {
    this.post({
      type: 'runsTable/showView',
      view,
      key,
      ...(axes === undefined ? {} : { axes }),
      ...(xAxis === undefined ? {} : { xAxis }),
    });
  }

  private async askFilter(): Promise<void> {
    const chosen = await this.deps.promptFilter(this.filter, filterKeys(rowKeys(this.rows.values())));
    if (chosen === undefined || chosen === this.filter) {
      return;
    }
    this.filter = chosen;
    await this.postInit();
    this.reload();
  }

  /** What the webview starts a (re)load from: the experiment, the store kind, columns and filter. */
  private async postInit(): Promise<void> {
    this.post(await this.initMessage());
  }

  private async initMessage(): Promise<RunsTableInit> {
    return {
      type: 'runsTable/init',
      experimentId: this.experimentId,
      experimentName: await this.named,
      storeKind: (await this.deps.session.stores()).tracking.kind,
      columns: this.columns,
      filter: this.filter,
    };
  }

  /** Start loading every page again (the last load stops). */
  private reload(): void {
    this.loading?.abort();
    const ctl = new AbortController();
    this.loading = ctl;
    this.done = false;
    void this.loadPages(ctl.signal);
  }

  private async loadPages(signal: AbortSignal): Promise<void> {
    const rows = new Map<string, TableRow>();
    let pageToken: string | undefined;
    let first = true;
    try {
      const store = (await this.deps.session.stores()).tracking;
      do {
        const page = await store.searchRuns({
          experimentIds: [this.experimentId],
          filter: this.filter || undefined,
          orderBy: this.orderBy === undefined ? undefined : [this.orderBy],
          maxResults: first ? FIRST_PAGE : store.kind === 'rest' ? PAGE : LOCAL_PAGE,
          pageToken,
          signal,
          runViewType: 'ACTIVE_ONLY',
        });
        signal.throwIfAborted();
        const fresh = page.items.map(tableRow).filter((r) => !rows.has(r.runId));
        fresh.forEach((r) => rows.set(r.runId, r));
        if (first) {
          // The webview drops its figures with its rows: every cached figure is to be sent again.
          this.figuresSent.clear();
        }
        pageToken = page.nextPageToken;
        this.rows = rows;
        this.done = pageToken === undefined;
        this.post({
          type: 'runsTable/rows',
          rows: fresh.map(toWire),
          reset: first,
          loaded: rows.size,
          done: this.done,
          orderBy: this.orderBy,
          error: undefined,
        });
        first = false;
        this.running.update();
        this.computeFigures([...this.wanted.keys()]);
        // Let the post go out and the webview's messages in before the next page's work. The
        // pages after the first wait for the webview: reading them (sql.js runs in this thread)
        // held back the new webview's start by up to 0.7 s and its ready by 0.2 s in the bench.
        await new Promise((resolve) => setTimeout(resolve, 0));
        await this.webviewReady.wait(signal);
        signal.throwIfAborted();
      } while (pageToken !== undefined);
      this.hosted.mark('allRows');
    } catch (err: unknown) {
      if (signal.aborted) {
        return;
      }
      this.done = true;
      this.post({
        type: 'runsTable/rows',
        rows: [],
        reset: first,
        loaded: rows.size,
        done: true,
        orderBy: this.orderBy,
        error: `Could not load the runs: ${describeStoreError(err).summary}`,
      });
    }
  }

  /**
   * Running runs the poll read again and found changed: the webview replaces them and drops their
   * figures, which go again, computed anew where a metric moved (its cache version moved with it).
   */
  private runsMoved(rows: readonly TableRow[]): void {
    for (const r of rows) {
      this.rows.set(r.runId, r);
      this.figuresSent.forEach((sent) => sent.delete(r.runId));
    }
    this.post({ type: 'runsTable/updateRows', rows: rows.map(toWire) });
    this.computeFigures([...this.wanted.keys()]);
    void this.series.moved(rows.map((r) => r.runId));
    this.running.update();
  }

  /** Figures of these metrics for every loaded row without them, one metric after another. */
  private computeFigures(keys: readonly string[]): void {
    for (const key of keys) {
      const steps = this.wanted.get(key) ?? [];
      const signal = this.hosted.signal;
      this.figuresChain = this.figuresChain.then(async () => {
        try {
          const store = (await this.deps.session.stores()).tracking;
          const sent = this.figuresSent.get(key) ?? new Set<string>();
          this.figuresSent.set(key, sent);
          await loadFigures(
            store,
            this.cache,
            { rows: [...this.rows.values()], key, steps, signal },
            (all, cached) => {
              // Cached figures the webview already holds are not sent again; computed ones always are.
              const round = cached ? all.filter(([id]) => !sent.has(id)) : all;
              round.forEach(([id]) => sent.add(id));
              if (round.length === 0) {
                return;
              }
              this.post({
                type: 'runsTable/figures',
                key,
                done: false,
                error: undefined,
                figures: round.map(([id, f]) => [id, f === null ? null : toWireFigures(f)] as const),
              });
            },
          );
          this.post({ type: 'runsTable/figures', key, figures: [], done: true, error: undefined });
          this.hosted.mark('figures');
        } catch (err: unknown) {
          if (!signal.aborted) {
            this.post({
              type: 'runsTable/figures',
              key,
              figures: [],
              done: true,
              error: `Could not read the history of ${key.slice(0, 100)}: ${describeStoreError(err).summary}`,
            });
          }
        }
      });
    }
  }

  /** Opens at the webview's first `ready`. */
  private readonly webviewReady = new Gate();

  private post(m: RunsTableHostMessage): void {
    this.posts.post(m);
  }
}

function connectionOf(session: StoreSession): string {
  const s = session.state;
  return s.status === 'none' ? '' : s.uri;
}

/** The page's own times as phases (epoch ms), where it has reached them. */
function markPage(hosted: HostedPanel<'runsTable'>, page: PageTiming): void {
  hosted.mark('pageStart', page.origin);
  hosted.mark('scriptStart', page.origin + page.scriptStartMs);
  if (page.scriptFetchedMs !== undefined) {
    hosted.mark('scriptFetched', page.origin + page.scriptFetchedMs);
  }
  if (page.firstLinesMs !== undefined) {
    hosted.mark('pageFirstLines', page.origin + page.firstLinesMs);
  }
}
