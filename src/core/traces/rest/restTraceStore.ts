import { asObject, optArray, optString } from '../../common/jsonFields';
import type { Page } from '../../common/paging';
import { StoreError } from '../../common/storeError';
import type { Query, RestClient } from '../../tracking/rest/restClient';
import type { Endpoint } from '../../tracking/rest/endpoints';
import { sortSpans, type Span } from '../entities/span';
import type { Trace } from '../entities/trace';
import { TRACE_KEYS, type TraceInfo } from '../entities/traceInfo';
import { isJsonArray, isJsonObject, parseLosslessJson, type LosslessJson } from '../parse/losslessJson';
import { parseTraceDataJson } from '../parse/parseMlflowSpan';
import { parseOtlpSpan } from '../parse/parseOtlpSpan';
import { parseTraceInfoV2, parseTraceInfoV3 } from '../parse/parseTraceInfo';
import type { NoTraces, SearchTracesRequest, TraceReadOptions, TraceStore } from '../traceStore';
import { isMissingRoute } from './missingRoute';
import { RestAssessmentWriter } from './restAssessmentWriter';
import { TRACE_ENDPOINTS as E } from './traceEndpoints';

/** Which trace API a server has: MLflow 3's, 2.14–2.x's, or none (older, Azure ML). */
export type TraceApi = 'v3' | 'v2' | 'none';

/** Ids per `batchGet` call, so the query string stays well inside what proxies accept. */
const BATCH = 50;

const NO_TRACES: NoTraces = {
  noTraces: true,
  reason: 'This tracking server has no trace API (MLflow records traces from version 2.14 on).',
};

function checkedId(traceId: string): string {
  // The id goes into a URL path: anything but a plain id could change what is asked.
  if (!/^[\w-]+$/.test(traceId)) {
    throw new StoreError('api', `Invalid trace id ${JSON.stringify(traceId)}.`, {
      errorCode: 'INVALID_PARAMETER_VALUE',
    });
  }
  return traceId;
}

function token(json: Readonly<Record<string, unknown>>): string | undefined {
  const t = optString(json, 'next_page_token');
  return t === '' ? undefined : t;
}

/** A `{trace_info, spans}` of `traces/get` and `batchGet`, spans in OTLP JSON. */
function otlpTrace(raw: LosslessJson | undefined): Trace {
  const o = isJsonObject(raw) ? raw : {};
  const spans = isJsonArray(o.spans) ? o.spans : [];
  return { info: parseTraceInfoV3(o.trace_info), spans: sortSpans(spans.map((s) => parseOtlpSpan(s))) };
}

/**
 * {@link TraceStore} over a tracking server, as MLflow 3.11's `TracingClient` reads it: search
 * and infos through `/api/3.0/mlflow/traces*`, spans through `traces/get` when the trace's spans
 * live in the tracking store (tag `mlflow.trace.spansLocation`), else (a file-store server's 501,
 * traces logged by 2.x) through the UI's `get-trace-artifact`. Servers with only the 2.x routes
 * are read through those into the same entities; a server with neither answers {@link NoTraces}.
 * Span payloads are read losslessly: their nanosecond times do not fit a double.
 */
export class RestTraceStore implements TraceStore {
  readonly kind = 'rest';
  private api: TraceApi | undefined;
  /** Set once `traces/get` (or batchGet) answered 501 or was missing: the artifact route it is. */
  private noTraceGet = false;

  /** Feedback and expectations written through MLflow 3's assessment routes. */
  readonly assessments: RestAssessmentWriter;

  constructor(private readonly client: RestClient) {
    this.assessments = new RestAssessmentWriter(client, () => this.api);
  }

  /** The trace API this server answered with, once a call found out (undefined before). */
  get detectedApi(): TraceApi | undefined {
    return this.api;
  }

