import type { Span, SpanEvent } from '../entities/span';
import { decodeJsonText } from './parseAssessment';
import {
  isJsonObject,
  parseLosslessJson,
  toJsonValue,
  type JsonValue,
  type LosslessJson,
} from './losslessJson';
import { buildSpan, nanos, objectField } from './spanFields';
import { StoreError } from '../../common/storeError';

/**
 * A span in MLflow's own span JSON: `traces.json` artifacts (`{"spans": [...]}`), the UI's
 * `get-trace-artifact` answer, sqlite's `spans.content`. Attribute values are JSON-encoded
 * strings (`"\"AGENT\""`); event attributes are plain values.
 */
export function parseMlflowSpan(raw: LosslessJson): Span {
  const o = objectField(raw, 'span');
  const attributes: Record<string, JsonValue> = Object.fromEntries(
    Object.entries(isJsonObject(o.attributes) ? o.attributes : {}).map(([k, v]) => [
      k,
      typeof v === 'string' ? decodeJsonText(v) : toJsonValue(v),
    ]),
  );
  const events = (Array.isArray(o.events) ? o.events : []).map((e: LosslessJson): SpanEvent => {
    const event = objectField(e, 'events');
    return {
      name: typeof event.name === 'string' ? event.name : '',
      timeNs: nanos(event.time_unix_nano ?? event.timestamp, 'time_unix_nano'),
      attributes: isJsonObject(event.attributes)
        ? Object.fromEntries(Object.entries(event.attributes).map(([k, v]) => [k, toJsonValue(v)]))
        : {},
    };
  });
  return buildSpan(o, attributes, events);
}

/** The spans of a `traces.json` document (`{"spans": [...]}`), read without rounding their times. */
export function parseTraceDataJson(text: string): Span[] {
  const doc = parseLosslessJson(text);
  const spans = isJsonObject(doc) ? doc.spans : undefined;
  if (spans === undefined || spans === null) {
    return [];
  }
  if (!Array.isArray(spans)) {
    throw new StoreError('invalid-response', 'The trace data has no "spans" list.');
  }
  return spans.map((s: LosslessJson) => parseMlflowSpan(s));
}
