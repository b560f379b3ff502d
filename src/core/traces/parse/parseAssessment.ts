import { asObject, optString, reqString, type JsonObject } from '../../common/jsonFields';
import { StoreError } from '../../common/storeError';
import type { Assessment, AssessmentError } from '../entities/assessment';
import { toJsonValue, type JsonValue } from './losslessJson';
import { optSpanIdHex } from './spanId';
import { timestampMs } from './traceTimes';

/**
 * An assessment as REST answers it and the file store writes it in `assessments/<id>.yaml` (the
 * same proto-to-dict shape): `feedback{value|error}` or `expectation{value|serialized_value}`.
 */
export function parseAssessment(raw: unknown): Assessment {
  const o = asObject(raw, 'assessment');
  const source = o.source === undefined || o.source === null ? {} : asObject(o.source, 'source');
  const feedback =
    o.feedback === undefined || o.feedback === null ? undefined : asObject(o.feedback, 'feedback');
  const expectation =
    o.expectation === undefined || o.expectation === null
      ? undefined
      : asObject(o.expectation, 'expectation');
  const body = feedback ?? expectation;
  if (body === undefined) {
    throw new StoreError('invalid-response', 'An assessment has neither a feedback nor an expectation.');
  }
  return {
    assessmentId: reqString(o, 'assessment_id'),
    name: reqString(o, 'assessment_name'),
    traceId: reqString(o, 'trace_id'),
    spanId: optSpanIdHex(o.span_id),
    kind: feedback === undefined ? 'expectation' : 'feedback',
    value: assessmentValue(body),
    error: body.error === undefined || body.error === null ? undefined : assessmentError(body.error),
    rationale: optText(o, 'rationale'),
    sourceType: optString(source, 'source_type') ?? 'SOURCE_TYPE_UNSPECIFIED',
    sourceId: optText(source, 'source_id'),
    createTimeMs: timestampMs(o.create_time, 'create_time'),
    lastUpdateTimeMs: timestampMs(o.last_update_time ?? o.create_time, 'last_update_time'),
    metadata: stringMap(o.metadata),
    overrides: optText(o, 'overrides'),
    valid: o.valid !== false,
  };
}

/** A `serialized_value` holds JSON text (lists and dicts of expectations); a plain `value` is the value. */
function assessmentValue(body: JsonObject): JsonValue {
  const serialized = body.serialized_value;
  if (serialized !== undefined && serialized !== null) {
    const text = optString(asObject(serialized, 'serialized_value'), 'value');
    return text === undefined ? null : decodeJsonText(text);
  }
  return body.value === undefined ? null : toJsonValue(body.value);
}

/** JSON text stored as a value; kept as the text itself when it is not JSON. */
export function decodeJsonText(text: string): JsonValue {
  try {
    return toJsonValue(JSON.parse(text));
  } catch {
    return text;
  }
}

/** An `{error_code, error_message, stack_trace}` error, from REST, YAML or sqlite's JSON column. */
export function assessmentError(raw: unknown): AssessmentError {
  const o = asObject(raw, 'error');
  return {
    code: optText(o, 'error_code'),
    message: optText(o, 'error_message'),
    stackTrace: optText(o, 'stack_trace'),
  };
}

/** A string map (`metadata`), non-string values written as JSON. */
export function stringMap(raw: unknown): Record<string, string> {
  if (raw === undefined || raw === null) {
    return {};
  }
  const o = asObject(raw, 'metadata');
  return Object.fromEntries(
    Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(toJsonValue(v))]),
  );
}

/** An optional scalar field as text ("" and null are absent: proto3 JSON drops empty strings). */
function optText(o: JsonObject, field: string): string | undefined {
  const v = o[field];
  if (typeof v === 'number') {
    return String(v);
  }
  const s = optString(o, field);
  return s === '' ? undefined : s;
}
