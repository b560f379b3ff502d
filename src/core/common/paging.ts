import { StoreError } from './storeError';

/** One page of results plus the opaque token for the next one (absent on the last page). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextPageToken: string | undefined;
}

/** Paging arguments shared by every search. Tokens are opaque: never build one. */
export interface PageRequest {
  readonly maxResults?: number;
  readonly pageToken?: string;
  readonly signal?: AbortSignal;
}

/** Bounds for {@link iteratePages}: how many items at most before stopping with an error. */
export interface IterateOptions {
  /** Stop (with a `too-large` error) rather than read past this many items. Default 1,000,000. */
  readonly maxItems?: number;
  /** Stop (with a `too-large` error) rather than ask for more pages than this. Default 5,000. */
  readonly maxPages?: number;
}

/** Pages in a row that bring nothing new but still carry a next token, before we stop. */
const MAX_EMPTY_PAGES = 3;

/**
 * Walk every page of a search, yielding items as they arrive. A server that hands back a token it
 * already gave (a broken proxy, a bug), or fresh tokens on pages that bring nothing, would
 * otherwise keep us asking for ever: a repeated token, or {@link MAX_EMPTY_PAGES} empty pages in
 * a row that still promise more, end the walk with an `invalid-response` error, and `maxItems` and
 * `maxPages` keep it bounded.
 */
export async function* iteratePages<T>(
  fetchPage: (pageToken: string | undefined) => Promise<Page<T>>,
  options: IterateOptions = {},
): AsyncGenerator<T, void, undefined> {
  const maxItems = options.maxItems ?? 1_000_000;
  const maxPages = options.maxPages ?? 5_000;
  const seen = new Set<string>();
  let token: string | undefined;
  let count = 0;
  let emptyInARow = 0;
  for (let pages = 1; ; pages++) {
    const page = await fetchPage(token);
    for (const item of page.items) {
      if (count >= maxItems) {
        throw new StoreError('too-large', `Stopped after ${maxItems} results; narrow the search.`);
      }
      count++;
      yield item;
    }
    const next = page.nextPageToken;
    if (next === undefined || next === '') {
      return;
    }
    if (seen.has(next)) {
      throw new StoreError(
        'invalid-response',
        'The server repeated a page token; stopped to avoid an endless loop.',
      );
    }
    emptyInARow = page.items.length === 0 ? emptyInARow + 1 : 0;
    if (emptyInARow >= MAX_EMPTY_PAGES) {
      throw new StoreError(
        'invalid-response',
        `The server sent ${String(emptyInARow)} empty pages in a row, each promising more; stopped after ${String(count)} results to avoid an endless loop.`,
      );
    }
    if (pages >= maxPages) {
      throw new StoreError(
        'too-large',
        `Stopped after ${String(pages)} pages (${String(count)} results); narrow the search.`,
      );
    }
    seen.add(next);
    token = next;
  }
}

/** Collect every item of {@link iteratePages} into an array. */
export async function collectPages<T>(
  fetchPage: (pageToken: string | undefined) => Promise<Page<T>>,
  options: IterateOptions = {},
): Promise<T[]> {
  const all: T[] = [];
  for await (const item of iteratePages(fetchPage, options)) {
    all.push(item);
  }
  return all;
}
