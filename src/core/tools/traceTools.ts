import { oneLine } from '../explorer/traceSummary';
import { exceptionOf, sortSpans, type Span } from '../traces/entities/span';
import type { TraceInfo } from '../traces/entities/traceInfo';
import { isNoTraces } from '../traces/traceStore';
import { boundedInt, optionalString, requiredString, stringList } from './toolInput';
import { MAX_VALUE, clip, compact, isoTime, toolText } from './toolOutput';
import type { MlflowTool } from './toolTypes';

/** Spans a trace summary lists; the rest are counted. */
const MAX_SPANS = 60;

function traceJson(t: TraceInfo): Record<string, unknown> {
  const assessments = t.assessments.slice(0, 10).map((a) => clip(a.name));
  return compact({
    trace_id: t.traceId,
    name: clip(t.name),
    state: t.state,
    request_time: isoTime(t.requestTimeMs),
    duration_ms: t.executionDurationMs,
    request_preview: t.requestPreview === undefined ? undefined : oneLine(t.requestPreview, 300),
    response_preview: t.responsePreview === undefined ? undefined : oneLine(t.responsePreview, 300),
    total_tokens: t.tokenUsage?.totalTokens,
    session: clip(t.sessionId),
    user: clip(t.userId),
    source_run_id: clip(t.sourceRunId),
    model_id: clip(t.modelId),
    assessments: assessments.length > 0 ? assessments : undefined,
  });
}

export const searchTraces: MlflowTool = {
  name: 'search_traces',
  title: 'Search MLflow Traces',
  description:
    "Searches the GenAI traces (MLflow 3 tracing) of one experiment, newest first: each trace's id, root span name, " +
    'state (OK/ERROR), time, duration, token count, request and response previews and assessment names. ' +
    "'filter' uses MLflow's trace grammar, e.g. \"trace.status = 'ERROR'\", \"trace.execution_time_ms > 5000\", " +
    "\"tags.channel = 'web'\" (AND only). Servers without tracing say so. Use get_trace for one trace's spans.",
  inputSchema: {
    type: 'object',
    properties: {
      experiment_id: { type: 'string', description: 'The experiment id (search_experiments lists them).' },
      filter: { type: 'string', description: "MLflow trace filter, e.g. trace.status = 'ERROR'." },
      order_by: {
        type: 'array',
        items: { type: 'string' },
        description: "e.g. ['timestamp_ms DESC'].",
        maxItems: 3,
      },
      max_results: {
        type: 'integer',
        description: 'At most this many (1-100, default 20).',
        minimum: 1,
        maximum: 100,
      },
      page_token: { type: 'string', description: 'next_page_token of a previous answer.' },
    },
    required: ['experiment_id'],
    additionalProperties: false,
  },
  writes: false,
  async run(input, { stores, signal }) {
    const traces = await stores.traces();
    const orderBy = stringList(input, 'order_by', 3);
    const page = await traces.searchTraces({
      experimentId: requiredString(input, 'experiment_id'),
      filter: optionalString(input, 'filter'),
      orderBy: orderBy.length > 0 ? orderBy : undefined,
      maxResults: boundedInt(input, 'max_results', 20, 1, 100),
      pageToken: optionalString(input, 'page_token'),
      signal,
    });
    if (isNoTraces(page)) {
      return toolText({ traces: [], note: clip(page.reason, MAX_VALUE) });
    }
    return toolText(compact({ traces: page.items.map(traceJson), next_page_token: page.nextPageToken }));
  },
};

/** Each span's depth in the tree (0 for roots), from the parent links. */
function depths(spans: readonly Span[]): Map<string, number> {
  const parent = new Map(spans.map((s) => [s.spanId, s.parentSpanId]));
  const depth = new Map<string, number>();
  for (const s of spans) {
    let d = 0;
    let p = s.parentSpanId;
    // Bounded walk: a cycle in hostile data must not hang.
    while (p !== undefined && parent.has(p) && d < 100) {
      d++;
      p = parent.get(p);
    }
    depth.set(s.spanId, d);
  }
  return depth;
}

function spanJson(s: Span, depth: number): Record<string, unknown> {
  const ms = s.endTimeNs === undefined ? undefined : Number((s.endTimeNs - s.startTimeNs) / 1_000_000n);
  const error = s.events.map(exceptionOf).find((e) => e !== undefined);
  return compact({
    depth,
    name: clip(s.name),
    type: clip(s.type),
    status: s.statusCode,
    duration_ms: ms,
    error:
      s.statusCode === 'ERROR'
        ? clip(error === undefined ? s.statusMessage : `${error.type}: ${error.message}`, MAX_VALUE)
        : undefined,
  });
}

export const getTrace: MlflowTool = {
  name: 'get_trace',
  title: 'Get MLflow Trace Summary',
  description:
    'Summarises one MLflow trace: its info (state, time, duration, tokens, previews, session, source run) and its ' +
    'span tree in start order (depth, name, type such as AGENT/CHAT_MODEL/TOOL/RETRIEVER, status, duration, and ' +
    'the exception of failed spans). Use it to find which step of an agent failed or was slow.',
  inputSchema: {
    type: 'object',
    properties: { trace_id: { type: 'string', description: 'The trace id (tr-…).' } },
    required: ['trace_id'],
    additionalProperties: false,
  },
  writes: false,
  async run(input, { stores, signal }) {
    const traces = await stores.traces();
    const trace = await traces.getTrace(requiredString(input, 'trace_id'), { signal });
    const spans = sortSpans(trace.spans);
    const depth = depths(spans);
    const shown = spans.slice(0, MAX_SPANS);
    return toolText(
      compact({
        ...traceJson(trace.info),
        span_count: spans.length,
        error_spans: spans.filter((s) => s.statusCode === 'ERROR').length,
        spans: shown.map((s) => spanJson(s, depth.get(s.spanId) ?? 0)),
        spans_note:
          shown.length < spans.length
            ? `showing ${String(shown.length)} of ${String(spans.length)} spans`
            : undefined,
      }),
    );
  },
};
