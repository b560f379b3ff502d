import * as path from 'node:path';
import type { Page } from '../common/paging';
import { StoreError } from '../common/storeError';
import type { ArtifactFile } from '../tracking/entities/artifactFile';
import type { ArtifactStream, TrackingStore } from '../tracking/trackingStore';
import { downloadArtifactFile } from './downloadArtifactFile';
import { safeDestination } from './safeDestination';
import { DOWNLOAD_WALK_LIMITS, walkArtifacts, type WalkLimits } from './walkArtifacts';

/** Where a download reads from: one run's artifacts, listed and opened by path. */
export interface ArtifactSource {
  list(
    folder: string | undefined,
    pageToken: string | undefined,
    signal: AbortSignal,
  ): Promise<Page<ArtifactFile>>;
  open(file: string, signal: AbortSignal): Promise<ArtifactStream>;
}

/** One run's artifacts in a tracking store, as a download reads them. */
export function runArtifactSource(
  tracking: Pick<TrackingStore, 'listArtifacts' | 'openArtifactStream'>,
  runId: string,
): ArtifactSource {
  return {
    list: (folder, pageToken, signal) => tracking.listArtifacts({ runId, path: folder, pageToken, signal }),
    open: (file, signal) => tracking.openArtifactStream({ runId, path: file, signal }),
  };
}

/** What to download and where. */
export interface DownloadRequest {
  readonly source: ArtifactSource;
  /** The file or folder chosen; the whole run when undefined. */
  readonly start: ArtifactFile | undefined;
  /** The folder the user picked: nothing is written outside it. */
  readonly root: string;
  readonly signal: AbortSignal;
  readonly limits?: WalkLimits;
  readonly onProgress?: (progress: DownloadProgress) => void;
}

/** Where a download is: files and bytes done, of how many (bytes only when the listing said). */
export interface DownloadProgress {
  readonly filesDone: number;
  readonly filesTotal: number;
  /** Bytes written, the current file's so far included. */
  readonly bytesDone: number;
  readonly bytesTotal: number | undefined;
  /** The artifact path being downloaded; undefined while listing. */
  readonly current: string | undefined;
}

/** How a download ended. Files already renamed into place stay; the one in flight never does. */
export interface DownloadResult {
  readonly outcome: 'done' | 'cancelled' | 'failed';
  readonly root: string;
  readonly filesDone: number;
  /** Files the listing found; 0 when it stopped before the end. */
  readonly filesTotal: number;
  /** Bytes of the files kept. */
  readonly bytesDone: number;
  /** Artifact paths refused because they would land outside `root`. */
  readonly skipped: readonly string[];
  /** The artifact being downloaded when it failed or was cancelled; undefined while listing. */
  readonly file?: string;
  readonly error?: unknown;
}

/**
 * Download a run's artifacts (or one folder or file of them) into `root`: list with
 * {@link walkArtifacts} (bounded), then stream each file with {@link downloadArtifactFile}. A
 * chosen file or folder lands under its own name; a whole run keeps its layout. Every path is
 * checked with {@link safeDestination} before anything is written. Never rejects: the result
 * says what was kept, and which file failed or was cancelled.
 */
export async function downloadArtifactTree(r: DownloadRequest): Promise<DownloadResult> {
  const { source, signal } = r;
  const report = r.onProgress ?? ((): void => undefined);
  let files: ArtifactFile[];
  try {
    report({ filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: undefined, current: undefined });
    files =
      r.start !== undefined && !r.start.isDir
        ? [r.start]
        : await walkArtifacts(
            (folder, token) => source.list(folder, token, signal),
            r.start?.path,
            r.limits ?? DOWNLOAD_WALK_LIMITS,
          );
  } catch (error: unknown) {
    return {
      outcome: signal.aborted ? 'cancelled' : 'failed',
      root: r.root,
      filesDone: 0,
      filesTotal: 0,
      bytesDone: 0,
      skipped: [],
      error,
    };
  }
  const base = r.start === undefined ? '' : path.posix.dirname(r.start.path.replace(/\\/g, '/'));
  const bytesTotal = files.every((f) => f.fileSize !== undefined)
    ? files.reduce((sum, f) => sum + (f.fileSize ?? 0), 0)
    : undefined;
  const skipped: string[] = [];
  let filesDone = 0;
  let bytesDone = 0;
  for (const file of files) {
    const relative = base === '.' || base === '' ? file.path : file.path.slice(base.length + 1);
    const dest = safeDestination(r.root, relative);
    if (dest === undefined) {
      skipped.push(file.path);
      continue;
    }
    const progress = (current: number): void => {
      report({
        filesDone,
        filesTotal: files.length,
        bytesDone: bytesDone + current,
        bytesTotal,
        current: file.path,
      });
    };
    try {
      progress(0);
      bytesDone += await downloadArtifactFile((s) => source.open(file.path, s), dest, signal, progress);
      filesDone++;
    } catch (error: unknown) {
      const cancelled = signal.aborted || StoreError.is(error, 'cancelled');
      return {
        outcome: cancelled ? 'cancelled' : 'failed',
        root: r.root,
        filesDone,
        filesTotal: files.length,
        bytesDone,
        skipped,
        file: file.path,
        error,
      };
    }
  }
  report({ filesDone, filesTotal: files.length, bytesDone, bytesTotal, current: undefined });
  return { outcome: 'done', root: r.root, filesDone, filesTotal: files.length, bytesDone, skipped };
}
