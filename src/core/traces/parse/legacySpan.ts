import { isJsonObject } from './losslessJson';
import type { LosslessObject } from './spanFields';

/** `0x` + 16 hex (MLflow 2.x span ids) as the 16 hex digits the other formats reduce to. */
function stripHexPrefix(value: LosslessObject[string] | undefined): LosslessObject[string] | undefined {
  return typeof value === 'string' ? value.replace(/^0x/i, '') : value;
}

/**
 * MLflow 2.14–2.x wrote span JSON of trace schema 2: ids under `context` as `0x…` hex, the parent
 * as `parent_id`, times as `start_time`/`end_time` nanoseconds and the status as `status_code` /
 * `status_message` (seen on a real 2.17.2 server's `get-trace-artifact`). This renames those
 * fields to the schema-3 names the span reader knows; a schema-3 span is returned as it is.
 */
export function fromSchema2Span(o: LosslessObject): LosslessObject {
  if (o.span_id !== undefined || !isJsonObject(o.context)) {
    return o;
  }
  return {
    ...o,
    span_id: stripHexPrefix(o.context.span_id) ?? null,
    trace_id: stripHexPrefix(o.context.trace_id) ?? null,
    parent_span_id: stripHexPrefix(o.parent_id) ?? null,
    start_time_unix_nano: o.start_time ?? null,
    end_time_unix_nano: o.end_time ?? null,
    status: { code: o.status_code ?? null, message: o.status_message ?? '' },
  };
}
