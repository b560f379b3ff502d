import { StoreError } from '../../common/storeError';
import type { JsonValue } from '../parse/losslessJson';
import type { AssessmentUpdate, NewAssessment } from './assessmentWriter';
import { pythonJsonDumps } from './pythonJson';

/*
 * Request bodies of MLflow 3's assessment routes, in the shape MLflow 3.11's Python client sends
 * (`message_to_json` of `CreateAssessment` / `UpdateAssessment`, service.proto): proto field
 * names, timestamps as ISO strings with milliseconds, a field mask as one comma-joined string.
 */

const SPAN_ID = /^[0-9a-f]{16}$/;

function invalid(message: string): StoreError {
  return new StoreError('api', message, { errorCode: 'INVALID_PARAMETER_VALUE' });
}

/** A scalar, or a list or dict of values: what MLflow's `FeedbackValueType` allows (not null). */
function checkFeedbackValue(v: JsonValue): void {
  if (v === null) {
    throw invalid('A feedback needs a value.');
  }
}

/**
 * An expectation's value: scalars as `value`, lists and dicts as `serialized_value` JSON text
 * (MLflow's `ExpectationValue._need_serialization`).
 */
export function expectationBody(v: JsonValue): Record<string, unknown> {
  if (v === null) {
    throw invalid('An expectation needs a value.');
  }
  return typeof v === 'object'
    ? { serialized_value: { serialization_format: 'JSON_FORMAT', value: pythonJsonDumps(v) } }
    : { value: v };
}

/** `{assessment: …}` for `POST /api/3.0/mlflow/traces/{trace_id}/assessments`. */
export function createAssessmentBody(
  a: NewAssessment,
  nowMs: number,
  overrides?: string,
): { assessment: Record<string, unknown> } {
  if (a.name.trim() === '') {
    throw invalid('An assessment needs a name.');
  }
  if (a.spanId !== undefined && !SPAN_ID.test(a.spanId)) {
    throw invalid(`Invalid span id ${JSON.stringify(a.spanId)}.`);
  }
  const time = new Date(nowMs).toISOString();
  const assessment: Record<string, unknown> = {
    assessment_name: a.name,
    trace_id: a.traceId,
    ...(a.spanId === undefined ? {} : { span_id: a.spanId }),
    source: { source_type: a.source.sourceType, source_id: a.source.sourceId },
    create_time: time,
    last_update_time: time,
  };
  if (a.kind === 'feedback') {
    checkFeedbackValue(a.value);
    assessment.feedback = { value: a.value };
    if (a.rationale !== undefined && a.rationale !== '') {
      assessment.rationale = a.rationale;
    }
    if (overrides !== undefined) {
      assessment.overrides = overrides;
    }
    // A Feedback is created valid; an Expectation carries no `valid` at all.
    assessment.valid = true;
  } else {
    assessment.expectation = expectationBody(a.value);
  }
  return { assessment };
}

/** `{assessment, update_mask}` for `PATCH /api/3.0/mlflow/traces/{trace_id}/assessments/{id}`. */
export function updateAssessmentBody(
  traceId: string,
  assessmentId: string,
  u: AssessmentUpdate,
): { assessment: Record<string, unknown>; update_mask: string } {
  const assessment: Record<string, unknown> = { assessment_id: assessmentId, trace_id: traceId };
  const mask: string[] = [];
  if (u.value !== undefined) {
    if (u.kind === 'feedback') {
      checkFeedbackValue(u.value);
      assessment.feedback = { value: u.value };
    } else {
      assessment.expectation = expectationBody(u.value);
    }
    mask.push(u.kind);
  }
  if (u.rationale !== undefined) {
    assessment.rationale = u.rationale;
    mask.push('rationale');
  }
  if (mask.length === 0) {
    throw invalid('Nothing to update.');
  }
  return { assessment, update_mask: mask.join(',') };
}
