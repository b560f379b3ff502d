/**
 * One pending run per document: a new edit replaces the run it supersedes, so a burst of typing
 * validates once. Shared by the MLmodel and MLproject diagnostics.
 */
export class DocumentDebouncer {
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  /** Run `task` for `key` after `delayMs`, dropping any run still waiting for the same key. */
  schedule(key: string, delayMs: number, task: () => void): void {
    this.cancel(key);
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        task();
      }, delayMs),
    );
  }

  cancel(key: string): void {
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
  }

  dispose(): void {
    for (const timer of this.pending.values()) {
      clearTimeout(timer);
    }
    this.pending.clear();
  }
}
