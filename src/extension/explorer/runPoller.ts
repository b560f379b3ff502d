import * as vscode from 'vscode';
import { AdaptivePoll, REAL_CLOCK } from '../../core/explorer/adaptivePoll';
import { autoRefreshMs, SETTINGS } from '../shared/config';
import type { ExperimentsModel } from './experimentsModel';
import { inProgressTraceIds, pollInProgressTraces } from './tracePolling';
import type { TracesModel } from './tracesModel';

/** The fastest pace of the poll; `mlflow.autoRefreshSeconds` bounds the slowest (and 0 turns it off). */
const FASTEST_MS = 5_000;
/** Running runs re-read per tick at most; the rest wait for the next tick. */
const MAX_RUNS_PER_TICK = 25;

/**
 * Keeps running runs and in-progress traces fresh while the Experiments view is visible: it
 * re-reads the loaded runs that are RUNNING and the loaded traces that are IN_PROGRESS on the
 * schedule of {@link AdaptivePoll} (every 5 s, backing off while nothing changes up to
 * `mlflow.autoRefreshSeconds`), and stops when the view is hidden or nothing loaded is running.
 */
export class RunPoller implements vscode.Disposable {
  private visible: boolean;
  private readonly subscriptions: vscode.Disposable[] = [];
  private cursor = 0;
  private traceCursor = 0;
  private readonly schedule: AdaptivePoll;

  constructor(
    private readonly model: ExperimentsModel,
    view: vscode.TreeView<unknown>,
    private readonly traces: TracesModel,
  ) {
    this.visible = view.visible;
    this.schedule = new AdaptivePoll(
      REAL_CLOCK,
      bounds(),
      () => this.visible && (this.running().length > 0 || inProgressTraceIds(traces).length > 0),
      () => this.tick(),
    );
    this.subscriptions.push(
      view.onDidChangeVisibility((e) => {
        this.visible = e.visible;
        if (e.visible) {
          this.schedule.hurry();
        } else {
          this.schedule.update();
        }
      }),
      model.onDidChange(() => {
        this.schedule.update();
      }),
      traces.onDidChange(() => {
        this.schedule.update();
      }),
      traces.onDidChangeView(() => {
        this.schedule.update();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`mlflow.${SETTINGS.autoRefreshSeconds}`)) {
          this.schedule.setBounds(bounds());
        }
      }),
    );
    this.schedule.update();
  }

  /** Whether a poll is scheduled or running (for tests and the log). */
  get active(): boolean {
    return this.schedule.active;
  }

  private running(): string[] {
    return this.model
      .loadedRuns()
      .filter((r) => r.info.status === 'RUNNING' && r.info.lifecycleStage !== 'deleted')
      .map((r) => r.info.runId);
  }

  /** Re-read a batch of running runs, then of in-progress traces; true when one of them changed. */
  private async tick(): Promise<boolean> {
    // A failed read counts as no change, and one kind's failure does not keep the other waiting.
    const runs = await this.pollRuns().catch(() => false);
    const traces = await pollInProgressTraces(this.traces, this.model.session, this.traceCursor);
    this.traceCursor = traces.cursor;
    return runs || traces.changed;
  }

  private async pollRuns(): Promise<boolean> {
    const ids = this.running();
    if (ids.length === 0) {
      return false;
    }
    const start = this.cursor % ids.length;
    const batch = [...ids.slice(start), ...ids.slice(0, start)].slice(0, MAX_RUNS_PER_TICK);
    this.cursor += batch.length;
    let changed = false;
    // A failed poll rejects and counts as no change: not worth a notification; the next manual
    // refresh shows the error node.
    const stores = await this.model.session.stores();
    for (const runId of batch) {
      const before = this.model.loadedRuns().find((r) => r.info.runId === runId);
      const fresh = await stores.tracking.getRun(runId);
      if (before === undefined || JSON.stringify(before) !== JSON.stringify(fresh)) {
        changed = true;
        this.model.updateRun(fresh);
      }
    }
    return changed;
  }

  dispose(): void {
    this.schedule.dispose();
    for (const s of this.subscriptions) {
      s.dispose();
    }
  }
}

function bounds(): { fastestMs: number; slowestMs: number } {
  return { fastestMs: FASTEST_MS, slowestMs: autoRefreshMs() };
}