  async searchTraces(r: SearchTracesRequest): Promise<Page<TraceInfo> | NoTraces> {
    if (this.api === undefined || this.api === 'v3') {
      try {
        const json = await this.client.call(E.searchV3, {
          body: {
            locations: [{ type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: r.experimentId } }],
            filter: r.filter,
            max_results: r.maxResults,
            order_by: r.orderBy,
            page_token: r.pageToken,
          },
          signal: r.signal,
        });
        this.api = 'v3';
        return { items: optArray(json, 'traces', (t) => parseTraceInfoV3(t)), nextPageToken: token(json) };
      } catch (err: unknown) {
        if (this.api === 'v3' || !isMissingRoute(err)) {
          throw err;
        }
      }
    }
    return this.searchV2(r);
  }

  private async searchV2(r: SearchTracesRequest): Promise<Page<TraceInfo> | NoTraces> {
    if (this.api === 'none') {
      return NO_TRACES;
    }
    try {
      const json = await this.client.call(E.searchV2, {
        query: [
          ['experiment_ids', r.experimentId],
          ['filter', r.filter],
          ['max_results', r.maxResults],
          ...(r.orderBy ?? []).map((o) => ['order_by', o] as const),
          ['page_token', r.pageToken],
        ],
        signal: r.signal,
      });
      this.api = 'v2';
      return { items: optArray(json, 'traces', parseTraceInfoV2), nextPageToken: token(json) };
    } catch (err: unknown) {
      if (this.api === 'v2' || !isMissingRoute(err)) {
        throw err;
      }
      this.api = 'none';
      return NO_TRACES;
    }
  }

  async getTraceInfo(traceId: string, o: TraceReadOptions = {}): Promise<TraceInfo> {
    const id = checkedId(traceId);
    if (this.api !== 'v2' && this.api !== 'none') {
      try {
        const json = await this.client.call(
          { ...E.getInfoV3, path: `${E.getInfoV3.path}/${id}` },
          { signal: o.signal },
        );
        this.api = 'v3';
        return parseTraceInfoV3(asObject(json.trace, 'trace').trace_info);
      } catch (err: unknown) {
        if (this.api === 'v3' || !isMissingRoute(err)) {
          throw err;
        }
      }
    }
    try {
      const json = await this.client.call(
        { ...E.getInfoV2, path: `${E.getInfoV2.path}/${id}/info` },
        { signal: o.signal },
      );
      this.api = 'v2';
      return parseTraceInfoV2(json.trace_info);
    } catch (err: unknown) {
      if (!isMissingRoute(err)) {
        throw err;
      }
      this.api = 'none';
      throw new StoreError('unsupported', NO_TRACES.reason, {
        status: StoreError.is(err) ? err.status : undefined,
      });
    }
  }

  /**
   * `traces/get` answers info and spans at once; a trace whose spans are not in the tracking store
   * (logged by 2.x) comes back without them, and a file-store server answers 501: then the
   * spans come from the artifact route, and 501 is remembered so later reads go straight there.
   */
  async getTrace(traceId: string, o: TraceReadOptions = {}): Promise<Trace> {
    const id = checkedId(traceId);
    if (this.api !== 'v2' && this.api !== 'none' && !this.noTraceGet) {
      try {
        const trace = otlpTrace((await this.downloadJson(E.getTraceV3, [['trace_id', id]], o.signal)).trace);
        this.api = 'v3';
        return await this.withArtifactSpans(trace, o.signal);
      } catch (err: unknown) {
        if (!isMissingRoute(err)) {
          throw err;
        }
        this.noTraceGet = true;
      }
    }
    const info = await this.getTraceInfo(id, o);
    return { info, spans: await this.artifactSpans(info.traceId, o.signal) };
  }

  /** The trace as it is, or with its spans from the artifact route when they live there. */
  private async withArtifactSpans(t: Trace, signal: AbortSignal | undefined): Promise<Trace> {
    return t.spans.length === 0 && t.info.tags[TRACE_KEYS.spansLocation] !== 'TRACKING_STORE'
      ? { info: t.info, spans: await this.artifactSpans(t.info.traceId, signal) }
      : t;
  }

  async batchGetTraceInfos(traceIds: readonly string[], o: TraceReadOptions = {}): Promise<TraceInfo[]> {
    const ids = traceIds.map(checkedId);
    if (this.api !== 'v2' && this.api !== 'none' && !this.noTraceGet) {
      try {
        const json = await this.client.call(E.batchGetInfosV3, {
          body: { trace_ids: ids },
          signal: o.signal,
        });
        this.api = 'v3';
        return inOrder(
          ids,
          optArray(json, 'trace_infos', (t) => parseTraceInfoV3(t)),
          (t) => t.traceId,
        );
      } catch (err: unknown) {
        if (!isMissingRoute(err)) {
          throw err;
        }
      }
    }
    return this.eachFound(ids, (id) => this.getTraceInfo(id, o));
  }

  async batchGetTraces(traceIds: readonly string[], o: TraceReadOptions = {}): Promise<Trace[]> {
    const ids = traceIds.map(checkedId);
    if (this.api !== 'v2' && this.api !== 'none' && !this.noTraceGet) {
      try {
        const found: Trace[] = [];
        for (let i = 0; i < ids.length; i += BATCH) {
          const chunk = ids.slice(i, i + BATCH);
          const json = await this.downloadJson(
            E.batchGetV3,
            chunk.map((id) => ['trace_ids', id] as const),
            o.signal,
          );
          found.push(...(isJsonArray(json.traces) ? json.traces : []).map(otlpTrace));
        }
        const whole = await Promise.all(found.map((t) => this.withArtifactSpans(t, o.signal)));
        return inOrder(ids, whole, (t) => t.info.traceId);
      } catch (err: unknown) {
        if (!isMissingRoute(err)) {
          throw err;
        }
        this.noTraceGet = true;
      }
    }
    return this.eachFound(ids, (id) => this.getTrace(id, o));
  }

  dispose(): void {
    // Nothing held: the REST client keeps no connection state of its own.
  }

  /** MLflow span JSON from the UI's artifact route (3.x, then 2.x's path). */
  private async artifactSpans(traceId: string, signal: AbortSignal | undefined): Promise<Span[]> {
    for (const endpoint of [E.traceArtifactV3, E.traceArtifactV2]) {
      try {
        const bytes = await this.client.download(endpoint.path, [['request_id', traceId]], { signal });
        return sortSpans(parseTraceDataJson(bytes.toString('utf8')));
      } catch (err: unknown) {
        if (endpoint === E.traceArtifactV2 || !isMissingRoute(err)) {
          throw err;
        }
      }
    }
    return [];
  }

  /** A JSON answer read losslessly (through the raw-bytes download, since `call` would JSON.parse it). */
  private async downloadJson(
    endpoint: Endpoint,
    query: Query,
    signal: AbortSignal | undefined,
  ): Promise<{ readonly [key: string]: LosslessJson }> {
    const bytes = await this.client.download(endpoint.path, query, { signal });
    const text = bytes.toString('utf8');
    const json = parseLosslessJson(text.trim() === '' ? '{}' : text);
    if (!isJsonObject(json)) {
      throw new StoreError(
        'invalid-response',
        `${endpoint.method} ${endpoint.path} answered JSON that is not an object.`,
      );
    }
    return json;
  }

  private async eachFound<T>(ids: readonly string[], read: (id: string) => Promise<T>): Promise<T[]> {
    const out: T[] = [];
    for (const id of ids) {
      try {
        out.push(await read(id));
      } catch (err: unknown) {
        if (!StoreError.isNotFound(err)) {
          throw err;
        }
      }
    }
    return out;
  }
}

/** Items in the order their ids were asked, unknown ids left out. */
function inOrder<T>(ids: readonly string[], items: readonly T[], idOf: (t: T) => string): T[] {
  const byId = new Map(items.map((t) => [idOf(t), t]));
  return ids.flatMap((id) => {
    const t = byId.get(id);
    return t === undefined ? [] : [t];
  });
}
