/**
 * Where a "Load more" list stands in a server's pages: the token for the next page, and whether
 * there is one. A token the server already gave ends the paging instead of looping for ever (a
 * broken proxy, a bug); an empty token is the last page, as MLflow sends it.
 */
export class PageCursor {
  private readonly tokens = new Set<string>();
  private token: string | undefined;
  private started = false;
  private repeated = false;

  /** True before the first page and while the server has more. */
  get hasMore(): boolean {
    return !this.started || (this.token !== undefined && !this.repeated);
  }

  /** The token for the next page (undefined for the first). */
  get nextToken(): string | undefined {
    return this.token;
  }

  /** True when the server handed back a token it had already given. */
  get stoppedOnRepeatedToken(): boolean {
    return this.repeated;
  }

  /** A page arrived carrying `nextPageToken`. */
  advance(nextPageToken: string | undefined): void {
    this.started = true;
    const next = nextPageToken === '' ? undefined : nextPageToken;
    if (next !== undefined && this.tokens.has(next)) {
      this.repeated = true;
    }
    if (next !== undefined) {
      this.tokens.add(next);
    }
    this.token = next;
  }

  /** No page will follow (a server with nothing of this kind to list). */
  end(): void {
    this.advance(undefined);
  }
}
