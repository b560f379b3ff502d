// TEST DOUBLE support — not MLflow. Our trace entities written back as MLflow 3.11's REST JSON
// (TraceInfoV3, Assessment protos as the server's `message_to_json` gives them), so the test server
// can answer trace reads from a store. test/unit/support/traceRoutes.test.ts holds it to recordings.
import type { Assessment } from '../../../src/core/traces/entities/assessment';
import type { TraceInfo } from '../../../src/core/traces/entities/traceInfo';
import { pythonJsonDumps } from '../../../src/core/traces/write/pythonJson';

const iso = (ms: number): string => new Date(ms).toISOString();

/** A protobuf Duration in JSON: whole seconds bare, else 3 fraction digits (`"1.230s"`). */
const durationText = (ms: number): string =>
  ms % 1000 === 0 ? `${String(ms / 1000)}s` : `${(ms / 1000).toFixed(3)}s`;

/** An Assessment as REST answers it: lists and dicts of expectations as `serialized_value`. */
export function assessmentJson(a: Assessment): Record<string, unknown> {
  const value =
    a.kind === 'expectation'
      ? a.value !== null && typeof a.value === 'object'
        ? { serialized_value: { serialization_format: 'JSON_FORMAT', value: pythonJsonDumps(a.value) } }
        : { value: a.value }
      : {
          // An error-only feedback still says `value: null`.
          value: a.value,
          ...(a.error === undefined
            ? {}
            : {
                error: {
                  ...(a.error.code === undefined ? {} : { error_code: a.error.code }),
                  ...(a.error.message === undefined ? {} : { error_message: a.error.message }),
                  ...(a.error.stackTrace === undefined ? {} : { stack_trace: a.error.stackTrace }),
                },
              }),
        };
  return {
    assessment_id: a.assessmentId,
    assessment_name: a.name,
    trace_id: a.traceId,
    ...(a.spanId === undefined ? {} : { span_id: a.spanId }),
    source: { source_type: a.sourceType, ...(a.sourceId === undefined ? {} : { source_id: a.sourceId }) },
    create_time: iso(a.createTimeMs),
    last_update_time: iso(a.lastUpdateTimeMs),
    [a.kind]: value,
    ...(a.rationale === undefined ? {} : { rationale: a.rationale }),
    ...(Object.keys(a.metadata).length === 0 ? {} : { metadata: a.metadata }),
    ...(a.overrides === undefined ? {} : { overrides: a.overrides }),
    valid: a.valid,
  };
}

/** A TraceInfoV3 (`request_time` ISO, `execution_duration` a Duration string), assessments included. */
export function traceInfoV3Json(info: TraceInfo): Record<string, unknown> {
  return {
    trace_id: info.traceId,
    ...(info.clientRequestId === undefined ? {} : { client_request_id: info.clientRequestId }),
    trace_location: { type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: info.experimentId } },
    ...(info.requestPreview === undefined ? {} : { request_preview: info.requestPreview }),
    ...(info.responsePreview === undefined ? {} : { response_preview: info.responsePreview }),
    request_time: iso(info.requestTimeMs),
    ...(info.executionDurationMs === undefined
      ? {}
      : { execution_duration: durationText(info.executionDurationMs) }),
    state: info.state,
    trace_metadata: info.metadata,
    ...(info.assessments.length === 0 ? {} : { assessments: info.assessments.map(assessmentJson) }),
    tags: info.tags,
  };
}
