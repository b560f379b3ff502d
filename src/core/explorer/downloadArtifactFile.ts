import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StoreError } from '../common/storeError';
import type { ArtifactStream } from '../tracking/trackingStore';

/**
 * Stream one artifact into `dest` through a temporary file beside it, renamed into place only
 * once every byte has arrived: a failed, cut-short or cancelled download leaves no file that
 * looks finished (and no temporary one). `onBytes` hears the bytes received so far. Resolves to
 * the file's size; rejects with a {@link StoreError} (`cancelled` when `signal` fired).
 */
export async function downloadArtifactFile(
  open: (signal: AbortSignal) => Promise<ArtifactStream>,
  dest: string,
  signal: AbortSignal,
  onBytes: (received: number) => void = () => undefined,
): Promise<number> {
  const dir = path.dirname(dest);
  // Hidden, random and created exclusively ('wx'): it never replaces a file or follows a link.
  const temp = path.join(dir, `.${path.basename(dest)}.${randomBytes(6).toString('hex')}.part`);
  let received = 0;
  try {
    await mkdir(dir, { recursive: true });
    const { body, size } = await open(signal);
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        onBytes(received);
        done(null, chunk);
      },
    });
    await pipeline(body, counter, createWriteStream(temp, { flags: 'wx' }), { signal });
    if (size !== undefined && received !== size) {
      throw new StoreError(
        'invalid-response',
        `Got ${String(received)} of the ${String(size)} bytes promised: the file is incomplete.`,
      );
    }
    await rename(temp, dest);
    return received;
  } catch (err: unknown) {
    await rm(temp, { force: true });
    if (signal.aborted) {
      throw new StoreError('cancelled', 'The download was cancelled.');
    }
    throw err;
  }
}
