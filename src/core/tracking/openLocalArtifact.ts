import { createReadStream } from 'node:fs';
import { statLocalArtifact } from './listLocalArtifacts';
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
  const { file, size } = await statLocalArtifact(root, relPath);
  const body = createReadStream(file, { signal });
  return { body, size };
}
