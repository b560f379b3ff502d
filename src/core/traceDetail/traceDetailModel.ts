import type { JsonValue } from '../traces/parse/losslessJson';
import type { Assessment } from '../traces/entities/assessment';
import { exceptionOf, SPAN_ATTRIBUTES, type Span } from '../traces/entities/span';
import type { Trace } from '../traces/entities/trace';
import type { TraceInfo } from '../traces/entities/traceInfo';
import { spanPayload } from './chatTurns';
import { firstLook, msBetween, spanRows } from './spanTree';
import type { AssessmentView, SpanDetail, SpanRow, TraceFact } from './traceView';

/** Everything the trace panel shows, built from one trace. */
export interface TraceDetailModel {
  readonly traceId: string;
  readonly name: string;
  readonly state: string;
  readonly facts: readonly TraceFact[];
  readonly spans: readonly SpanRow[];
  /** The row selected when the panel opens (see {@link firstLook}). */
  readonly initialSpan: number;
  readonly details: readonly SpanDetail[];
  readonly metadata: readonly TraceFact[];
  readonly tags: readonly TraceFact[];
  readonly assessments: readonly AssessmentView[];
}

/** Attributes shown elsewhere in the details (inputs, outputs) or as the row's label (type). */
const SHOWN_ELSEWHERE = new Set<string>([
  SPAN_ATTRIBUTES.type,
  SPAN_ATTRIBUTES.inputs,
  SPAN_ATTRIBUTES.outputs,
]);

/** A value as the panel shows it: a string as it is, anything else as JSON. */
function jsonText(v: JsonValue): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function factsOf(record: Readonly<Record<string, JsonValue>>, skip?: ReadonlySet<string>): TraceFact[] {
  return Object.entries(record)
    .filter(([k]) => !skip?.has(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => ({ label: k, value: jsonText(v) }));
}

/** A string that would read as a number, true/false or null if shown bare. */
const LOOKS_LIKE_ANOTHER_VALUE = /^(?:-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null)$/;

/** An assessment's value as text: JSON, strings bare unless they would read as another value. */
function assessmentValueText(v: JsonValue): string {
  return v === null
    ? ''
    : typeof v === 'string' && LOOKS_LIKE_ANOTHER_VALUE.test(v)
      ? JSON.stringify(v)
      : jsonText(v);
}

export function assessmentView(a: Assessment): AssessmentView {
  const error =
    a.error === undefined ? undefined : [a.error.code, a.error.message].filter(Boolean).join(': ');
  return {
    assessmentId: a.assessmentId,
    name: a.name,
    kind: a.kind,
    value: assessmentValueText(a.value),
    sourceType: a.sourceType,
    sourceId: a.sourceId,
    rationale: a.rationale,
    error: error === '' ? undefined : error,
    overrides: a.overrides !== undefined,
    valid: a.valid,
  };
}

/** Request time, duration, tokens and cost, as the header shows them. */
function headerFacts(info: TraceInfo): TraceFact[] {
  const facts: TraceFact[] = [{ label: 'Request time', value: new Date(info.requestTimeMs).toISOString() }];
  if (info.executionDurationMs !== undefined) {
    facts.push({ label: 'Duration', value: `${String(info.executionDurationMs)} ms` });
  }
  const t = info.tokenUsage;
  if (t) {
    const parts = [
      t.inputTokens === undefined ? undefined : `${String(t.inputTokens)} in`,
      t.outputTokens === undefined ? undefined : `${String(t.outputTokens)} out`,
      t.totalTokens === undefined ? undefined : `${String(t.totalTokens)} total`,
    ].filter((p) => p !== undefined);
    facts.push({ label: 'Tokens', value: parts.join(', ') });
  }
  if (info.cost?.totalCost !== undefined) {
    facts.push({ label: 'Cost', value: `$${info.cost.totalCost.toFixed(6)}` });
  }
  return facts;
}

function detailOf(span: Span, assessments: readonly Assessment[]): SpanDetail {
  return {
    spanId: span.spanId,
    statusMessage: span.statusMessage,
    inputs: spanPayload(span.inputs),
    outputs: spanPayload(span.outputs),
    attributes: factsOf(span.attributes, SHOWN_ELSEWHERE),
    events: span.events.map((e) => ({
      name: e.name,
      atMs: msBetween(span.startTimeNs, e.timeNs),
      attributes: factsOf(e.attributes),
      exception: exceptionOf(e),
    })),
    assessments: assessments.filter((a) => a.spanId === span.spanId).map(assessmentView),
  };
}

/**
 * The panel's model of a trace: header facts, the span tree in tree order with its timeline, each
 * span's details (with the assessments that target it), metadata, tags, and the trace's own
 * assessments. Pure, so it is tested without VS Code.
 */
export function traceDetailModel(trace: Trace): TraceDetailModel {
  const { info } = trace;
  const rows = spanRows(trace.spans);
  const byId = new Map(trace.spans.map((s) => [s.spanId, s]));
  const spanIds = new Set(byId.keys());
  return {
    traceId: info.traceId,
    name: info.name ?? rows[0]?.name ?? info.traceId,
    state: info.state,
    facts: headerFacts(info),
    spans: rows,
    initialSpan: firstLook(rows),
    details: rows.flatMap((r) => {
      const span = byId.get(r.spanId);
      return span ? [detailOf(span, info.assessments)] : [];
    }),
    metadata: factsOf(info.metadata),
    tags: factsOf(info.tags),
    assessments: info.assessments
      .filter((a) => a.spanId === undefined || !spanIds.has(a.spanId))
      .map(assessmentView),
  };
}
