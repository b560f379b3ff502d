import * as vscode from 'vscode';
import { describeDownload, describeProgress } from '../../core/explorer/describeDownload';
import {
  downloadArtifactTree,
  runArtifactSource,
  type DownloadProgress,
  type DownloadResult,
} from '../../core/explorer/downloadArtifactTree';
import type { ArtifactFile } from '../../core/tracking/entities/artifactFile';
import { COMMANDS } from '../shared/commandIds/commandIds';
import type { StoreSession } from '../connection';
import { nodeOf } from './explorerNode';

/** What Download Artifacts did: returned to the caller (and to in-host tests) besides being shown. */
export interface DownloadOutcome {
  readonly outcome: DownloadResult['outcome'] | 'not-started';
  readonly files: number;
  readonly bytes: number;
  /** The sentence shown when it ended. */
  readonly message: string;
  /** The last progress lines the notification showed, oldest first. */
  readonly progress: readonly string[];
}

/** Progress lines kept for {@link DownloadOutcome.progress}. */
const KEPT_PROGRESS_LINES = 50;
/** A notification redrawn more often than this only costs the workbench time... */
const PROGRESS_EVERY_MS = 100;
/** ...except that each new file is named, unless files fly past faster than this. */
const NEW_FILE_EVERY_MS = 25;

export const NOT_STARTED: DownloadOutcome = {
  outcome: 'not-started',
  files: 0,
  bytes: 0,
  message: '',
  progress: [],
};

/**
 * Download a run's artifacts (or one folder/file of them) into a folder the user picks, streamed
 * to disk file by file with files and bytes in a cancellable notification. Every destination is
 * checked to stay inside that folder, whatever path the server sent; the listing is bounded
 * (see `walkArtifacts`); a file that fails or is cancelled leaves nothing behind.
 */
export async function downloadArtifacts(
  session: StoreSession,
  log: vscode.LogOutputChannel,
  arg: unknown,
  target?: vscode.Uri,
): Promise<DownloadOutcome> {
  const artifact = nodeOf(arg, 'artifact');
  const run = nodeOf(arg, 'run', 'section');
  const runId = artifact?.runId ?? (run?.kind === 'run' ? run.runId : run?.run.info.runId);
  if (runId === undefined) {
    return NOT_STARTED;
  }
  const folder =
    target ??
    (
      await vscode.window.showOpenDialog({
        canSelectFolders: true,
        canSelectFiles: false,
        canSelectMany: false,
        openLabel: 'Download Here',
        title: 'Download artifacts to…',
      })
    )?.[0];
  if (folder === undefined) {
    return NOT_STARTED;
  }
  const start: ArtifactFile | undefined = artifact?.file;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Downloading artifacts', cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => {
        controller.abort();
      });
      const shown: string[] = [];
      let lastAt = 0;
      let lastPercent = 0;
      let lastFile: string | undefined;
      const onProgress = (p: DownloadProgress): void => {
        const now = Date.now();
        const finished = p.current === undefined && p.filesTotal > 0;
        const wait = p.current !== lastFile ? NEW_FILE_EVERY_MS : PROGRESS_EVERY_MS;
        if (!finished && shown.length > 0 && now - lastAt < wait) {
          return;
        }
        lastAt = now;
        lastFile = p.current;
        const percent =
          p.bytesTotal !== undefined && p.bytesTotal > 0
            ? (100 * p.bytesDone) / p.bytesTotal
            : p.filesTotal > 0
              ? (100 * p.filesDone) / p.filesTotal
              : 0;
        const message = describeProgress(p);
        progress.report({ message, increment: Math.max(0, percent - lastPercent) });
        lastPercent = Math.max(lastPercent, percent);
        shown.push(message);
        if (shown.length > KEPT_PROGRESS_LINES) {
          shown.shift();
        }
      };
      try {
        const stores = await session.stores();
        const result = await downloadArtifactTree({
          source: runArtifactSource(stores.tracking, runId),
          start,
          root: folder.fsPath,
          signal: controller.signal,
          onProgress,
        });
        for (const path of result.skipped) {
          log.warn(`Skipped an artifact whose path would leave the download folder: ${JSON.stringify(path)}`);
        }
        const summary = describeDownload(result);
        show(summary.severity, summary.message, summary.signIn);
        const logged =
          summary.detail === undefined ? summary.message : `${summary.message} (${summary.detail})`;
        if (summary.severity === 'info') {
          log.info(logged);
        } else {
          log.warn(logged);
        }
        return {
          outcome: result.outcome,
          files: result.filesDone,
          bytes: result.bytesDone,
          message: summary.message,
          progress: shown,
        };
      } finally {
        cancel.dispose();
      }
    },
  );
}

function show(severity: 'info' | 'warning' | 'error', message: string, signIn: boolean): void {
  if (severity === 'info') {
    void vscode.window.showInformationMessage(message);
  } else if (severity === 'warning') {
    void vscode.window.showWarningMessage(message);
  } else if (signIn) {
    void vscode.window.showErrorMessage(message, 'Sign In…').then((choice) => {
      if (choice !== undefined) {
        void vscode.commands.executeCommand(COMMANDS.signIn);
      }
    });
  } else {
    void vscode.window.showErrorMessage(message);
  }
}
