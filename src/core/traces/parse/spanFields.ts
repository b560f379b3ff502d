import { StoreError } from '../../common/storeError';
import { SPAN_ATTRIBUTES, type Span, type SpanEvent, type SpanStatusCode } from '../entities/span';
import { isJsonObject, type JsonValue, type LosslessJson } from './losslessJson';
import { optSpanIdHex, spanIdHex } from './spanId';

/** A lossless JSON object, as both span formats are read. */
export type LosslessObject = { readonly [key: string]: LosslessJson };

/** The object at `field`, or an `invalid-response` error. */
export function objectField(value: LosslessJson | undefined, field: string): LosslessObject {
  if (!isJsonObject(value)) {
    throw new StoreError('invalid-response', `Unexpected value for "${field}" in a span.`);
  }
  return value;
}

/** Exact nanoseconds from a JSON number (read losslessly), a bigint or a decimal string (protobuf int64). */
export function nanos(value: LosslessJson | undefined, field: string): bigint {
  if (typeof value === 'bigint') {
    return value;
  }
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    return BigInt(value);
  }
  if (typeof value === 'string' && /^-?\d+$/.test(value)) {
    return BigInt(value);
  }
  throw new StoreError('invalid-response', `Unexpected time for "${field}" in a span.`);
}

/** `STATUS_CODE_ERROR` (OTLP and span JSON) or `ERROR` (older span JSON, sqlite's column). */
export function statusCode(value: LosslessJson | undefined): SpanStatusCode {
  const s = typeof value === 'string' ? value.replace(/^STATUS_CODE_/, '') : '';
  return s === 'OK' || s === 'ERROR' ? s : 'UNSET';
}

/** The fields both span formats share, once their attributes and events are decoded. */
export function buildSpan(
  o: LosslessObject,
  attributes: Readonly<Record<string, JsonValue>>,
  events: readonly SpanEvent[],
): Span {
  const name = o.name;
  const spanId = o.span_id;
  if (typeof spanId !== 'string') {
    throw new StoreError('invalid-response', 'A span has no span_id.');
  }
  const status = isJsonObject(o.status) ? o.status : {};
  const message = status.message;
  const type = attributes[SPAN_ATTRIBUTES.type];
  return {
    spanId: spanIdHex(spanId),
    parentSpanId: optSpanIdHex(o.parent_span_id),
    name: typeof name === 'string' ? name : '',
    type: typeof type === 'string' ? type : undefined,
    statusCode: statusCode(status.code ?? status.status_code),
    statusMessage: typeof message === 'string' ? message : '',
    startTimeNs: nanos(o.start_time_unix_nano, 'start_time_unix_nano'),
    endTimeNs:
      o.end_time_unix_nano === undefined || o.end_time_unix_nano === null
        ? undefined
        : nanos(o.end_time_unix_nano, 'end_time_unix_nano'),
    attributes,
    inputs: attributes[SPAN_ATTRIBUTES.inputs],
    outputs: attributes[SPAN_ATTRIBUTES.outputs],
    events,
  };
}
