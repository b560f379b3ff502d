// TEST DOUBLE — not MLflow. A loopback server in front of the MLflow test server that answers the
// two trace routes the Experiments view reads (`POST /api/3.0/mlflow/traces/search` and
// `GET /api/3.0/mlflow/traces/<id>`) from a trace store (our sqlite store over a recorded
// mlflow.db) in MLflow 3's TraceInfoV3 shape, and passes every other request on. A test changes
// what it answers while the extension watches: a trace reported IN_PROGRESS that then finishes.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { StoreError } from '../../../src/core/common/storeError';
import type { TraceInfo, TraceState } from '../../../src/core/traces/entities/traceInfo';
import { isNoTraces, type TraceStore } from '../../../src/core/traces/traceStore';

/** What the server reports for one trace instead of what the store holds. */
export interface TraceOverride {
  readonly state: TraceState;
  readonly executionDurationMs: number | undefined;
}

/** A running adjustable trace server. */
export interface AdjustableTraceServer {
  baseUrl: string;
  /** trace id → what the server reports from now on. */
  readonly overrides: Map<string, TraceOverride>;
  /** `GET` trace ids the server was asked for, in order. */
  readonly infoReads: string[];
  /** The `filter` of every search, in order (undefined when none was sent). */
  readonly filters: Array<string | undefined>;
  /** While set, searches wait for it before answering (a slow server, to act while a page is on its way). */
  searchGate: Promise<void> | undefined;
  close: () => Promise<void>;
}

/** A TraceInfo as MLflow 3 sends it (TraceInfoV3; assessments left out). */
function traceInfoV3(t: TraceInfo): Record<string, unknown> {
  return {
    trace_id: t.traceId,
    trace_location: { type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: t.experimentId } },
    request_time: new Date(t.requestTimeMs).toISOString(),
    ...(t.executionDurationMs === undefined ? {} : { execution_duration_ms: t.executionDurationMs }),
    state: t.state,
    ...(t.requestPreview === undefined ? {} : { request_preview: t.requestPreview }),
    ...(t.responsePreview === undefined ? {} : { response_preview: t.responsePreview }),
    ...(t.clientRequestId === undefined ? {} : { client_request_id: t.clientRequestId }),
    trace_metadata: t.metadata,
    tags: t.tags,
  };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}

interface SearchBody {
  readonly locations?: ReadonlyArray<{ readonly mlflow_experiment?: { readonly experiment_id?: string } }>;
  readonly filter?: string;
  readonly max_results?: number;
  readonly page_token?: string;
}

/** Start the server on 127.0.0.1; `upstream` answers everything but the two trace routes. */
export async function startAdjustableTraceServer(
  traces: TraceStore,
  upstream: string,
): Promise<AdjustableTraceServer> {
  const overrides = new Map<string, TraceOverride>();
  const infoReads: string[] = [];
  const filters: Array<string | undefined> = [];
  const result: AdjustableTraceServer = {
    baseUrl: '',
    overrides,
    infoReads,
    filters,
    searchGate: undefined,
    close: () => Promise.resolve(),
  };
  const adjusted = (t: TraceInfo): TraceInfo => {
    const o = overrides.get(t.traceId);
    return o === undefined ? t : { ...t, state: o.state, executionDurationMs: o.executionDurationMs };
  };
  const answer = async (method: string, path: string, body: string): Promise<unknown> => {
    if (method === 'POST' && path === '/api/3.0/mlflow/traces/search') {
      const r = JSON.parse(body) as SearchBody;
      filters.push(r.filter);
      await result.searchGate;
      const page = await traces.searchTraces({
        experimentId: r.locations?.[0]?.mlflow_experiment?.experiment_id ?? '',
        filter: r.filter,
        maxResults: r.max_results,
        pageToken: r.page_token,
      });
      if (isNoTraces(page)) {
        return {};
      }
      return {
        traces: page.items.map((t) => traceInfoV3(adjusted(t))),
        ...(page.nextPageToken === undefined ? {} : { next_page_token: page.nextPageToken }),
      };
    }
    const id = /^\/api\/3\.0\/mlflow\/traces\/(tr-[0-9a-f]+)$/.exec(path)?.[1];
    if (method === 'GET' && id !== undefined) {
      infoReads.push(id);
      return { trace: { trace_info: traceInfoV3(adjusted(await traces.getTraceInfo(id))) } };
    }
    return undefined;
  };
  const target = new URL(upstream);
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (!path.startsWith('/api/3.0/mlflow/traces')) {
      const forward = http.request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      req.pipe(forward);
      return;
    }
    void readBody(req)
      .then((body) => answer(req.method ?? '', path, body))
      .then(
        (json) => {
          if (json === undefined) {
            res.writeHead(404, { 'Content-Type': 'text/html' }).end('<!doctype html><title>404</title>');
          } else {
            res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(json));
          }
        },
        (err: unknown) => {
          // The store's refusals carry MLflow's error code and status, as a server sends them.
          const e = StoreError.is(err) ? err : undefined;
          res.writeHead(e?.status ?? 500, { 'Content-Type': 'application/json' }).end(
            JSON.stringify({
              error_code: e?.errorCode ?? 'INTERNAL_ERROR',
              message: String(e?.message ?? err),
            }),
          );
        },
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  result.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  result.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => {
        resolve();
      });
    });
  return result;
}
