/**
 * The order a new runs table's messages reach its webview in. The load starts with the command,
 * before the webview's script runs: what it posts waits for the first `ready`. At that ready the
 * first page goes at once and the rest waits until the page has drawn it (its first report), so
 * the first rows are not drawn only after every page read meanwhile. After that, posts go through.
 */
export class StartupPosts<M> {
  /** Posted before the first `ready`; undefined after it. */
  private queued: M[] | undefined = [];
  /** After that ready, what waits for the first page to be drawn. */
  private held: M[] | undefined;

  constructor(private readonly send: (m: M) => void) {}

  post(m: M): void {
    const waiting = this.queued ?? this.held;
    if (waiting === undefined) {
      this.send(m);
    } else {
      waiting.push(m);
    }
  }

  /**
   * The webview is ready: `first` goes now, then the first queued message; the others are held
   * until {@link release}. Returns whether anything had been queued (false on a later ready: a
   * webview made again, whose state is gone and which must be loaded afresh).
   */
  ready(first: M): boolean {
    const queued = this.queued;
    this.queued = undefined;
    this.held = undefined;
    this.send(first);
    if (queued === undefined) {
      return false;
    }
    const [page, ...rest] = queued;
    if (page !== undefined) {
      this.send(page);
    }
    this.held = rest.length > 0 ? rest : undefined;
    return true;
  }

  /** The webview drew: what was held goes to it, in order. */
  release(): void {
    const held = this.held;
    this.held = undefined;
    held?.forEach((m) => {
      this.send(m);
    });
  }
}
