import * as vscode from 'vscode';
import type { TraceInfo } from '../../core/traces/entities/traceInfo';
import { PageCursor } from '../../core/explorer/pageCursor';
import { isNoTraces, MAX_TRACES_PAGE } from '../../core/traces/traceStore';
import type { StoreSession } from '../connection';
import { runsPageSize } from '../shared/config';
import type { ExperimentsModel } from './experimentsModel';

/** The traces of one experiment whose Traces node was expanded. */
export interface ExperimentTraces {
  /** The trace filter these pages were searched with (undefined: all traces). */
  readonly filter: string | undefined;
  readonly loaded: TraceInfo[];
  /** The next page's token, and whether there is one (a repeated token ends the paging). */
  readonly cursor: PageCursor;
  /** Why the server has no traces at all (a server without trace routes): not an error. */
  noTraces: string | undefined;
  error: unknown;
  loading: Promise<void> | undefined;
  controller: AbortController | undefined;
}

/**
 * The data behind the Traces nodes of the Experiments view: per experiment, the pages of traces
 * loaded so far (newest first, `mlflow.runs.pageSize` per page, at most the server's 500), each
 * experiment's trace filter and whether its traces are grouped by session. It forgets the loaded
 * traces whenever the experiments model does (refresh, a new connection or filter) and when an
 * experiment's trace filter changes, and drops answers that arrive after that.
 */
export class TracesModel implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the experiment id whose traces changed. */
  readonly onDidChange = this.changed.event;
  private readonly viewChanged = new vscode.EventEmitter<string>();
  /**
   * Fires with the experiment id whose trace filter or grouping changed: the Traces node itself
   * reads differently, so it is redrawn even while its first page is on its way.
   */
  readonly onDidChangeView = this.viewChanged.event;
  private readonly traces = new Map<string, ExperimentTraces>();
  /** Kept across refreshes and connections, as the run filter is. */
  private readonly filters = new Map<string, string>();
  private readonly grouped = new Set<string>();
  private gen = 0;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly session: StoreSession,
    experiments: ExperimentsModel,
  ) {
    this.subscription = experiments.onDidChange((experimentId) => {
      if (experimentId === undefined) {
        this.reset();
      }
    });
  }

  /** The traces state of an experiment, starting its first page when nothing is loaded yet. */
  tracesOf(experimentId: string): ExperimentTraces {
    let state = this.traces.get(experimentId);
    if (state === undefined) {
      state = {
        filter: this.filters.get(experimentId),
        loaded: [],
        cursor: new PageCursor(),
        noTraces: undefined,
        error: undefined,
        loading: undefined,
        controller: undefined,
      };
      this.traces.set(experimentId, state);
      void this.loadMore(experimentId);
    }
    return state;
  }

  /** Fetch the next page of an experiment's traces; concurrent calls share one request. */
  loadMore(experimentId: string): Promise<void> {
    const state = this.traces.get(experimentId);
    if (state === undefined) {
      return this.tracesOf(experimentId).loading ?? Promise.resolve();
    }
    if (state.loading !== undefined || !state.cursor.hasMore) {
      return state.loading ?? Promise.resolve();
    }
    const generation = this.gen;
    // A new filter replaces the experiment's state: an answer for the old one is dropped too.
    const current = (): boolean => generation === this.gen && this.traces.get(experimentId) === state;
    const controller = new AbortController();
    state.controller = controller;
    state.error = undefined;
    state.loading = (async () => {
      try {
        const store = await this.session.traces();
        const page = await store.searchTraces({
          experimentId,
          maxResults: Math.min(runsPageSize(), MAX_TRACES_PAGE),
          pageToken: state.cursor.nextToken,
          filter: state.filter,
          signal: controller.signal,
        });
        if (!current()) {
          return;
        }
        if (isNoTraces(page)) {
          state.noTraces = page.reason;
          state.cursor.end();
        } else {
          // A trace seen twice (the list shifted while paging: new traces came in) is kept once.
          const seen = new Set(state.loaded.map((t) => t.traceId));
          state.loaded.push(...page.items.filter((t) => !seen.has(t.traceId)));
          state.cursor.advance(page.nextPageToken);
        }
      } catch (err) {
        if (current() && !controller.signal.aborted) {
          state.error = err;
        }
      } finally {
        state.loading = undefined;
        state.controller = undefined;
        if (current()) {
          this.changed.fire(experimentId);
        }
      }
    })();
    return state.loading;
  }

  /** The trace filter of an experiment's Traces node, undefined when it lists every trace. */
  filterOf(experimentId: string): string | undefined {
    return this.filters.get(experimentId);
  }

  /** Filter an experiment's traces (undefined or '' lists all): its pages load again when asked. */
  setFilter(experimentId: string, filter: string | undefined): void {
    const next = filter === undefined || filter.trim() === '' ? undefined : filter.trim();
    if (next === this.filters.get(experimentId)) {
      return;
    }
    if (next === undefined) {
      this.filters.delete(experimentId);
    } else {
      this.filters.set(experimentId, next);
    }
    this.traces.get(experimentId)?.controller?.abort();
    this.traces.delete(experimentId);
    this.viewChanged.fire(experimentId);
  }

  /** Whether an experiment's Traces node groups its traces under their sessions. */
  isGrouped(experimentId: string): boolean {
    return this.grouped.has(experimentId);
  }

  setGrouped(experimentId: string, grouped: boolean): void {
    if (grouped === this.grouped.has(experimentId)) {
      return;
    }
    if (grouped) {
      this.grouped.add(experimentId);
    } else {
      this.grouped.delete(experimentId);
    }
    this.viewChanged.fire(experimentId);
  }

  /** Every loaded trace, of every experiment whose Traces node was expanded. */
  loadedTraces(): TraceInfo[] {
    return [...this.traces.values()].flatMap((t) => t.loaded);
  }

  /** The loaded traces of one experiment (those the filter box completes keys from). */
  loadedTracesOf(experimentId: string): readonly TraceInfo[] {
    return this.traces.get(experimentId)?.loaded ?? [];
  }

  /** Replace a loaded trace by a fresher copy (a polled in-progress trace); false when it is not loaded. */
  updateTrace(info: TraceInfo): boolean {
    for (const [experimentId, state] of this.traces) {
      const i = state.loaded.findIndex((t) => t.traceId === info.traceId);
      if (i >= 0) {
        state.loaded[i] = info;
        this.changed.fire(experimentId);
        return true;
      }
    }
    return false;
  }

  /** Forget every loaded trace, cancelling what is in flight. */
  private reset(): void {
    this.gen++;
    for (const t of this.traces.values()) {
      t.controller?.abort();
    }
    this.traces.clear();
  }

  dispose(): void {
    this.subscription.dispose();
    this.reset();
    this.changed.dispose();
    this.viewChanged.dispose();
  }
}
