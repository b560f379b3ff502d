/** The timer functions a poll needs; the extension passes the real ones, tests a manual clock. */
export interface TimerClock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real timers (the extension's polls run on them). */
export const REAL_CLOCK: TimerClock = {
  setTimeout: (callback: () => void, ms: number): unknown => setTimeout(callback, ms),
  clearTimeout: (handle: unknown): void => {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

/** How often to poll: never faster than `fastestMs`, never slower than `slowestMs` (0 turns polling off). */
export interface PollBounds {
  readonly fastestMs: number;
  readonly slowestMs: number;
}

/**
 * An adaptive poll: it runs while `wanted()` holds (the view is visible and something is running),
 * starts at the fastest pace, doubles the pause after each poll that changed nothing up to the
 * slowest, and falls back to the fastest as soon as a poll sees a change. It stops by itself when
 * `wanted()` no longer holds; `update()` starts it again.
 */
export class AdaptivePoll {
  private handle: unknown;
  private scheduled = false;
  private inFlight = false;
  private disposed = false;
  private delay: number;

  constructor(
    private readonly clock: TimerClock,
    private bounds: PollBounds,
    private readonly wanted: () => boolean,
    /** One poll; resolves true when it saw a change. A rejection counts as no change. */
    private readonly poll: () => Promise<boolean>,
  ) {
    this.delay = this.fastest;
  }

  /** Whether a poll is scheduled or running. */
  get active(): boolean {
    return this.scheduled || this.inFlight;
  }

  /** The pause before the next poll, in milliseconds. */
  get nextDelayMs(): number {
    return this.delay;
  }

  private get fastest(): number {
    return Math.min(this.bounds.fastestMs, this.bounds.slowestMs);
  }

  private get enabled(): boolean {
    return this.bounds.slowestMs > 0;
  }

  /** Re-check whether polling is wanted: start when it is and nothing is scheduled, stop when not. */
  update(): void {
    if (this.disposed) {
      return;
    }
    if (!this.enabled || !this.wanted()) {
      this.cancel();
      return;
    }
    if (this.scheduled || this.inFlight) {
      return;
    }
    this.scheduled = true;
    this.handle = this.clock.setTimeout(() => {
      this.scheduled = false;
      void this.tick();
    }, this.delay);
  }

  /** Back to the fastest pace (the view was shown again), rescheduling a slower pending poll. */
  hurry(): void {
    this.delay = this.fastest;
    this.cancel();
    this.update();
  }

  /** New bounds (the setting changed); the pace restarts from the fastest. */
  setBounds(bounds: PollBounds): void {
    this.bounds = bounds;
    this.hurry();
  }

  private async tick(): Promise<void> {
    if (this.disposed || !this.wanted()) {
      return;
    }
    this.inFlight = true;
    let changed: boolean;
    try {
      changed = await this.poll();
    } catch {
      changed = false;
    } finally {
      this.inFlight = false;
    }
    this.delay = changed
      ? this.fastest
      : Math.min(this.bounds.slowestMs, Math.max(this.fastest, this.delay * 2));
    this.update();
  }

  private cancel(): void {
    if (this.scheduled) {
      this.clock.clearTimeout(this.handle);
    }
    this.scheduled = false;
    this.handle = undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
  }
}
