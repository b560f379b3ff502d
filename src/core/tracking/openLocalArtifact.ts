import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { StoreError } from '../common/storeError';
import { checkArtifactPath } from './artifactPath';
import type { ArtifactStream } from './trackingStore';

/**
 * Open one artifact file under a local root as a stream (downloads copy it to disk without
 * reading it whole). The path is checked as `readLocalArtifact` checks it; a signal
 * destroys the stream with a `cancelled` error.
 */
export async function openLocalArtifact(
  root: string,
  relPath: string,
  signal?: AbortSignal,
): Promise<ArtifactStream> {
  const rel = checkArtifactPath(relPath);
  const file = path.join(root, rel);
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) {
      throw new Error('not a file');
    }
    size = info.size;
  } catch {
    throw new StoreError('api', `No artifact at ${rel}`, {
      errorCode: 'RESOURCE_DOES_NOT_EXIST',
      status: 404,
    });
  }
  const body = createReadStream(file, { signal });
  return { body, size };
}
