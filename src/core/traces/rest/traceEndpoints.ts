import type { Endpoint } from '../../tracking/rest/endpoints';

const read = (method: Endpoint['method'], path: string): Endpoint => ({ method, path, idempotent: true });
const write = (method: Endpoint['method'], path: string): Endpoint => ({ method, path, idempotent: false });

/**
 * The trace routes, from MLflow 3.11's `service.proto` and its Flask rules (rest/ENDPOINTS.txt of
 * the recording). The v2 ones are what 2.14–2.x servers have; `get-trace-artifact` exists only
 * under `/ajax-api/` and answers MLflow span JSON as a file download. All but the assessment
 * writes are reads.
 */
export const TRACE_ENDPOINTS = {
  searchV3: read('POST', '/api/3.0/mlflow/traces/search'),
  /** Followed by `/<trace id>`. */
  getInfoV3: read('GET', '/api/3.0/mlflow/traces'),
  /** `?trace_id=`: info and spans in OTLP JSON (tracking-store spans only; 501 on a file store). */
  getTraceV3: read('GET', '/api/3.0/mlflow/traces/get'),
  /** `?trace_ids=a&trace_ids=b`. */
  batchGetV3: read('GET', '/api/3.0/mlflow/traces/batchGet'),
  batchGetInfosV3: read('POST', '/api/3.0/mlflow/traces/batchGetInfos'),
  traceArtifactV3: read('GET', '/ajax-api/3.0/mlflow/get-trace-artifact'),
  searchV2: read('GET', '/api/2.0/mlflow/traces'),
  /** Followed by `/<request id>/info`. */
  getInfoV2: read('GET', '/api/2.0/mlflow/traces'),
  traceArtifactV2: read('GET', '/ajax-api/2.0/mlflow/get-trace-artifact'),
  /** Followed by `/<trace id>/assessments/<assessment id>` (MLflow 3.0+). */
  getAssessment: read('GET', '/api/3.0/mlflow/traces'),
  /** Followed by `/<trace id>/assessments`: `CreateAssessment`. */
  createAssessment: write('POST', '/api/3.0/mlflow/traces'),
  /** Followed by `/<trace id>/assessments/<assessment id>`: `UpdateAssessment` (PATCH). */
  updateAssessment: write('PATCH', '/api/3.0/mlflow/traces'),
} as const satisfies Record<string, Endpoint>;
