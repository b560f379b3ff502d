// Test support: a loopback server in front of the MLflow test server that answers MLflow 3's trace
// search (`POST /api/3.0/mlflow/traces/search`, TraceInfoV3 with assessments) from a trace store —
// the recorded 3.11.1 mlflow.db in the tests — and forwards everything else. Not product code.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Assessment } from '../../../src/core/traces/entities/assessment';
import type { TraceInfo } from '../../../src/core/traces/entities/traceInfo';
import { isNoTraces, type TraceStore } from '../../../src/core/traces/traceStore';

/** An assessment in the shape the 3.11.1 server answers it (rest/ README "Assessments"). */
function assessmentJson(a: Assessment): Record<string, unknown> {
  const body: Record<string, unknown> = { value: a.value };
  if (a.error !== undefined) {
    body.error = { error_code: a.error.code, error_message: a.error.message };
  }
  return {
    assessment_id: a.assessmentId,
    assessment_name: a.name,
    trace_id: a.traceId,
    ...(a.spanId === undefined ? {} : { span_id: a.spanId }),
    source: { source_type: a.sourceType, source_id: a.sourceId },
    create_time: new Date(a.createTimeMs).toISOString(),
    last_update_time: new Date(a.lastUpdateTimeMs).toISOString(),
    [a.kind]: body,
    ...(a.rationale === undefined ? {} : { rationale: a.rationale }),
    metadata: a.metadata,
    ...(a.overrides === undefined ? {} : { overrides: a.overrides }),
    valid: a.valid,
  };
}

/** A TraceInfoV3 as the server answers it: ISO request time, Duration string, metadata and tags maps. */
export function traceInfoJson(t: TraceInfo): Record<string, unknown> {
  return {
    trace_id: t.traceId,
    trace_location: { type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: t.experimentId } },
    request_time: new Date(t.requestTimeMs).toISOString(),
    ...(t.executionDurationMs === undefined
      ? {}
      : { execution_duration: `${String(t.executionDurationMs / 1000)}s` }),
    state: t.state,
    ...(t.requestPreview === undefined ? {} : { request_preview: t.requestPreview }),
    ...(t.responsePreview === undefined ? {} : { response_preview: t.responsePreview }),
    ...(t.clientRequestId === undefined ? {} : { client_request_id: t.clientRequestId }),
    trace_metadata: t.metadata,
    tags: t.tags,
    assessments: t.assessments.map(assessmentJson),
  };
}

export interface SearchBody {
  readonly locations?: ReadonlyArray<{ readonly mlflow_experiment?: { readonly experiment_id?: string } }>;
  readonly filter?: string;
  readonly max_results?: number;
  readonly order_by?: readonly string[];
  readonly page_token?: string;
}

/** A running front server; `searches` are the bodies of the trace searches it answered. */
export interface TraceSearchServer {
  readonly baseUrl: string;
  readonly searches: readonly SearchBody[];
  close(): Promise<void>;
}

async function answerSearch(store: TraceStore, body: SearchBody, res: http.ServerResponse): Promise<void> {
  const page = await store.searchTraces({
    experimentId: body.locations?.[0]?.mlflow_experiment?.experiment_id ?? '',
    filter: body.filter,
    maxResults: body.max_results,
    orderBy: body.order_by,
    pageToken: body.page_token,
  });
  const items = isNoTraces(page) ? [] : page.items;
  const next = isNoTraces(page) ? undefined : page.nextPageToken;
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(
    JSON.stringify({
      ...(items.length === 0 ? {} : { traces: items.map(traceInfoJson) }),
      ...(next === undefined ? {} : { next_page_token: next }),
    }),
  );
}

/** Start the front server on 127.0.0.1 over `upstream` (an MLflow test server's base URL). */
export async function startTraceSearchServer(
  upstream: string,
  store: TraceStore,
): Promise<TraceSearchServer> {
  const target = new URL(upstream);
  const searches: SearchBody[] = [];
  const server = http.createServer((req, res) => {
    if (req.method === 'POST' && (req.url ?? '').split('?')[0] === '/api/3.0/mlflow/traces/search') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as SearchBody;
        searches.push(body);
        answerSearch(store, body, res).catch((err: unknown) => {
          res
            .writeHead(400, { 'Content-Type': 'application/json' })
            .end(JSON.stringify({ error_code: 'INVALID_PARAMETER_VALUE', message: String(err) }));
        });
      });
      return;
    }
    const forward = http.request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`,
    searches,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
