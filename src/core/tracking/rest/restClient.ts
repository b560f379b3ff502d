import axios, { type AxiosResponse } from 'axios';
import * as https from 'node:https';
import { pipeline, type Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { sleep, throwIfAborted } from '../../common/cancellation';
import { StoreError } from '../../common/storeError';
import type { ArtifactStream } from '../trackingStore';
import type { Endpoint } from './endpoints';
import { authorizationHeader, type CredentialsProvider } from './hostCredentials';
import { interpretResponse } from './interpretResponse';
import { guardedBody } from './guardedBody';
import { retryDelay } from './retryDelay';
import { seconds } from './seconds';
import { toStoreError } from './toStoreError';
import { scopedNotFound, WORKSPACE_HEADER } from './workspaces';

/** TLS settings, as MLflow's `MLFLOW_TRACKING_INSECURE_TLS` / `..._SERVER_CERT_PATH` / `..._CLIENT_CERT_PATH` define them. */
export interface TlsOptions {
  readonly insecure?: boolean;
  /** PEM CA bundle contents. */
  readonly ca?: string | Buffer;
  /** PEM client certificate and key contents (mTLS). */
  readonly cert?: string | Buffer;
  readonly key?: string | Buffer;
}

/** How to reach one tracking server. */
export interface RestClientOptions {
  /** `http(s)://host[:port][/prefix]`, no trailing slash needed. */
  readonly baseUrl: string;
  readonly credentials?: CredentialsProvider;
  /**
   * Deadline of one call, retries and their waits included (`mlflow.http.timeoutSeconds`):
   * a server that dribbles its answer a byte at a time must not hold a request open for ever.
   * Default 30 s. Downloads get {@link DOWNLOAD_DEADLINE_FACTOR} times as long.
   */
  readonly timeoutMs?: number;
  /** Retries for idempotent reads on 429/5xx/connection resets. Default 3. */
  readonly maxRetries?: number;
  /** First backoff step. Default 500 ms. */
  readonly backoffMs?: number;
  /** Longest single wait between retries, including a server's Retry-After. Default 60 s. */
  readonly maxRetryDelayMs?: number;
  /** Largest response body accepted. Default 100 MB. Streamed downloads ({@link RestClient.openDownload}) have none. */
  readonly maxContentLength?: number;
  readonly tls?: TlsOptions;
  /** Extra headers on every request. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * The MLflow workspace every request is scoped to (`X-MLFLOW-WORKSPACE`, MLflow 3.10+). Set it
   * only for a server whose server-info says it has workspaces: others answer 500 to the header.
   * Its "does not exist" answers then say which workspace was searched.
   */
  readonly workspace?: string;
}

/** Query parameters; arrays repeat the key (`run_ids=a&run_ids=b`), as MLflow expects. */
export type Query = ReadonlyArray<readonly [string, string | number | undefined]>;

/** One call: query string and/or JSON body, cancellable. */
export interface CallOptions {
  readonly query?: Query;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

/** An HTTP answer, whatever its status. */
interface Exchange {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly data: Buffer;
  readonly retryAfter: string | undefined;
  /** Where a 3xx points: named in the error, never followed (credentials would go along). */
  readonly location: string | undefined;
}

const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/** Artifact bytes may be many megabytes: their deadline is this many times a call's. */
export const DOWNLOAD_DEADLINE_FACTOR = 10;

/** The caller's cancellation and a call's own deadline, as one signal, and which of them fired. */
interface Deadline {
  readonly signal: AbortSignal;
  readonly caller: AbortSignal | undefined;
  readonly expiresAt: number;
  readonly ms: number;
}

/**
 * A thin client for MLflow's REST API on axios: builds the URL under the base path, adds fresh
 * credentials per request, enforces timeout and size caps, retries idempotent reads with backoff,
 * and turns every failure into a {@link StoreError} that never contains the Authorization header.
 */
export class RestClient {
  private readonly base: string;
  private readonly httpsAgent: https.Agent | undefined;

  constructor(private readonly options: RestClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    const tls = options.tls;
    this.httpsAgent =
      tls === undefined
        ? undefined
        : new https.Agent({
            rejectUnauthorized: tls.insecure !== true,
            ca: tls.ca,
            cert: tls.cert,
            key: tls.key,
          });
  }

  /** Call an endpoint and return its parsed JSON object. */
  async call(endpoint: Endpoint, call: CallOptions = {}): Promise<Record<string, unknown>> {
    const request = `${endpoint.method} ${endpoint.path}`;
    const deadline = this.deadline(call.signal, 1);
    return this.withRetries<Record<string, unknown>>(endpoint.idempotent, deadline, request, async () => {
      const r = await this.send(
        endpoint.method,
        endpoint.path + queryString(call.query),
        call.body,
        deadline,
        undefined,
        request,
      );
      if (r instanceof StoreError) {
        return { error: r, retryAfter: undefined, status: undefined };
      }
      const result = interpretResponse(r.status, r.contentType, r.data.toString('utf8'), request, r.location);
      return result instanceof StoreError
        ? { error: result, retryAfter: r.retryAfter, status: r.status }
        : { value: result };
    });
  }

  /**
   * GET raw bytes (artifact downloads) from `path` under the base URL. Non-200 answers become the
   * same typed errors as {@link call}; `maxBytes` caps the body below the client-wide limit.
   */
  async download(
    path: string,
    query: Query,
    options: { signal?: AbortSignal; maxBytes?: number } = {},
  ): Promise<Buffer> {
    const request = `GET ${path}`;
    const deadline = this.deadline(options.signal, DOWNLOAD_DEADLINE_FACTOR);
    return this.withRetries<Buffer>(true, deadline, request, async () => {
      const r = await this.send(
        'GET',
        path + queryString(query),
        undefined,
        deadline,
        options.maxBytes,
        request,
      );
      if (r instanceof StoreError) {
        return { error: r, retryAfter: undefined, status: undefined };
      }
      if (r.status === 200) {
        return { value: r.data };
      }
      const result = interpretResponse(r.status, r.contentType, r.data.toString('utf8'), request, r.location);
      const error =
        result instanceof StoreError
          ? result
          : new StoreError('api', `${request}: HTTP ${r.status}`, { status: r.status, request });
      return { error, retryAfter: r.retryAfter, status: r.status };
    });
  }

  /**
   * GET a file as a stream, for downloads to disk of any size. The deadline of a call (retries
   * included) covers getting the answer's headers; after that the body has no overall deadline
   * (a 2 GB file may take longer than any fixed one) but an idle timeout of the same length: it
   * fails when no byte arrives for `timeoutMs`, when it ends short of Content-Length, or when
   * `signal` fires, which aborts the HTTP request at once. No size cap: nothing is held in memory.
   */
  async openDownload(
    path: string,
    query: Query,
    options: { signal?: AbortSignal } = {},
  ): Promise<ArtifactStream> {
    const request = `GET ${path}`;
    const deadline = this.deadline(options.signal, 1);
    const idleMs = this.options.timeoutMs ?? 30_000;
    return this.withRetries<ArtifactStream>(true, deadline, request, async () => {
      // One controller per attempt: the deadline may abort it until the headers are in, the
      // caller at any time, the idle timer while the body streams.
      const controller = new AbortController();
      const abort = (): void => {
        controller.abort();
      };
      deadline.signal.addEventListener('abort', abort, { once: true });
      let response: AxiosResponse<Readable>;
      try {
        response = await axios.request<Readable>({
          url: this.base + path + queryString(query),
          method: 'GET',
          // The bytes as stored: a transparently decoded body could not be checked against Content-Length.
          headers: { ...(await this.headers(undefined)), Accept: '*/*', 'Accept-Encoding': 'identity' },
          timeout: deadline.ms,
          signal: controller.signal,
          maxContentLength: -1,
          maxRedirects: 0,
          responseType: 'stream',
          decompress: false,
          validateStatus: () => true,
          httpsAgent: this.httpsAgent,
          proxy: false,
        });
      } catch (err: unknown) {
        const error = toStoreError(this.deadlineError(err, deadline, request), request, deadline.ms);
        if (error.kind === 'network') {
          return { error, retryAfter: undefined, status: undefined };
        }
        throw error;
      } finally {
        deadline.signal.removeEventListener('abort', abort);
      }
      options.signal?.addEventListener('abort', abort, { once: true });
      const raw = response.data;
      raw.once('close', () => options.signal?.removeEventListener('abort', abort));
      const contentType = headerValue(response.headers['content-type']);
      if (response.status !== 200) {
        const text = await readCapped(raw, 64 * 1024);
        const result = interpretResponse(
          response.status,
          contentType,
          text,
          request,
          headerValue(response.headers.location),
        );
        const error =
          result instanceof StoreError
            ? result
            : new StoreError('api', `${request}: HTTP ${String(response.status)}`, {
                status: response.status,
                request,
              });
        return { error, retryAfter: headerValue(response.headers['retry-after']), status: response.status };
      }
      const length = Number(headerValue(response.headers['content-length']) ?? Number.NaN);
      const encoding = (headerValue(response.headers['content-encoding']) ?? 'identity').toLowerCase();
      const body = guardedBody(raw, {
        request,
        expected: Number.isSafeInteger(length) && length >= 0 ? length : undefined,
        idleMs,
        abort,
        caller: options.signal,
      });
      const decoded = decoder(encoding);
      if (decoded === null) {
        body.destroy();
        throw new StoreError(
          'invalid-response',
          `${request} answered in the ${encoding} encoding, which cannot be decoded.`,
          { request },
        );
      }
      // A server that compresses anyway: Content-Length counts the compressed bytes, checked above.
      return {
        value:
          decoded === undefined
            ? { body, size: length >= 0 && Number.isSafeInteger(length) ? length : undefined }
            : { body: pipeline(body, decoded, () => undefined), size: undefined },
      };
    });
  }

  private deadline(caller: AbortSignal | undefined, factor: number): Deadline {
    const ms = (this.options.timeoutMs ?? 30_000) * factor;
    const timer = AbortSignal.timeout(ms);
    return {
      signal: caller === undefined ? timer : AbortSignal.any([caller, timer]),
      caller,
      expiresAt: Date.now() + ms,
      ms,
    };
  }

  private async withRetries<T>(
    idempotent: boolean,
    deadline: Deadline,
    request: string,
    attempt: () => Promise<
      { value: T } | { error: StoreError; retryAfter: string | undefined; status: number | undefined }
    >,
  ): Promise<T> {
    const maxRetries = idempotent ? (this.options.maxRetries ?? 3) : 0;
    for (let n = 0; ; n++) {
      throwIfAborted(deadline.caller);
      const outcome = await attempt();
      if ('value' in outcome) {
        return outcome.value;
      }
      const retryable =
        outcome.status === undefined ? outcome.error.kind === 'network' : RETRY_STATUSES.has(outcome.status);
      if (!retryable || n >= maxRetries) {
        throw this.options.workspace === undefined
          ? outcome.error
          : scopedNotFound(outcome.error, this.options.workspace);
      }
      // A wait the server asks for counts against the same deadline: past it, fail now.
      const remaining = deadline.expiresAt - Date.now();
      const cap = Math.min(this.options.maxRetryDelayMs ?? 60_000, remaining);
      const delay =
        cap <= 0 ? undefined : retryDelay(n, outcome.retryAfter, this.options.backoffMs ?? 500, cap);
      if (delay === undefined) {
        const asked =
          outcome.retryAfter === undefined ? '' : ` (it asked to retry after ${outcome.retryAfter} s)`;
        throw new StoreError(
          outcome.error.kind,
          `${outcome.error.message} Gave up within the ${seconds(deadline.ms)} s deadline${asked}.`,
          {
            status: outcome.error.status,
            errorCode: outcome.error.errorCode,
            request,
          },
        );
      }
      try {
        await sleep(delay, deadline.signal);
      } catch (err) {
        throw this.deadlineError(err, deadline, request);
      }
    }
  }

  /** An abort by our own deadline is a timeout; one by the caller stays a cancellation. */
  private deadlineError(err: unknown, deadline: Deadline, request: string): unknown {
    if (deadline.signal.aborted && deadline.caller?.aborted !== true) {
      return new StoreError('timeout', `${request} got no answer within ${seconds(deadline.ms)} s.`, {
        request,
      });
    }
    return err;
  }

  /** Headers of every request, with fresh credentials. */
  private async headers(body: unknown): Promise<Record<string, string>> {
    const headers: Record<string, string> = { Accept: 'application/json', ...this.options.headers };
    if (this.options.workspace !== undefined) {
      headers[WORKSPACE_HEADER] = this.options.workspace;
    }
    const creds = await this.options.credentials?.();
    if (creds !== undefined) {
      headers.Authorization = authorizationHeader(creds);
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    return headers;
  }

  /** One HTTP exchange. A transport failure that may be transient is returned (to retry), others thrown. */
  private async send(
    method: Endpoint['method'],
    pathAndQuery: string,
    body: unknown,
    deadline: Deadline,
    maxBytes: number | undefined,
    request: string,
  ): Promise<Exchange | StoreError> {
    const headers = await this.headers(body);
    const limit = this.options.maxContentLength ?? 100 * 1024 * 1024;
    let response: AxiosResponse<ArrayBuffer>;
    try {
      response = await axios.request<ArrayBuffer>({
        url: this.base + pathAndQuery,
        method,
        headers,
        data: body === undefined ? undefined : JSON.stringify(body),
        // axios's own timeout is an idle one; the deadline's signal bounds the whole exchange
        timeout: deadline.ms,
        signal: deadline.signal,
        maxContentLength: maxBytes === undefined ? limit : Math.min(maxBytes, limit),
        maxRedirects: 0,
        // Bytes, parsed by us: an HTML page or a bad body must become a clear error, not a crash.
        responseType: 'arraybuffer',
        validateStatus: () => true,
        httpsAgent: this.httpsAgent,
        proxy: false,
      });
    } catch (err: unknown) {
      const error = toStoreError(this.deadlineError(err, deadline, request), request, deadline.ms);
      if (error.kind === 'network') {
        return error;
      }
      throw error;
    }
    return {
      status: response.status,
      contentType: headerValue(response.headers['content-type']),
      data: Buffer.from(response.data),
      retryAfter: headerValue(response.headers['retry-after']),
      location: headerValue(response.headers.location),
    };
  }
}

/** The text of an error answer, at most `max` bytes of it; the rest is not read. */
async function readCapped(stream: Readable, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= max) {
        break;
      }
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, max).toString('utf8');
}

/** A decoder for a Content-Encoding; undefined for none, null for one we cannot decode. */
function decoder(encoding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined | null {
  switch (encoding) {
    case 'identity':
    case '':
      return undefined;
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

function headerValue(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function queryString(query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of query ?? []) {
    if (value !== undefined) {
      params.append(key, String(value));
    }
  }
  const s = params.toString();
  return s === '' ? '' : `?${s}`;
}
