import { formatBytes } from '../common/formatBytes';
import { StoreError } from '../common/storeError';
import { describeStoreError } from './describeStoreError';
import type { DownloadProgress, DownloadResult } from './downloadArtifactTree';

/** The progress line of a download: `3 of 10 files · 12.5 MB of 130.0 MB · model/weights.bin`. */
export function describeProgress(p: DownloadProgress): string {
  if (p.current === undefined && p.filesTotal === 0) {
    return 'Listing the artifacts…';
  }
  const bytes =
    p.bytesTotal === undefined
      ? formatBytes(p.bytesDone)
      : `${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`;
  const parts = [
    `${p.filesDone.toLocaleString('en-US')} of ${p.filesTotal.toLocaleString('en-US')} file${p.filesTotal === 1 ? '' : 's'}`,
    bytes,
  ];
  if (p.current !== undefined) {
    parts.push(p.current.length <= 80 ? p.current : `…${p.current.slice(-79)}`);
  }
  return parts.join(' · ');
}

/** What the user is told when a download ends, and how loudly. */
export interface DownloadSummary {
  readonly severity: 'info' | 'warning' | 'error';
  readonly message: string;
  /** The whole error, for the log. */
  readonly detail: string | undefined;
  /** The server asked for credentials: offer to sign in. */
  readonly signIn: boolean;
}

/** One sentence saying what was downloaded, what was not, and why. */
export function describeDownload(r: DownloadResult): DownloadSummary {
  const kept = `${files(r.filesDone)} (${formatBytes(r.bytesDone)})`;
  const skipped =
    r.skipped.length === 0 ? '' : ` Skipped ${files(r.skipped.length)} whose path would leave the folder.`;
  const notKept = r.file === undefined ? '' : ` ${r.file} was not kept.`;
  const sofar =
    r.filesDone === 0
      ? ' Nothing was downloaded.'
      : ` ${kept} ${r.filesDone === 1 ? 'was' : 'were'} downloaded to ${r.root}.`;
  if (r.outcome === 'done') {
    return {
      severity: 'info',
      message: `Downloaded ${kept} to ${r.root}.${skipped}`,
      detail: undefined,
      signIn: false,
    };
  }
  if (r.outcome === 'cancelled') {
    const where =
      r.file === undefined
        ? 'while listing the artifacts'
        : `after ${r.filesDone.toLocaleString('en-US')} of ${files(r.filesTotal)}`;
    return {
      severity: 'warning',
      message: `Download cancelled ${where}.${sofar}${notKept}${skipped}`,
      detail: undefined,
      signIn: false,
    };
  }
  const { summary, detail, signIn } = describeStoreError(r.error);
  // Our own stream errors say exactly what happened; the generic summary would hide it.
  const ours = StoreError.is(r.error) && (r.error.kind === 'timeout' || r.error.kind === 'invalid-response');
  const reason = (ours ? detail : summary).replace(/\.$/, '');
  const what =
    r.file === undefined
      ? `Download stopped. ${detail.replace(/\.$/, '')}.`
      : `Download of ${r.file} failed: ${reason}.`;
  return {
    severity: 'error',
    message: `${what}${sofar}${r.file === undefined ? '' : notKept}${skipped}`,
    detail,
    signIn: signIn === true,
  };
}

function files(n: number): string {
  return `${n.toLocaleString('en-US')} file${n === 1 ? '' : 's'}`;
}
