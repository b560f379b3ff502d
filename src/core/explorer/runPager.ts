import type { Page } from '../common/paging';
import type { Run } from '../tracking/entities/run';
import { PageCursor } from './pageCursor';
import { PARENT_RUN_TAG } from './runSummary';

/** A run with the child runs nested under it (those whose parent is loaded). */
export interface RunNode {
  readonly run: Run;
  readonly children: readonly RunNode[];
}

/**
 * The runs of one experiment as the tree shows them: pages appended as the user asks for more
 * ("Load more"), never all at once. A token the server already gave ends the paging instead of
 * looping; a run seen twice (the list shifted while paging) is kept once.
 */
export class RunPager {
  private readonly runs: Run[] = [];
  private readonly ids = new Set<string>();
  private readonly cursor = new PageCursor();
  private ahead:
    { readonly token: string | undefined; readonly page: Promise<Page<Run> | undefined> } | undefined;

  /** True before the first page and while the server has more. */
  get hasMore(): boolean {
    return this.cursor.hasMore;
  }

  /** The token for the next page (undefined for the first). */
  get nextToken(): string | undefined {
    return this.cursor.nextToken;
  }

  /** True when the server handed back a token it had already given. */
  get stoppedOnRepeatedToken(): boolean {
    return this.cursor.stoppedOnRepeatedToken;
  }

  get loaded(): readonly Run[] {
    return this.runs;
  }

  append(page: Page<Run>): void {
    for (const run of page.items) {
      if (!this.ids.has(run.info.runId)) {
        this.ids.add(run.info.runId);
        this.runs.push(run);
      }
    }
    this.cursor.advance(page.nextPageToken);
  }

  /**
   * Whether the page after the last one should be fetched ahead. MLflow 2.x SQL servers send a
   * next-page token with every full page, also when nothing follows it: only the next page tells,
   * and a *Load more* that loads nothing is what the user would otherwise see.
   */
  shouldPeek(lastPage: Page<Run>, pageSize: number): boolean {
    return this.hasMore && this.ahead === undefined && lastPage.items.length >= pageSize;
  }

  /** Keep the page at the current token, fetched ahead (undefined when that fetch failed), for the next load. */
  peek(page: Promise<Page<Run> | undefined>): void {
    this.ahead = { token: this.nextToken, page };
  }

  /** The page fetched ahead for the current token, handed out once; undefined when there is none. */
  takePeeked(): Promise<Page<Run> | undefined> | undefined {
    const ahead = this.ahead;
    this.ahead = undefined;
    return ahead !== undefined && ahead.token === this.nextToken ? ahead.page : undefined;
  }

  /**
   * The page fetched ahead at `token` arrived. An empty last page ends the paging now, so no
   * *Load more* is offered; true when it did. A page with runs waits for the user to ask.
   */
  peekArrived(token: string | undefined, page: Page<Run>): boolean {
    if (token !== this.nextToken || page.items.length > 0 || (page.nextPageToken ?? '') !== '') {
      return false;
    }
    this.ahead = undefined;
    this.append(page);
    return true;
  }

  /** Replace a run by a fresher copy (a polled running run); false when it is not loaded. */
  update(run: Run): boolean {
    const i = this.runs.findIndex((r) => r.info.runId === run.info.runId);
    if (i < 0) {
      return false;
    }
    this.runs[i] = run;
    return true;
  }

  /** The loaded runs as a forest, in load order: a child sits under its parent once both are loaded. */
  forest(): RunNode[] {
    const childrenOf = new Map<string, Run[]>();
    const roots: Run[] = [];
    for (const run of this.runs) {
      const parent = run.data.tags.find((t) => t.key === PARENT_RUN_TAG)?.value;
      if (parent !== undefined && parent !== run.info.runId && this.ids.has(parent)) {
        childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), run]);
      } else {
        roots.push(run);
      }
    }
    // A malformed cycle (a → b → a) would leave both out of `roots`; the visited set keeps them.
    const visited = new Set<string>();
    const build = (run: Run): RunNode => {
      visited.add(run.info.runId);
      const kids = (childrenOf.get(run.info.runId) ?? []).filter((k) => !visited.has(k.info.runId));
      return { run, children: kids.map(build) };
    };
    const forest = roots.map(build);
    for (const run of this.runs) {
      if (!visited.has(run.info.runId)) {
        forest.push(build(run));
      }
    }
    return forest;
  }
}
