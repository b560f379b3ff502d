/**
 * A gate that opens once: work waits at it until then (a panel's later pages wait for its webview
 * to be ready). Waiting also ends when the waiter's signal aborts, so a closed panel's load does
 * not hang on a webview that never came.
 */
export class Gate {
  private opened = false;
  private readonly waiters = new Set<() => void>();

  get isOpen(): boolean {
    return this.opened;
  }

  open(): void {
    this.opened = true;
    for (const w of this.waiters) {
      w();
    }
    this.waiters.clear();
  }

  /** Resolves when the gate is open, or as soon as `signal` aborts (the caller checks which). */
  wait(signal: AbortSignal): Promise<void> {
    if (this.opened || signal.aborted) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        this.waiters.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.waiters.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
