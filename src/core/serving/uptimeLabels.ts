import { formatUptime } from './formatUptime';

const MINUTE_MS = 60_000;

/** What the uptime of one Serving row depends on. */
export interface UptimeRow {
  readonly id: string;
  readonly startedAtMs: number;
}

/**
 * Remembers the uptime text each Serving row last showed, so the view redraws only the rows whose
 * text actually changed, and only when a change is due (the next whole minute of some row's
 * uptime). Redrawing every row on a fixed tick swallowed clicks and closed context menus.
 */
export class UptimeLabels {
  private readonly drawn = new Map<string, string>();

  constructor(private readonly now: () => number) {}

  /** The row's uptime text now, remembered as what the row shows. */
  text(row: UptimeRow): string {
    const t = formatUptime(this.now() - row.startedAtMs);
    this.drawn.set(row.id, t);
    return t;
  }

  /** The drawn rows whose text would now differ; rows no longer listed are forgotten. */
  changed<R extends UptimeRow>(rows: readonly R[]): R[] {
    const listed = new Set(rows.map((r) => r.id));
    for (const id of [...this.drawn.keys()]) {
      if (!listed.has(id)) {
        this.drawn.delete(id);
      }
    }
    const now = this.now();
    return rows.filter((r) => {
      const shown = this.drawn.get(r.id);
      return shown !== undefined && shown !== formatUptime(now - r.startedAtMs);
    });
  }

  /** Milliseconds until the next whole minute of any row's uptime; undefined without rows. */
  nextChangeIn(rows: readonly UptimeRow[]): number | undefined {
    const now = this.now();
    let soonest: number | undefined;
    for (const r of rows) {
      const elapsed = Math.max(0, now - r.startedAtMs);
      const wait = MINUTE_MS - (elapsed % MINUTE_MS);
      soonest = soonest === undefined ? wait : Math.min(soonest, wait);
    }
    return soonest;
  }
}
