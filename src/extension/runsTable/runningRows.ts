import * as vscode from 'vscode';
import { REAL_CLOCK, type PollBounds } from '../../core/explorer/adaptivePoll';
import { RunningRowsPoll, type RunningRowsSource } from '../../core/runsTable/runningRowsPoll';
import { autoRefreshMs, SETTINGS } from '../shared/config';

/** The fastest pace of the poll; `mlflow.autoRefreshSeconds` bounds the slowest (and 0 turns it off). */
const FASTEST_MS = 5_000;

/**
 * A runs table's poll of its RUNNING rows, as the Experiments view's run poll: every 5 s while the
 * panel is visible, backing off while nothing changes up to `mlflow.autoRefreshSeconds`, at the
 * fastest again when the panel is shown again or the setting changes.
 */
export class RunningRows implements vscode.Disposable {
  private readonly poll: RunningRowsPoll;
  private readonly subscriptions: vscode.Disposable[] = [];
  private visible: boolean;

  constructor(panel: vscode.WebviewPanel, source: Omit<RunningRowsSource, 'wanted'>) {
    this.visible = panel.visible;
    this.poll = new RunningRowsPoll(REAL_CLOCK, bounds(), { ...source, wanted: () => this.visible });
    this.subscriptions.push(
      panel.onDidChangeViewState((e) => {
        // The state changes with focus and column too: only a panel shown again hurries the poll.
        const shown = e.webviewPanel.visible && !this.visible;
        this.visible = e.webviewPanel.visible;
        if (shown) {
          this.poll.hurry();
        } else {
          this.poll.update();
        }
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`mlflow.${SETTINGS.autoRefreshSeconds}`)) {
          this.poll.setBounds(bounds());
        }
      }),
    );
  }

  /** Whether a tick is scheduled or running (for the tests). */
  get active(): boolean {
    return this.poll.active;
  }

  /** The rows changed (a page loaded, a run moved): start or stop. */
  update(): void {
    this.poll.update();
  }

  /** One tick now, off the schedule (the tests' entry point). */
  pollNow(): Promise<boolean> {
    return this.poll.pollNow();
  }

  dispose(): void {
    this.poll.dispose();
    for (const s of this.subscriptions.splice(0)) {
      s.dispose();
    }
  }
}

function bounds(): PollBounds {
  return { fastestMs: FASTEST_MS, slowestMs: autoRefreshMs() };
}
