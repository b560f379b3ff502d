import * as vscode from 'vscode';
import { PageCursor } from '../../core/explorer/pageCursor';
import type { LoggedModel } from '../../core/tracking/entities/loggedModel';
import type { StoreSession } from '../connection';
import { runsPageSize } from '../shared/config';
import type { ExperimentsModel } from './experimentsModel';

/** The logged models of one experiment, as far as they are loaded. */
export interface ExperimentLoggedModels {
  readonly loaded: LoggedModel[];
  readonly cursor: PageCursor;
  error: unknown;
  loading: Promise<void> | undefined;
  controller: AbortController | undefined;
}

/**
 * The data behind the experiments' Logged Models nodes (MLflow 3): per experiment, the pages of
 * `logged-models/search` loaded so far, newest first, `mlflow.runs.pageSize` per page. The first
 * page is asked for when the experiment is expanded, so an experiment without logged models (every
 * experiment of a 2.x server, whose store answers an empty page) shows no node for them. It
 * forgets everything whenever the experiments model does (refresh, a new connection).
 */
export class LoggedModelsModel implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the experiment id whose logged models changed. */
  readonly onDidChange = this.changed.event;
  private readonly models = new Map<string, ExperimentLoggedModels>();
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

  /** The state of an experiment's logged models, starting its first page when nothing is loaded yet. */
  modelsOf(experimentId: string): ExperimentLoggedModels {
    let state = this.models.get(experimentId);
    if (state === undefined) {
      state = {
        loaded: [],
        cursor: new PageCursor(),
        error: undefined,
        loading: undefined,
        controller: undefined,
      };
      this.models.set(experimentId, state);
      void this.loadMore(experimentId);
    }
    return state;
  }

  /** Fetch the next page of an experiment's logged models; concurrent calls share one request. */
  loadMore(experimentId: string): Promise<void> {
    const state = this.models.get(experimentId);
    if (state === undefined) {
      return this.modelsOf(experimentId).loading ?? Promise.resolve();
    }
    if (state.loading !== undefined || !state.cursor.hasMore) {
      return state.loading ?? Promise.resolve();
    }
    const generation = this.gen;
    const current = (): boolean => generation === this.gen && this.models.get(experimentId) === state;
    const controller = new AbortController();
    state.controller = controller;
    state.error = undefined;
    state.loading = (async () => {
      try {
        const stores = await this.session.stores();
        const page = await stores.tracking.searchLoggedModels({
          experimentIds: [experimentId],
          maxResults: runsPageSize(),
          pageToken: state.cursor.nextToken,
          signal: controller.signal,
        });
        if (!current()) {
          return;
        }
        const seen = new Set(state.loaded.map((m) => m.modelId));
        state.loaded.push(...page.items.filter((m) => !seen.has(m.modelId)));
        state.cursor.advance(page.nextPageToken);
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

  /** The loaded logged models of one experiment. */
  loadedOf(experimentId: string): readonly LoggedModel[] {
    return this.models.get(experimentId)?.loaded ?? [];
  }

  /** Forget every loaded model, cancelling what is in flight. */
  private reset(): void {
    this.gen++;
    for (const m of this.models.values()) {
      m.controller?.abort();
    }
    this.models.clear();
  }

  dispose(): void {
    this.subscription.dispose();
    this.reset();
    this.changed.dispose();
  }
}
