import type { JsonValue } from '../parse/losslessJson';

/** A span's OpenTelemetry status code, without the `STATUS_CODE_` prefix. */
export type SpanStatusCode = 'OK' | 'ERROR' | 'UNSET';

/** Something that happened during a span: an exception, a streamed chunk (`mlflow.chunk.item.N`). */
export interface SpanEvent {
  readonly name: string;
  /** Exact epoch nanoseconds. */
  readonly timeNs: bigint;
  readonly attributes: Readonly<Record<string, JsonValue>>;
}

/**
 * One span of a trace, the same whichever format it was read from (OTLP JSON from `traces/get`,
 * MLflow's span JSON in `traces.json`, sqlite's `spans.content`). Ids are 16 lowercase hex digits
 * (OTLP and span JSON write them base64). Times are exact nanoseconds: they exceed 2^53, so a
 * `number` would round them. Attribute values are decoded JSON (span JSON writes each as a JSON
 * string, OTLP as typed AnyValues).
 */
export interface Span {
  readonly spanId: string;
  /** undefined for the root span. */
  readonly parentSpanId: string | undefined;
  readonly name: string;
  /** `mlflow.spanType`: AGENT, CHAIN, CHAT_MODEL, TOOL, RETRIEVER, … */
  readonly type: string | undefined;
  readonly statusCode: SpanStatusCode;
  readonly statusMessage: string;
  readonly startTimeNs: bigint;
  /** undefined while the span is still open. */
  readonly endTimeNs: bigint | undefined;
  readonly attributes: Readonly<Record<string, JsonValue>>;
  /** `mlflow.spanInputs` / `mlflow.spanOutputs`. */
  readonly inputs: JsonValue | undefined;
  readonly outputs: JsonValue | undefined;
  readonly events: readonly SpanEvent[];
}

/** Span attribute keys MLflow gives a meaning to. */
export const SPAN_ATTRIBUTES = {
  type: 'mlflow.spanType',
  inputs: 'mlflow.spanInputs',
  outputs: 'mlflow.spanOutputs',
  tokenUsage: 'mlflow.chat.tokenUsage',
  cost: 'mlflow.llm.cost',
} as const;

/** An exception an event records (OpenTelemetry's `exception` event), if it is one. */
export function exceptionOf(
  event: SpanEvent,
): { readonly type: string; readonly message: string; readonly stackTrace: string | undefined } | undefined {
  if (event.name !== 'exception') {
    return undefined;
  }
  const text = (key: string): string | undefined => {
    const v = event.attributes[key];
    return typeof v === 'string' ? v : undefined;
  };
  return {
    type: text('exception.type') ?? '',
    message: text('exception.message') ?? '',
    stackTrace: text('exception.stacktrace'),
  };
}

/** Spans in one stable order whatever the source's: by start time, then id. */
export function sortSpans(spans: readonly Span[]): Span[] {
  return [...spans].sort((a, b) =>
    a.startTimeNs < b.startTimeNs
      ? -1
      : a.startTimeNs > b.startTimeNs
        ? 1
        : a.spanId < b.spanId
          ? -1
          : a.spanId > b.spanId
            ? 1
            : 0,
  );
}
