import { AdaptivePoll, type PollBounds, type TimerClock } from '../explorer/adaptivePoll';
import type { Run } from '../tracking/entities/run';
import { changedRows } from './changedRows';
import { tableRow, type TableRow } from './tableRow';

/** Running runs re-read per tick at most; the rest wait for the next ticks, in turn. */
export const MAX_RUNS_PER_TICK = 25;

/** What {@link RunningRowsPoll} reads and tells. */
export interface RunningRowsSource {
  /** The rows the table holds now. */
  readonly rows: () => ReadonlyMap<string, TableRow>;
  /** Whether polling is wanted at all (the panel is visible). */
  readonly wanted: () => boolean;
  readonly getRun: (runId: string) => Promise<Run>;
  /** These rows, as read again, differ from the ones held. */
  readonly changed: (rows: readonly TableRow[]) => void;
  /** A run could not be read again (the others of the tick still are). */
  readonly failed: (runId: string, err: unknown) => void;
}

/**
 * Keeps a table's RUNNING rows fresh on the schedule of {@link AdaptivePoll}: each tick re-reads
 * up to {@link MAX_RUNS_PER_TICK} of them (cycling through the rest on later ticks) and reports
 * the rows that changed. It stops by itself once no held row is RUNNING; `update()` after the rows
 * change starts it again.
 */
export class RunningRowsPoll {
  private cursor = 0;
  private readonly schedule: AdaptivePoll;
  private last: Promise<unknown> = Promise.resolve();

  constructor(
    clock: TimerClock,
    bounds: PollBounds,
    private readonly source: RunningRowsSource,
  ) {
    this.schedule = new AdaptivePoll(
      clock,
      bounds,
      () => source.wanted() && this.running().length > 0,
      () => this.pollNow(),
    );
  }

  /** Whether a tick is scheduled or running. */
  get active(): boolean {
    return this.schedule.active;
  }

  /** The pause before the next tick, in milliseconds. */
  get nextDelayMs(): number {
    return this.schedule.nextDelayMs;
  }

  /** The rows or the visibility changed: start or stop. */
  update(): void {
    this.schedule.update();
  }

  /** Back to the fastest pace (the panel was shown again). */
  hurry(): void {
    this.schedule.hurry();
  }

  setBounds(bounds: PollBounds): void {
    this.schedule.setBounds(bounds);
  }

  /**
   * One tick now; resolves true when a row changed. The schedule ticks through it, and a test may
   * call it; ticks never overlap (one waits for the last).
   */
  pollNow(): Promise<boolean> {
    const next = this.last.then(() => this.tick());
    this.last = next.catch(() => undefined);
    return next;
  }

  private running(): string[] {
    return [...this.source.rows().values()].filter((r) => r.status === 'RUNNING').map((r) => r.runId);
  }

  private async tick(): Promise<boolean> {
    const ids = this.running();
    if (ids.length === 0) {
      return false;
    }
    const start = this.cursor % ids.length;
    const batch = [...ids.slice(start), ...ids.slice(0, start)].slice(0, MAX_RUNS_PER_TICK);
    this.cursor = start + batch.length;
    const fresh: TableRow[] = [];
    for (const runId of batch) {
      try {
        fresh.push(tableRow(await this.source.getRun(runId)));
      } catch (err: unknown) {
        // One run that cannot be read (deleted meanwhile, the server down) does not stop the others.
        this.source.failed(runId, err);
      }
    }
    const changed = changedRows(this.source.rows(), fresh);
    if (changed.length > 0) {
      this.source.changed(changed);
    }
    return changed.length > 0;
  }

  dispose(): void {
    this.schedule.dispose();
  }
}
