import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StoreError } from '../common/storeError';
import { checkArtifactPath } from './artifactPath';
import type { ArtifactFile } from './entities/artifactFile';

/**
 * The local folder behind a run's artifact URI: `file://` URIs and plain paths as they are,
 * `mlflow-artifacts:/…` under the server's artifacts destination (`./mlartifacts` by default).
 * Undefined for remote schemes (s3://, gs://, …) that only a server can list.
 */
export function localArtifactRoot(
  artifactUri: string,
  artifactsDestination: string | undefined,
): string | undefined {
  if (/^file:/i.test(artifactUri)) {
    return fileURLToPath(artifactUri);
  }
  const proxied = /^mlflow-artifacts:(?:\/\/[^/]*)?\/?(.*)$/i.exec(artifactUri);
  if (proxied) {
    return artifactsDestination === undefined ? undefined : path.join(artifactsDestination, proxied[1] ?? '');
  }
  if (/^[a-z][a-z0-9+.-]+:/i.test(artifactUri) && !/^[a-z]:[\\/]/i.test(artifactUri)) {
    return undefined;
  }
  return artifactUri;
}

/**
 * List one folder under a local artifact root. `relPath` is checked before touching the disk:
 * absolute paths and `..` segments are refused, as MLflow's server refuses them ("Invalid path").
 */
export async function listLocalArtifacts(root: string, relPath: string | undefined): Promise<ArtifactFile[]> {
  const rel = checkArtifactPath(relPath);
  const dir = path.join(root, rel);
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    // MLflow answers an empty listing for a folder that does not exist.
    return [];
  }
  const files = await Promise.all(
    entries.map(async (e): Promise<ArtifactFile> => {
      const p = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        return { path: p, isDir: true, fileSize: undefined };
      }
      return { path: p, isDir: false, fileSize: (await stat(path.join(dir, e.name))).size };
    }),
  );
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Find one artifact file under a local root: its checked relative path (paths that leave the root
 * are refused), its absolute path and its size; anything but a regular file is a 404.
 */
export async function statLocalArtifact(
  root: string,
  relPath: string,
): Promise<{ readonly rel: string; readonly file: string; readonly size: number }> {
  const rel = checkArtifactPath(relPath);
  const file = path.join(root, rel);
  try {
    const info = await stat(file);
    if (info.isFile()) {
      return { rel, file, size: info.size };
    }
  } catch {
    // missing or unreadable: the same answer as a folder
  }
  throw new StoreError('api', `No artifact at ${rel}`, { errorCode: 'RESOURCE_DOES_NOT_EXIST', status: 404 });
}

/** Read one artifact file under a local root, refusing paths that leave it and files over `maxBytes`. */
export async function readLocalArtifact(root: string, relPath: string, maxBytes: number): Promise<Buffer> {
  const { rel, file, size } = await statLocalArtifact(root, relPath);
  if (size > maxBytes) {
    throw new StoreError('too-large', `${rel} is ${size} bytes, over the ${maxBytes}-byte limit.`);
  }
  return readFile(file);
}
