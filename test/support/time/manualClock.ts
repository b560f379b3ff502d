// TEST DOUBLE — not a real clock. Time moves only when the test calls advance(), so code that
// schedules timers (the adaptive run poll) can be tested without waiting or timed assertions.
import type { TimerClock } from '../../../src/core/explorer/adaptivePoll';

/** A pending timer of the manual clock. */
interface Timer {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

/** A {@link TimerClock} whose time only moves when told to. */
export class ManualClock implements TimerClock {
  private time = 0;
  private nextId = 1;
  private timers: Timer[] = [];
  /** Every delay ever scheduled, in order. */
  readonly scheduled: number[] = [];

  get now(): number {
    return this.time;
  }

  /** How many timers are waiting. */
  get pending(): number {
    return this.timers.length;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, at: this.time + ms, callback };
    this.timers.push(timer);
    this.scheduled.push(ms);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /** Move time forward, firing due timers in order; awaits the microtasks each one starts. */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) {
        break;
      }
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.callback();
      await settle();
    }
    this.time = until;
  }
}

/** Let pending promise callbacks run (a few turns, for chains of awaits). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await Promise.resolve();
  }
}
