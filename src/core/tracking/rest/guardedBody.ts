import { Readable } from 'node:stream';
import { StoreError } from '../../common/storeError';
import { seconds } from './seconds';

/** How a streamed body is watched: the request it answers and what ends it early. */
export interface BodyGuard {
  /** `GET /path`, for messages. */
  readonly request: string;
  /** Content-Length, when the server sent one for unencoded bytes. */
  readonly expected: number | undefined;
  /** Longest wait for the next chunk before the download fails as stalled. */
  readonly idleMs: number;
  /** Aborts the HTTP request; called on a stall so the socket is closed, not just abandoned. */
  readonly abort: () => void;
  /** The caller's cancellation: when it has fired, a broken stream is a cancellation. */
  readonly caller: AbortSignal | undefined;
}

/**
 * The response body of a streamed download, with the rules a whole-body deadline cannot give a
 * 2 GB file: it may take as long as it needs while bytes keep coming, but fails when none arrives
 * for `idleMs` (a server that went quiet), when it ends short of Content-Length (a connection cut
 * mid-file must not look like a finished file), or when the caller cancels. Each failure is a
 * {@link StoreError} naming the request and how many bytes had come.
 */
export function guardedBody(source: Readable, guard: BodyGuard): Readable {
  let received = 0;
  let stalled = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      guard.abort();
      source.destroy();
    }, guard.idleMs);
  };
  const got = (): string =>
    guard.expected === undefined
      ? `${String(received)} bytes`
      : `${String(received)} of ${String(guard.expected)} bytes`;
  async function* chunks(): AsyncGenerator<Buffer, void, undefined> {
    arm();
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        // Only the wait for the server counts as idle, not the time the disk takes to write.
        clearTimeout(timer);
        received += chunk.length;
        yield chunk;
        arm();
      }
    } catch (err: unknown) {
      if (guard.caller?.aborted === true) {
        throw new StoreError('cancelled', 'The download was cancelled.', { request: guard.request });
      }
      if (stalled) {
        throw new StoreError(
          'timeout',
          `The server sent no data for ${seconds(guard.idleMs)} s (after ${got()}; ${guard.request}).`,
          { request: guard.request },
        );
      }
      throw new StoreError(
        'invalid-response',
        `The server broke off after ${got()} (${err instanceof Error ? err.message : String(err)}; ${guard.request}).`,
        { request: guard.request },
      );
    } finally {
      clearTimeout(timer);
    }
    if (stalled) {
      throw new StoreError(
        'timeout',
        `The server sent no data for ${seconds(guard.idleMs)} s (after ${got()}; ${guard.request}).`,
        { request: guard.request },
      );
    }
    if (guard.expected !== undefined && received !== guard.expected) {
      throw new StoreError(
        'invalid-response',
        `The server ended the file after ${got()}: it is incomplete (${guard.request}).`,
        { request: guard.request },
      );
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}
