import * as path from 'node:path';

/** What a local folder or file looks like to MLflow, decided from its name and direct children. */
export type LocalStoreKind = 'sqlite' | 'file';

/**
 * Classify a path the user picked as a local store, or explain why it is not one.
 * A `.db`/`.sqlite` file is a SQLite store; a folder holding `mlflow.db` means that database;
 * a folder named `mlruns`, or holding experiment folders with `meta.yaml`, is a file store.
 */
export function classifyLocalStore(
  fsPath: string,
  isDirectory: boolean,
  childNames: readonly string[],
):
  | { readonly ok: true; readonly kind: LocalStoreKind; readonly path: string }
  | { readonly ok: false; readonly error: string } {
  if (!isDirectory) {
    if (/\.(db|sqlite|sqlite3)$/i.test(fsPath)) {
      return { ok: true, kind: 'sqlite', path: fsPath };
    }
    return {
      ok: false,
      error: `${path.basename(fsPath)} is not an MLflow store: pick an mlflow.db file or an mlruns folder.`,
    };
  }
  if (childNames.includes('mlflow.db')) {
    return { ok: true, kind: 'sqlite', path: path.join(fsPath, 'mlflow.db') };
  }
  if (path.basename(fsPath) === 'mlruns' || childNames.includes('0') || childNames.includes('.trash')) {
    return { ok: true, kind: 'file', path: fsPath };
  }
  if (childNames.includes('mlruns')) {
    return { ok: true, kind: 'file', path: path.join(fsPath, 'mlruns') };
  }
  return { ok: false, error: `${path.basename(fsPath)} holds neither mlflow.db nor an mlruns store.` };
}

/** The tracking URI MLflow itself would accept for a local store at an absolute path. */
export function localStoreUri(kind: LocalStoreKind, absPath: string): string {
  const posix = absPath.replace(/\\/g, '/');
  const rooted = posix.startsWith('/') ? posix : `/${posix}`;
  if (kind === 'sqlite') {
    // Four slashes make the path absolute; only the characters that would end the path are escaped.
    return `sqlite:///${rooted.replace(/%/g, '%25').replace(/\?/g, '%3F').replace(/#/g, '%23')}`;
  }
  return `file://${rooted
    .split('/')
    .map((seg) => encodeURIComponent(seg).replace(/%3A/gi, ':'))
    .join('/')}`;
}
