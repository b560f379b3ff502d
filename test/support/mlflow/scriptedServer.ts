// Test double: a loopback HTTP server (127.0.0.1, ephemeral port) that answers each request with
// the next scripted reply and remembers what it was sent, so store tests can check the exact
// method, path, query and body on the wire. Not product code.
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the server received. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Array<[string, string]>;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/**
 * One scripted reply; a function answers from the request, at once or later (a promise, for a
 * slow server); `hang` never answers (for timeout tests); `destroy` drops the socket;
 * `streamBytes` sends a 200 JSON body of that many bytes in chunks, honouring backpressure, and
 * stops when the client hangs up (for the size-cap test); `dribble` sends its answer one byte every
 * `everyMs` — the headers too, or only the body — and stops when the client hangs up (for the
 * deadline tests: each byte resets an idle timeout); `file` sends an octet-stream of `bytes` bytes
 * made on the fly (never held whole: for files larger than memory should hold), in `chunkBytes`
 * pieces, one every `everyMs` when set, dropping the connection after `cutAfter` bytes when set
 * (a truncated body: Content-Length still says `bytes`); {@link scriptedFileSha256} is its hash.
 */
export type ScriptedReply =
  | {
      readonly status: number;
      readonly contentType?: string;
      readonly body: string;
      readonly headers?: Record<string, string>;
    }
  | { readonly hang: true }
  | { readonly dribble: 'headers' | 'body'; readonly everyMs: number }
  | { readonly streamBytes: number }
  | { readonly file: ScriptedFile }
  | { readonly destroy: true }
  | ((req: ReceivedRequest) => ScriptedAnswer | Promise<ScriptedAnswer>);

/** A `file` reply's shape. */
export interface ScriptedFile {
  readonly bytes: number;
  /** Default 64 KB. */
  readonly chunkBytes?: number;
  readonly everyMs?: number;
  readonly cutAfter?: number;
}

/** What a function reply answers; it may take its time (a slow server) by returning a promise. */
export interface ScriptedAnswer {
  status: number;
  contentType?: string;
  body: string;
}

/** A started scripted server. */
export interface ScriptedServer {
  readonly baseUrl: string;
  readonly received: ReceivedRequest[];
  /** Bytes of body written by `streamBytes` replies so far. */
  readonly streamed: () => number;
  /** Replies used in order; the last one repeats when the script runs out. */
  script(...replies: ScriptedReply[]): void;
  close(): Promise<void>;
}

/** Start a scripted server on 127.0.0.1 with an ephemeral port. */
export async function startScriptedServer(): Promise<ScriptedServer> {
  const received: ReceivedRequest[] = [];
  let replies: ScriptedReply[] = [];
  let index = 0;
  let streamed = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const got: ReceivedRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: [...url.searchParams.entries()],
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(got);
      const reply = replies[Math.min(index++, replies.length - 1)] ?? { status: 500, body: 'no script' };
      if (typeof reply === 'function') {
        void Promise.resolve(reply(got)).then((r) => {
          // A client that gave up (cancelled the request) has closed the socket; nothing to write.
          if (!res.destroyed && !req.socket.destroyed) {
            res.writeHead(r.status, { 'Content-Type': r.contentType ?? 'application/json' }).end(r.body);
          }
        });
      } else if ('hang' in reply) {
        return;
      } else if ('dribble' in reply) {
        dribble(req.socket, reply.dribble, reply.everyMs);
      } else if ('destroy' in reply) {
        req.socket.destroy();
      } else if ('file' in reply) {
        streamFile(res, reply.file, (n) => (streamed += n));
      } else if ('streamBytes' in reply) {
        streamBody(res, reply.streamBytes, (n) => (streamed += n));
      } else {
        res
          .writeHead(reply.status, {
            'Content-Type': reply.contentType ?? 'application/json',
            ...reply.headers,
          })
          .end(reply.body);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    received,
    streamed: () => streamed,
    script(...r: ScriptedReply[]) {
      replies = r;
      index = 0;
      streamed = 0;
      received.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** Write `{"x":"aaaa…"}` of `total` bytes in 1 MB chunks until done or the client goes away. */
function streamBody(res: http.ServerResponse, total: number, count: (n: number) => void): void {
  const chunk = Buffer.alloc(1024 * 1024, 'a');
  let left = total - 8;
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(total) });
  res.write('{"x":"');
  const pump = (): void => {
    while (left > 0 && !res.destroyed) {
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= piece.length;
      count(piece.length);
      if (!res.write(piece)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) {
      res.end('"}');
    }
  };
  res.on('close', () => res.removeAllListeners('drain'));
  pump();
}

/** Block `index` of a `file` reply: a fixed pattern stamped with its index, so a lost, doubled or swapped block changes the hash. */
function fileBlock(index: number, length: number): Buffer {
  let pattern = patterns.get(length);
  if (pattern === undefined) {
    pattern = Buffer.alloc(length);
    for (let i = 0; i < length; i++) {
      pattern[i] = (i * 31 + 7) & 0xff;
    }
    patterns.set(length, pattern);
  }
  const block = Buffer.from(pattern);
  if (length >= 4) {
    block.writeUInt32BE(index >>> 0, 0);
  }
  return block;
}
const patterns = new Map<number, Buffer>();

/** The SHA-256 of the body a `file` reply sends (computed block by block, as it is sent). */
export function scriptedFileSha256(file: Pick<ScriptedFile, 'bytes' | 'chunkBytes'>): string {
  const size = file.chunkBytes ?? 64 * 1024;
  const hash = createHash('sha256');
  for (let offset = 0, index = 0; offset < file.bytes; offset += size, index++) {
    hash.update(fileBlock(index, Math.min(size, file.bytes - offset)));
  }
  return hash.digest('hex');
}

function streamFile(res: http.ServerResponse, file: ScriptedFile, count: (n: number) => void): void {
  const size = file.chunkBytes ?? 64 * 1024;
  const limit = Math.min(file.bytes, file.cutAfter ?? file.bytes);
  let offset = 0;
  let index = 0;
  res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(file.bytes) });
  const pump = (): void => {
    while (offset < limit && !res.destroyed) {
      const piece = fileBlock(index++, Math.min(size, file.bytes - offset)).subarray(0, limit - offset);
      offset += piece.length;
      count(piece.length);
      if (offset >= limit && limit < file.bytes) {
        // The bytes so far reach the client, then the connection drops mid-body.
        res.write(piece, () => res.socket?.destroy());
        return;
      }
      const more = res.write(piece);
      if (offset >= limit) {
        break;
      }
      if (file.everyMs !== undefined) {
        setTimeout(more ? pump : () => res.once('drain', pump), file.everyMs);
        return;
      }
      if (!more) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) {
      res.end();
    }
  };
  res.on('close', () => res.removeAllListeners('drain'));
  pump();
}

/** Write an HTTP answer to the raw socket a byte at a time (headers too, or only the body). */
function dribble(socket: Socket, what: 'headers' | 'body', everyMs: number): void {
  const head = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n';
  let slow = what === 'headers' ? head : '{"experiments":[' + ' '.repeat(99_980);
  if (what === 'body') {
    socket.write(head);
  }
  const timer = setInterval(() => {
    if (socket.destroyed || slow === '') {
      clearInterval(timer);
      return;
    }
    socket.write(slow.slice(0, 1));
    slow = slow.slice(1);
  }, everyMs);
  socket.on('close', () => {
    clearInterval(timer);
  });
}
