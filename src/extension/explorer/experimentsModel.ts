import * as vscode from 'vscode';
import { collectPages } from '../../core/common/paging';
import { RunPager } from '../../core/explorer/runPager';
import type { Experiment } from '../../core/tracking/entities/experiment';
import type { Page } from '../../core/common/paging';
import type { Run } from '../../core/tracking/entities/run';
import type { TrackingStore } from '../../core/tracking/trackingStore';
import { runsPageSize, SETTINGS } from '../shared/config';
import type { StoreSession } from '../connection';

/** The runs of one expanded experiment. */
export interface ExperimentRuns {
  readonly pager: RunPager;
  error: unknown;
  loading: Promise<void> | undefined;
  controller: AbortController | undefined;
  /** Cancels the fetch of the page after the loaded ones (see RunPager.shouldPeek). */
  peekController: AbortController | undefined;
}

/** What the view shows: which runs (filter, order) and whether deleted ones are included. */
export interface RunQuery {
  readonly filter: string | undefined;
  readonly orderBy: readonly string[];
  readonly showDeleted: boolean;
}

/**
 * The data behind the Experiments view: the experiment list and, per expanded experiment, the
 * pages of runs loaded so far. A newer load cancels the one it supersedes (refresh, a new filter,
 * a new connection), and answers from a superseded load are dropped by comparing generations.
 */
