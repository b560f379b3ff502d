import { iteratePages, type Page } from '../common/paging';
import { StoreError } from '../common/storeError';
import { checkArtifactPath } from '../tracking/artifactPath';
import type { ArtifactFile } from '../tracking/entities/artifactFile';

/** How far one download may walk a server's artifact folders. */
export interface WalkLimits {
  /** Folders below the start folder, at most. */
  readonly maxDepth: number;
  /** Files and folders listed in all, at most. */
  readonly maxEntries: number;
}

/** Deeper than any model layout MLflow writes, and 10,000 entries keep the listing to seconds. */
export const DOWNLOAD_WALK_LIMITS: WalkLimits = { maxDepth: 32, maxEntries: 10_000 };

/** One page of one folder's listing (`path` undefined for the run's root). */
export type ListFolder = (
  path: string | undefined,
  pageToken: string | undefined,
) => Promise<Page<ArtifactFile>>;

/**
 * Every file under the folder `start` (the run's root when undefined), folder by folder. The
 * listing comes from a server, so it is not trusted to end: each entry must sit directly inside
 * the folder listed and appear once (a folder that lists itself, or a path seen before, would
 * loop), folders nest at most `maxDepth` deep and the walk lists at most `maxEntries` entries.
 * Breaking a rule stops the walk with a {@link StoreError} that names it, before anything is
 * downloaded. Paging is bounded by {@link iteratePages} (repeated tokens, endless empty pages).
 */
export async function walkArtifacts(
  list: ListFolder,
  start: string | undefined,
  limits: WalkLimits = DOWNLOAD_WALK_LIMITS,
): Promise<ArtifactFile[]> {
  const files: ArtifactFile[] = [];
  const seen = new Set<string>();
  let entries = 0;
  const pending: Array<{ readonly dir: string; readonly depth: number }> = [
    { dir: checkArtifactPath(start), depth: 0 },
  ];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { dir, depth } = next;
    const folders: string[] = [];
    const pages = iteratePages((token) => list(dir === '' ? undefined : dir, token), {
      maxItems: limits.maxEntries + 1,
    });
    for await (const entry of pages) {
      entries++;
      if (entries > limits.maxEntries) {
        throw new StoreError(
          'too-large',
          `The artifact listing passed ${limits.maxEntries.toLocaleString('en-US')} files and folders, the most one download lists; download a smaller folder.`,
        );
      }
      const entryPath = insideFolder(entry.path, dir);
      if (seen.has(entryPath)) {
        throw new StoreError(
          'invalid-response',
          `The server listed ${JSON.stringify(shorten(entryPath))} twice; stopped there, as such a listing need never end.`,
        );
      }
      seen.add(entryPath);
      if (!entry.isDir) {
        files.push({ ...entry, path: entryPath });
      } else if (depth >= limits.maxDepth) {
        throw new StoreError(
          'too-large',
          `The artifact folders nest deeper than ${String(limits.maxDepth)} levels (at ${JSON.stringify(shorten(entryPath))}), the most one download walks.`,
        );
      } else {
        folders.push(entryPath);
      }
    }
    // Depth first, in listing order: the stack takes the folders reversed.
    for (const folder of folders.reverse()) {
      pending.push({ dir: folder, depth: depth + 1 });
    }
  }
  return files;
}

/** The entry's normalised path when it is one name directly inside `dir`; else the walk stops. */
function insideFolder(raw: string, dir: string): string {
  let p: string;
  try {
    p = checkArtifactPath(raw);
  } catch {
    throw new StoreError(
      'invalid-response',
      `The server listed a path that leaves the run's artifacts (${JSON.stringify(shorten(raw))}); stopped there.`,
    );
  }
  if (p === dir) {
    throw new StoreError(
      'invalid-response',
      `The server lists the folder ${JSON.stringify(shorten(dir))} inside itself; stopped there, as such a listing need never end.`,
    );
  }
  const name = dir === '' ? p : p.startsWith(`${dir}/`) ? p.slice(dir.length + 1) : '';
  if (name === '' || name.includes('/')) {
    throw new StoreError(
      'invalid-response',
      `The server listed ${JSON.stringify(shorten(p))} in the folder ${JSON.stringify(shorten(dir === '' ? '/' : dir))}, where it does not belong; stopped there.`,
    );
  }
  return p;
}

/** A path short enough for a notification: its start and its end. */
function shorten(p: string): string {
  return p.length <= 120 ? p : `${p.slice(0, 50)}…${p.slice(-50)}`;
}
