import type * as vscode from 'vscode';
import type { ExperimentsModel } from './experimentsModel';

const FASTEST_MS = 5_000;
const SLOWEST_MS = 60_000;
/** Running runs re-read per tick at most; the rest wait for the next tick. */
const MAX_RUNS_PER_TICK = 25;

/**
 * Keeps running runs fresh while the Experiments view is visible: every few seconds it re-reads
 * the loaded runs that are RUNNING, backing off (up to a minute) while nothing changes, and
 * stopping altogether when the view is hidden or no loaded run is running.
 */
export class RunPoller implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private delay = FASTEST_MS;
  private visible = false;
  private readonly subscriptions: vscode.Disposable[] = [];
  private cursor = 0;

  constructor(
    private readonly model: ExperimentsModel,
    view: vscode.TreeView<unknown>,
  ) {
    this.visible = view.visible;
    this.subscriptions.push(
      view.onDidChangeVisibility((e) => {
        this.visible = e.visible;
        this.delay = FASTEST_MS;
        this.schedule();
      }),
      model.onDidChange(() => {
        this.schedule();
      }),
    );
  }

  /** Whether a poll is scheduled (for tests and the log). */
  get active(): boolean {
    return this.timer !== undefined;
  }

  private running(): string[] {
    return this.model.loadedRuns().filter((r) => r.info.status === 'RUNNING' && r.info.lifecycleStage !== 'deleted').map((r) => r.info.runId);
  }

  private schedule(): void {
    if (this.timer !== undefined) {
      return;
    }
    if (!this.visible || this.running().length === 0) {
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.tick();
    }, this.delay);
  }

  private async tick(): Promise<void> {
    const ids = this.running();
    if (!this.visible || ids.length === 0) {
      return;
    }
    const start = this.cursor % ids.length;
    const batch = [...ids.slice(start), ...ids.slice(0, start)].slice(0, MAX_RUNS_PER_TICK);
    this.cursor += batch.length;
    let changed = false;
    try {
      const stores = await this.model.session.stores();
      for (const runId of batch) {
        const before = this.model.loadedRuns().find((r) => r.info.runId === runId);
        const fresh = await stores.tracking.getRun(runId);
        if (before === undefined || JSON.stringify(before) !== JSON.stringify(fresh)) {
          changed = true;
          this.model.updateRun(fresh);
        }
      }
    } catch {
      // A failed poll is not worth a notification; the next manual refresh shows the error node.
    }
    this.delay = changed ? FASTEST_MS : Math.min(SLOWEST_MS, this.delay * 2);
    this.schedule();
  }

  dispose(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
    }
    this.timer = undefined;
    for (const s of this.subscriptions) {
      s.dispose();
    }
  }
}
