/**
 * Which runs' series of each metric key a webview already holds, so the host posts every series
 * once. Partial answers of a history load are cumulative (all runs finished so far); posting them
 * whole made the transfer and the webview's work grow with the square of the run count.
 */
export class SentSeries {
  private readonly sent = new Map<string, Set<string>>();

  /**
   * The series of `done` whose run was not sent yet for `key`, in `done`'s order, now counted as
   * sent. A run listed twice in `done` is returned once.
   */
  unsent<S extends { readonly runId: string }>(key: string, done: readonly S[]): S[] {
    let held = this.sent.get(key);
    if (held === undefined) {
      held = new Set();
      this.sent.set(key, held);
    }
    const out: S[] = [];
    for (const s of done) {
      if (!held.has(s.runId)) {
        held.add(s.runId);
        out.push(s);
      }
    }
    return out;
  }

  /** How many runs' series of `key` were sent. */
  count(key: string): number {
    return this.sent.get(key)?.size ?? 0;
  }

  /** Forget what was sent for `key`: the next load of it replaces the webview's copy. */
  reset(key: string): void {
    this.sent.delete(key);
  }

  /** Forget everything (the webview started afresh, or the compared runs changed). */
  clear(): void {
    this.sent.clear();
  }
}
