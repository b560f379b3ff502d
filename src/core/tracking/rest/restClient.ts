import axios, { type AxiosResponse } from 'axios';
import * as https from 'node:https';
import { sleep, throwIfAborted } from '../../common/cancellation';
import { StoreError } from '../../common/storeError';
import type { Endpoint } from './endpoints';
import { authorizationHeader, type CredentialsProvider } from './hostCredentials';
import { interpretResponse } from './interpretResponse';
import { retryDelay } from './retryDelay';
import { toStoreError } from './toStoreError';

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
  /** Per-request timeout. Default 30 s. */
  readonly timeoutMs?: number;
  /** Retries for idempotent reads on 429/5xx/connection resets. Default 3. */
  readonly maxRetries?: number;
  /** First backoff step. Default 500 ms. */
  readonly backoffMs?: number;
  /** Longest single wait between retries, including a server's Retry-After. Default 60 s. */
  readonly maxRetryDelayMs?: number;
  /** Largest response body accepted. Default 100 MB. */
  readonly maxContentLength?: number;
  readonly tls?: TlsOptions;
  /** Extra headers on every request (e.g. `X-MLFLOW-WORKSPACE`). */
  readonly headers?: Readonly<Record<string, string>>;
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
}

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);

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
        : new https.Agent({ rejectUnauthorized: tls.insecure !== true, ca: tls.ca, cert: tls.cert, key: tls.key });
  }

  /** Call an endpoint and return its parsed JSON object. */
  async call(endpoint: Endpoint, call: CallOptions = {}): Promise<Record<string, unknown>> {
    const request = `${endpoint.method} ${endpoint.path}`;
    return this.withRetries<Record<string, unknown>>(endpoint.idempotent, call.signal, async () => {
      const r = await this.send(endpoint.method, endpoint.path + queryString(call.query), call.body, call.signal, undefined, request);
      if (r instanceof StoreError) {
        return { error: r, retryAfter: undefined, status: undefined };
      }
      const result = interpretResponse(r.status, r.contentType, r.data.toString('utf8'), request);
      return result instanceof StoreError ? { error: result, retryAfter: r.retryAfter, status: r.status } : { value: result };
    });
  }

  /**
   * GET raw bytes (artifact downloads) from `path` under the base URL. Non-200 answers become the
   * same typed errors as {@link call}; `maxBytes` caps the body below the client-wide limit.
   */
  async download(path: string, query: Query, options: { signal?: AbortSignal; maxBytes?: number } = {}): Promise<Buffer> {
    const request = `GET ${path}`;
    return this.withRetries<Buffer>(true, options.signal, async () => {
      const r = await this.send('GET', path + queryString(query), undefined, options.signal, options.maxBytes, request);
      if (r instanceof StoreError) {
        return { error: r, retryAfter: undefined, status: undefined };
      }
      if (r.status === 200) {
        return { value: r.data };
      }
      const result = interpretResponse(r.status, r.contentType, r.data.toString('utf8'), request);
      const error = result instanceof StoreError ? result : new StoreError('api', `${request}: HTTP ${r.status}`, { status: r.status, request });
      return { error, retryAfter: r.retryAfter, status: r.status };
    });
  }

  private async withRetries<T>(
    idempotent: boolean,
    signal: AbortSignal | undefined,
    attempt: () => Promise<{ value: T } | { error: StoreError; retryAfter: string | undefined; status: number | undefined }>,
  ): Promise<T> {
    const maxRetries = idempotent ? (this.options.maxRetries ?? 3) : 0;
    for (let n = 0; ; n++) {
      throwIfAborted(signal);
      const outcome = await attempt();
      if ('value' in outcome) {
        return outcome.value;
      }
      const retryable = outcome.status === undefined ? outcome.error.kind === 'network' : RETRY_STATUSES.has(outcome.status);
      const delay =
        retryable && n < maxRetries
          ? retryDelay(n, outcome.retryAfter, this.options.backoffMs ?? 500, this.options.maxRetryDelayMs ?? 60_000)
          : undefined;
      if (delay === undefined) {
        throw outcome.error;
      }
      await sleep(delay, signal);
    }
  }

  /** One HTTP exchange. A transport failure that may be transient is returned (to retry), others thrown. */
  private async send(
    method: Endpoint['method'],
    pathAndQuery: string,
    body: unknown,
    signal: AbortSignal | undefined,
    maxBytes: number | undefined,
    request: string,
  ): Promise<Exchange | StoreError> {
    const headers: Record<string, string> = { Accept: 'application/json', ...this.options.headers };
    const creds = await this.options.credentials?.();
    if (creds !== undefined) {
      headers.Authorization = authorizationHeader(creds);
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const limit = this.options.maxContentLength ?? 100 * 1024 * 1024;
    let response: AxiosResponse<ArrayBuffer>;
    try {
      response = await axios.request<ArrayBuffer>({
        url: this.base + pathAndQuery,
        method,
        headers,
        data: body === undefined ? undefined : JSON.stringify(body),
        timeout: this.options.timeoutMs ?? 30_000,
        signal,
        maxContentLength: maxBytes === undefined ? limit : Math.min(maxBytes, limit),
        maxRedirects: 0,
        // Bytes, parsed by us: an HTML page or a bad body must become a clear error, not a crash.
        responseType: 'arraybuffer',
        validateStatus: () => true,
        httpsAgent: this.httpsAgent,
        proxy: false,
      });
    } catch (err: unknown) {
      const error = toStoreError(err, request, this.options.timeoutMs ?? 30_000);
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
    };
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
