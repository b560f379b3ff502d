import {
  asObject,
  optArray,
  optInt,
  optString,
  reqId,
  reqInt,
  reqString,
  type JsonObject,
} from '../../common/jsonFields';
import type { Assessment } from '../entities/assessment';
import type { TraceInfo } from '../entities/traceInfo';
import { buildTraceInfo } from './buildTraceInfo';
import { parseAssessment, stringMap } from './parseAssessment';
import { durationMs, timestampMs } from './traceTimes';

/**
 * A TraceInfoV3 as REST answers it (`request_time` ISO, `execution_duration` a Duration string) or
 * as the file store writes `trace_info.yaml` (`execution_duration_ms`; metadata, tags and
 * assessments in files beside it, passed in `extra`).
 */
export function parseTraceInfoV3(
  raw: unknown,
  extra: {
    readonly metadata?: Readonly<Record<string, string>>;
    readonly tags?: Readonly<Record<string, string>>;
    readonly assessments?: readonly Assessment[];
  } = {},
): TraceInfo {
  const o = asObject(raw, 'trace_info');
  const location = o.trace_location === undefined ? {} : asObject(o.trace_location, 'trace_location');
  const experiment =
    location.mlflow_experiment === undefined ? {} : asObject(location.mlflow_experiment, 'mlflow_experiment');
  return buildTraceInfo({
    traceId: reqString(o, 'trace_id'),
    // Databricks traces may live in a Unity Catalog schema instead of an experiment.
    experimentId: experiment.experiment_id === undefined ? '' : reqId(experiment, 'experiment_id'),
    requestTimeMs: timestampMs(o.request_time, 'request_time'),
    executionDurationMs:
      o.execution_duration_ms !== undefined
        ? optInt(o, 'execution_duration_ms')
        : durationMs(o.execution_duration, 'execution_duration'),
    state: optString(o, 'state') ?? 'STATE_UNSPECIFIED',
    requestPreview: optString(o, 'request_preview'),
    responsePreview: optString(o, 'response_preview'),
    clientRequestId: optString(o, 'client_request_id'),
    metadata: extra.metadata ?? stringMap(o.trace_metadata),
    tags: extra.tags ?? stringMap(o.tags),
    assessments: extra.assessments ?? optArray(o, 'assessments', parseAssessment),
  });
}

/** A v2 TraceInfo (MLflow 2.14–2.x routes, and 3.x's `/api/2.0/` ones): no previews, no assessments. */
export function parseTraceInfoV2(raw: unknown): TraceInfo {
  const o = asObject(raw, 'trace_info');
  return buildTraceInfo({
    traceId: reqString(o, 'request_id'),
    experimentId: reqId(o, 'experiment_id'),
    requestTimeMs: reqInt(o, 'timestamp_ms'),
    executionDurationMs: optInt(o, 'execution_time_ms'),
    state: optString(o, 'status') ?? 'STATE_UNSPECIFIED',
    requestPreview: undefined,
    responsePreview: undefined,
    clientRequestId: optString(o, 'client_request_id'),
    metadata: keyValueList(o, 'request_metadata'),
    tags: keyValueList(o, 'tags'),
    assessments: [],
  });
}

/** v2's `[{key, value}]` lists as a map. */
function keyValueList(o: JsonObject, field: string): Record<string, string> {
  return Object.fromEntries(
    optArray(o, field, (item) => {
      const kv = asObject(item, field);
      return [reqString(kv, 'key'), optString(kv, 'value') ?? ''] as const;
    }),
  );
}
