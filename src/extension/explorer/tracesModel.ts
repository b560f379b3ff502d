import * as vscode from 'vscode';
import type { TraceInfo } from '../../core/traces/entities/traceInfo';
import { isNoTraces, MAX_TRACES_PAGE } from '../../core/traces/traceStore';
import type { StoreSession } from '../connection';
import { runsPageSize } from '../shared/config';
import type { ExperimentsModel } from './experimentsModel';

/** The traces of one experiment whose Traces node was expanded. */
export interface ExperimentTraces {
  readonly loaded: TraceInfo[];
  nextToken: string | undefined;
  /** False once a page came without a next token. */
  hasMore: boolean;
  /** Why the server has no traces at all (a server without trace routes): not an error. */
  noTraces: string | undefined;
  error: unknown;
  loading: Promise<void> | undefined;
  controller: AbortController | undefined;
}

/**
 * The data behind the Traces nodes of the Experiments view: per experiment, the pages of traces
 * loaded so far (newest first, `mlflow.runs.pageSize` per page, at most the server's 500). It
 * forgets everything whenever the experiments model does (refresh, a new connection or filter),
 * and drops answers that arrive after that by comparing generations.
 */
export class TracesModel implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the experiment id whose traces changed. */
  readonly onDidChange = this.changed.event;
  private readonly traces = new Map<string, ExperimentTraces>();
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
        loaded: [],
        nextToken: undefined,
        hasMore: true,
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
    if (state.loading !== undefined || !state.hasMore) {
      return state.loading ?? Promise.resolve();
    }
    const generation = this.gen;
    const controller = new AbortController();
    state.controller = controller;
    state.error = undefined;
    state.loading = (async () => {
      try {
        const store = await this.session.traces();
        const page = await store.searchTraces({
          experimentId,
          maxResults: Math.min(runsPageSize(), MAX_TRACES_PAGE),
          pageToken: state.nextToken,
          signal: controller.signal,
        });
        if (generation !== this.gen) {
          return;
        }
        if (isNoTraces(page)) {
          state.noTraces = page.reason;
          state.hasMore = false;
        } else {
          state.loaded.push(...page.items);
          // A repeated token would page for ever: stop rather than ask again.
          const next = page.nextPageToken;
          state.hasMore = next !== undefined && next !== '' && next !== state.nextToken;
          state.nextToken = next;
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
  }
}