export class ExperimentsModel implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  /** Fires with an experiment id whose runs changed, or undefined when everything did. */
  readonly onDidChange = this.changed.event;
  private experimentsLoad: Promise<Experiment[]> | undefined;
  private experimentsController: AbortController | undefined;
  private readonly runs = new Map<string, ExperimentRuns>();
  private gen = 0;
  private q: RunQuery = { filter: undefined, orderBy: [], showDeleted: false };
  private readonly subscription: vscode.Disposable;

  constructor(readonly session: StoreSession) {
    this.subscription = vscode.Disposable.from(
      session.onDidChange(() => {
        this.reset();
      }),
      // A new page size applies from the first page: reload rather than mix page sizes.
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`mlflow.${SETTINGS.runsPageSize}`)) {
          this.reset();
        }
      }),
    );
  }

  /** Increases whenever everything loaded is forgotten; a load that began under an older one is stale. */
  get generation(): number {
    return this.gen;
  }

  get query(): RunQuery {
    return this.q;
  }

  setQuery(next: Partial<RunQuery>): void {
    this.q = { ...this.q, ...next };
    void vscode.commands.executeCommand('setContext', 'mlflow.runFilterActive', this.q.filter !== undefined);
    void vscode.commands.executeCommand('setContext', 'mlflow.showDeleted', this.q.showDeleted);
    this.reset();
  }

  /** Forget everything loaded (cancelling what is in flight) and redraw from the top. */
  reset(): void {
    this.gen++;
    this.experimentsController?.abort();
    this.experimentsController = undefined;
    this.experimentsLoad = undefined;
    for (const r of this.runs.values()) {
      r.controller?.abort();
      r.peekController?.abort();
    }
    this.runs.clear();
    this.changed.fire(undefined);
  }

  /** Every experiment in the view (all pages; experiments are few, but the walk is bounded). */
  experiments(): Promise<Experiment[]> {
    if (this.experimentsLoad === undefined) {
      const controller = new AbortController();
      this.experimentsController = controller;
      const viewType = this.q.showDeleted ? 'ALL' : 'ACTIVE_ONLY';
      this.experimentsLoad = this.session.stores().then((s) =>
        collectPages(
          (pageToken) =>
            s.tracking.searchExperiments({
              viewType,
              maxResults: 1000,
              pageToken,
              signal: controller.signal,
            }),
          { maxItems: 100_000 },
        ),
      );
      // A failure is shown once (as an error node) and retried on the next expand/refresh.
      const load = this.experimentsLoad;
      load.catch(() => {
        if (this.experimentsLoad === load) {
          this.experimentsLoad = undefined;
        }
      });
    }
    return this.experimentsLoad;
  }

  /** The runs state of an experiment, starting its first page when nothing is loaded yet. */
  runsOf(experimentId: string): ExperimentRuns {
    let state = this.runs.get(experimentId);
    if (state === undefined) {
      state = {
        pager: new RunPager(),
        error: undefined,
        loading: undefined,
        controller: undefined,
        peekController: undefined,
      };
      this.runs.set(experimentId, state);
      void this.loadMore(experimentId);
    }
    return state;
  }

  /** Whether the first page of this experiment has arrived (or failed). */
  settled(experimentId: string): Promise<void> {
    return this.runsOf(experimentId).loading ?? Promise.resolve();
  }

  /** Fetch the next page of runs of an experiment; concurrent calls share one request. */
  loadMore(experimentId: string): Promise<void> {
    const state = this.runs.get(experimentId);
    if (state === undefined) {
      this.runsOf(experimentId);
      return this.settled(experimentId);
    }
    if (state.loading !== undefined || !state.pager.hasMore) {
      return state.loading ?? Promise.resolve();
    }
    const generation = this.gen;
    const controller = new AbortController();
    state.controller = controller;
    state.error = undefined;
    const q = this.q;
    state.loading = (async () => {
      try {
        const stores = await this.session.stores();
        const peeked = state.pager.takePeeked();
        const page =
          (peeked === undefined ? undefined : await peeked) ??
          (await this.fetchRuns(stores.tracking, experimentId, q, state.pager.nextToken, controller.signal));
        if (generation === this.gen) {
          state.pager.append(page);
          // Local stores give a token only when more runs follow; a REST server may not (2.x).
          if (stores.tracking.kind === 'rest' && state.pager.shouldPeek(page, runsPageSize())) {
            this.peekNext(stores.tracking, experimentId, state, q, generation);
          }
        }
      } catch (err) {
        if (generation === this.gen && !controller.signal.aborted) {
          state.error = err;
        }
      } finally {
        state.loading = undefined;
        state.controller = undefined;
        if (generation === this.gen) {
          this.changed.fire(experimentId);
        }
      }
    })();
    return state.loading;
  }

  private fetchRuns(
    tracking: TrackingStore,
    experimentId: string,
    q: RunQuery,
    pageToken: string | undefined,
    signal: AbortSignal,
  ): Promise<Page<Run>> {
    return tracking.searchRuns({
      experimentIds: [experimentId],
      filter: q.filter,
      orderBy: q.orderBy,
      runViewType: q.showDeleted ? 'ALL' : 'ACTIVE_ONLY',
      // Read per page (mlflow.runs.pageSize): enough to fill the view, never thousands unasked.
      maxResults: runsPageSize(),
      pageToken,
      signal,
    });
  }

  /** Fetch the page after the loaded ones in the background; when it is empty, *Load more* goes away. */
  private peekNext(
    tracking: TrackingStore,
    experimentId: string,
    state: ExperimentRuns,
    q: RunQuery,
    generation: number,
  ): void {
    const controller = new AbortController();
    state.peekController = controller;
    const token = state.pager.nextToken;
    // A failed peek is not shown: the next Load more asks again and reports its own error.
    const page = this.fetchRuns(tracking, experimentId, q, token, controller.signal).catch(() => undefined);
    state.pager.peek(page);
    void page.then((p) => {
      if (generation === this.gen && p !== undefined && state.pager.peekArrived(token, p)) {
        this.changed.fire(experimentId);
      }
    });
  }

  /** Loaded runs of every experiment (for key completion, polling and reveal). */
  loadedRuns(): Run[] {
    return [...this.runs.values()].flatMap((r) => [...r.pager.loaded]);
  }

  /** Loaded runs of one experiment. */
  loadedRunsOf(experimentId: string): readonly Run[] {
    return this.runs.get(experimentId)?.pager.loaded ?? [];
  }

  /** Replace a loaded run with a fresher copy (polling, a rename); fires a change when it is shown. */
  updateRun(run: Run): void {
    if (this.runs.get(run.info.experimentId)?.pager.update(run) === true) {
      this.changed.fire(run.info.experimentId);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.experimentsController?.abort();
    for (const r of this.runs.values()) {
      r.controller?.abort();
      r.peekController?.abort();
    }
    this.changed.dispose();
  }
}
