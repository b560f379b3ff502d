import { StoreError } from '../../common/storeError';
import type { Span, SpanEvent } from '../entities/span';
import { isJsonObject, toJsonValue, type JsonValue, type LosslessJson } from './losslessJson';
import { buildSpan, nanos, objectField } from './spanFields';

/**
 * A span in OTLP JSON, as MLflow 3's `traces/get` and `batchGet` answer it: base64 ids, typed
 * AnyValue attributes (`{string_value}`, `{kvlist_value:{values}}`, …), nanosecond times as
 * numbers past 2^53 (hence the lossless read before this).
 */
export function parseOtlpSpan(raw: LosslessJson): Span {
  const o = objectField(raw, 'span');
  const events = (Array.isArray(o.events) ? o.events : []).map((e: LosslessJson): SpanEvent => {
    const event = objectField(e, 'events');
    return {
      name: typeof event.name === 'string' ? event.name : '',
      timeNs: nanos(event.time_unix_nano, 'time_unix_nano'),
      attributes: keyValues(event.attributes),
    };
  });
  return buildSpan(o, keyValues(o.attributes), events);
}

/** OTLP's `[{key, value: AnyValue}]` as a map of decoded values. */
function keyValues(raw: LosslessJson | undefined): Record<string, JsonValue> {
  if (raw === undefined || raw === null) {
    return {};
  }
  if (!Array.isArray(raw)) {
    throw new StoreError('invalid-response', 'Unexpected span attributes.');
  }
  return Object.fromEntries(
    raw.map((kv: LosslessJson) => {
      const entry = objectField(kv, 'attributes');
      return [typeof entry.key === 'string' ? entry.key : '', anyValue(entry.value)] as const;
    }),
  );
}

/** One OTLP AnyValue as JSON; an empty one (Python's None) is null. */
function anyValue(raw: LosslessJson | undefined): JsonValue {
  if (!isJsonObject(raw)) {
    return null;
  }
  if ('string_value' in raw) {
    return toJsonValue(raw.string_value);
  }
  if ('int_value' in raw) {
    const v = raw.int_value;
    return typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : toJsonValue(v);
  }
  if ('double_value' in raw) {
    const v = raw.double_value;
    return typeof v === 'string' ? Number(v) : toJsonValue(v);
  }
  if ('bool_value' in raw) {
    return toJsonValue(raw.bool_value);
  }
  if ('array_value' in raw) {
    const values = isJsonObject(raw.array_value) ? raw.array_value.values : undefined;
    return Array.isArray(values) ? values.map((v: LosslessJson) => anyValue(v)) : [];
  }
  if ('kvlist_value' in raw) {
    const values = isJsonObject(raw.kvlist_value) ? raw.kvlist_value.values : undefined;
    return keyValues(Array.isArray(values) ? values : []);
  }
  if ('bytes_value' in raw) {
    return toJsonValue(raw.bytes_value);
  }
  return null;
}
