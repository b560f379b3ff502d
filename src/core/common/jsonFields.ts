import { StoreError } from './storeError';

/** A parsed JSON object whose fields have not been checked yet. */
export type JsonObject = Readonly<Record<string, unknown>>;

function bad(what: string, field: string, got: unknown): StoreError {
  return new StoreError('invalid-response', `Unexpected ${what} for "${field}": ${describe(got)}.`);
}

function describe(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/** The value as an object, or an `invalid-response` error naming `field`. */
export function asObject(value: unknown, field: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw bad('value', field, value);
  }
  return value as JsonObject;
}

/** A required string field. */
export function reqString(obj: JsonObject, field: string): string {
  const v = obj[field];
  if (typeof v !== 'string') {
    throw bad('value', field, v);
  }
  return v;
}

/** An optional string field (absent or null → undefined). */
export function optString(obj: JsonObject, field: string): string | undefined {
  const v = obj[field];
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v !== 'string') {
    throw bad('value', field, v);
  }
  return v;
}

/**
 * An id field. MLflow ids are strings on the wire, but a few older or third-party servers send
 * integers (model version numbers, experiment ids); accept those and normalise to the string form.
 */
export function reqId(obj: JsonObject, field: string): string {
  const v = obj[field];
  if (typeof v === 'string') {
    return v;
  }
  if (typeof v === 'number' && Number.isSafeInteger(v)) {
    return String(v);
  }
  throw bad('id', field, v);
}

/** An optional integer-like number field (timestamps, steps, sizes). Protobuf int64 may come as a string. */
export function optInt(obj: JsonObject, field: string): number | undefined {
  const v = obj[field];
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v === 'number' && Number.isFinite(v)) {
    return v;
  }
  if (typeof v === 'string' && /^-?\d+$/.test(v)) {
    return Number(v);
  }
  throw bad('number', field, v);
}

/** A required integer-like number field. */
export function reqInt(obj: JsonObject, field: string): number {
  const v = optInt(obj, field);
  if (v === undefined) {
    throw bad('number', field, v);
  }
  return v;
}

/**
 * A metric value as MLflow's JSON writes it: a number, or the strings `"NaN"`, `"Infinity"`,
 * `"-Infinity"` (protobuf's JSON mapping for non-finite doubles).
 */
export function reqDouble(obj: JsonObject, field: string): number {
  const v = obj[field];
  if (typeof v === 'number') {
    return v;
  }
  switch (v) {
    case 'NaN':
      return Number.NaN;
    case 'Infinity':
      return Number.POSITIVE_INFINITY;
    case '-Infinity':
      return Number.NEGATIVE_INFINITY;
    default:
      throw bad('number', field, v);
  }
}

/** An optional boolean field. */
export function optBool(obj: JsonObject, field: string): boolean | undefined {
  const v = obj[field];
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v !== 'boolean') {
    throw bad('value', field, v);
  }
  return v;
}

/** An optional array field, each element mapped by `parse`; MLflow omits empty arrays. */
export function optArray<T>(obj: JsonObject, field: string, parse: (item: unknown) => T): T[] {
  const v = obj[field];
  if (v === undefined || v === null) {
    return [];
  }
  if (!Array.isArray(v)) {
    throw bad('value', field, v);
  }
  return v.map(parse);
}
