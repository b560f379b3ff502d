import * as vscode from 'vscode';
import { collectPages } from '../../core/common/paging';
import { listOwnerArtifacts, readOwnerArtifact } from '../../core/explorer/artifactOwner';
import { StoreError } from '../../core/common/storeError';
import type { ArtifactFile } from '../../core/tracking/entities/artifactFile';
import type { StoreSession } from '../connection';

export const ARTIFACT_SCHEME = 'mlflow-artifact';
/** Larger files are not opened in an editor (DESIGN.md): download them instead. */
export const MAX_PREVIEW_BYTES = 50 * 1024 * 1024;

/** Why an artifact is not opened in an editor, and what to do instead. */
export function tooLargeMessage(artifactPath: string): string {
  return `${artifactPath} is larger than 50 MB, too large to open in an editor; use "Download Artifacts…" instead.`;
}

/**
 * `mlflow-artifact:/<owner id>/<path>` for an artifact of a run, or of an MLflow 3 logged model
 * when the owner is its `m-…` id.
 */
export function artifactUri(runId: string, artifactPath: string): vscode.Uri {
  return vscode.Uri.from({ scheme: ARTIFACT_SCHEME, path: `/${runId}/${artifactPath}` });
}

function parse(uri: vscode.Uri): { runId: string; path: string } {
  const [, runId = '', ...rest] = uri.path.split('/');
  return { runId, path: rest.join('/') };
}

/**
 * Run and logged-model artifacts as a read-only file system, so that an artifact opens in a normal editor tab
 * (text, JSON, YAML, images) with VS Code's own viewers. Nothing is executed: bytes are read
 * through the store and handed to the editor as a document.
 */
export class ArtifactFileSystem implements vscode.FileSystemProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  private readonly listings = new Map<string, Promise<ArtifactFile[]>>();

  constructor(private readonly session: StoreSession) {}

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const { runId, path } = parse(uri);
    if (path === '') {
      return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    }
    const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : undefined;
    const entry = (await this.list(runId, parent)).find((f) => f.path === path);
    if (entry === undefined) {
      throw vscode.FileSystemError.FileNotFound(uri);
    }
    return {
      type: entry.isDir ? vscode.FileType.Directory : vscode.FileType.File,
      ctime: 0,
      mtime: 0,
      size: entry.fileSize ?? 0,
      permissions: vscode.FilePermission.Readonly,
    };
  }

  async readDirectory(uri: vscode.Uri): Promise<Array<[string, vscode.FileType]>> {
    const { runId, path } = parse(uri);
    return (await this.list(runId, path === '' ? undefined : path)).map((f) => [
      f.path.split('/').pop() ?? f.path,
      f.isDir ? vscode.FileType.Directory : vscode.FileType.File,
    ]);
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const { runId, path } = parse(uri);
    // The listing knows the size: a file over the limit is refused before a byte is fetched.
    const size = (await this.stat(uri)).size;
    if (size > MAX_PREVIEW_BYTES) {
      throw vscode.FileSystemError.Unavailable(tooLargeMessage(path));
    }
    const stores = await this.session.stores();
    try {
      return await readOwnerArtifact(stores.tracking, runId, path, MAX_PREVIEW_BYTES);
    } catch (err) {
      if (StoreError.is(err, 'too-large')) {
        throw vscode.FileSystemError.Unavailable(tooLargeMessage(path));
      }
      if (StoreError.isNotFound(err)) {
        throw vscode.FileSystemError.FileNotFound(uri);
      }
      throw vscode.FileSystemError.Unavailable(err instanceof Error ? err.message : String(err));
    }
  }

  /** Forget cached listings (the connection changed, or the user refreshed). */
  clear(): void {
    this.listings.clear();
  }

  private list(runId: string, folder: string | undefined): Promise<ArtifactFile[]> {
    const key = `${runId}/${folder ?? ''}`;
    let listing = this.listings.get(key);
    if (listing === undefined) {
      listing = this.session.stores().then((s) =>
        collectPages((pageToken) => listOwnerArtifacts(s.tracking, runId, folder, pageToken), {
          maxItems: 10_000,
        }),
      );
      listing.catch(() => this.listings.delete(key));
      this.listings.set(key, listing);
    }
    return listing;
  }

  writeFile(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  createDirectory(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  delete(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  rename(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}
