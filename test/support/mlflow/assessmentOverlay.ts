// TEST DOUBLE support — not MLflow. Assessment writes (MLflow 3's CreateAssessment and
// UpdateAssessment) kept in memory on top of a read-only trace store, applied as MLflow 3.11's SQL
// store applies them: a created assessment keeps the times it was sent with and gets an `a-` id;
// one with `overrides` marks the old one `valid: false`; an update merges the masked fields and
// sets `last_update_time`. test/unit/support/traceRoutes.test.ts replays the real server's answers.
import { randomUUID } from 'node:crypto';
import { StoreError } from '../../../src/core/common/storeError';
import { sortAssessments, type Assessment } from '../../../src/core/traces/entities/assessment';
import type { TraceInfo } from '../../../src/core/traces/entities/traceInfo';
import { parseAssessment } from '../../../src/core/traces/parse/parseAssessment';

/** The assessment writes the test server accepts, and their effect on what it reads. */
export interface AssessmentOverlay {
  /** The trace's info with the written assessments applied. */
  apply(info: TraceInfo): TraceInfo;
  /** `assessment` of a CreateAssessment body, for a trace known to exist. */
  create(info: TraceInfo, assessment: unknown): Assessment;
  /** An UpdateAssessment: `assessment` and its `update_mask` paths. */
  update(info: TraceInfo, assessmentId: string, assessment: unknown, paths: readonly string[]): Assessment;
}

const invalid = (message: string): StoreError =>
  new StoreError('api', message, { errorCode: 'INVALID_PARAMETER_VALUE', status: 400 });

function record(v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw invalid("Missing value for required parameter 'assessment'.");
  }
  return v as Record<string, unknown>;
}

export function assessmentOverlay(now: () => number = Date.now): AssessmentOverlay {
  const created = new Map<string, Assessment[]>();
  const changed = new Map<string, Assessment>();
  const overridden = new Set<string>();
  const current = (a: Assessment): Assessment => {
    const c = changed.get(a.assessmentId) ?? a;
    return overridden.has(c.assessmentId) ? { ...c, valid: false } : c;
  };
  const all = (info: TraceInfo): Assessment[] =>
    sortAssessments([...info.assessments, ...(created.get(info.traceId) ?? [])].map(current));
  const find = (info: TraceInfo, id: string): Assessment => {
    const found = all(info).find((a) => a.assessmentId === id);
    if (found === undefined) {
      throw new StoreError('api', `Assessment with ID '${id}' not found for trace '${info.traceId}'`, {
        errorCode: 'RESOURCE_DOES_NOT_EXIST',
        status: 404,
      });
    }
    return found;
  };
  return {
    apply: (info) => ({ ...info, assessments: all(info) }),
    create: (info, raw) => {
      const body = record(raw);
      if (typeof body.assessment_name !== 'string' || body.assessment_name === '') {
        throw invalid('Assessment name must be specified.');
      }
      const a = parseAssessment({
        ...body,
        assessment_id: `a-${randomUUID().replace(/-/g, '')}`,
        trace_id: info.traceId,
        valid: true,
      });
      if (a.kind === 'feedback' && a.value === null && a.error === undefined) {
        throw invalid('Either `value` or `error` must be provided.');
      }
      if (a.overrides !== undefined) {
        // MLflow's own message leaves `{trace_id}` unformatted.
        if (!all(info).some((x) => x.assessmentId === a.overrides)) {
          throw new StoreError(
            'api',
            `Assessment with ID '${a.overrides}' not found for trace '{trace_id}'`,
            {
              errorCode: 'RESOURCE_DOES_NOT_EXIST',
              status: 404,
            },
          );
        }
        overridden.add(a.overrides);
      }
      created.set(info.traceId, [...(created.get(info.traceId) ?? []), a]);
      return a;
    },
    update: (info, id, raw, paths) => {
      const old = find(info, id);
      const body = record(raw);
      const next =
        paths.includes('feedback') || paths.includes('expectation') ? parseValue(old, body, paths) : old;
      const updated: Assessment = {
        ...next,
        name:
          paths.includes('assessment_name') && typeof body.assessment_name === 'string'
            ? body.assessment_name
            : old.name,
        rationale:
          paths.includes('rationale') && typeof body.rationale === 'string' ? body.rationale : old.rationale,
        lastUpdateTimeMs: now(),
      };
      changed.set(id, updated);
      return current(updated);
    },
  };
}

/** The new value of an update, refused across kinds as MLflow refuses it. */
function parseValue(old: Assessment, body: Record<string, unknown>, paths: readonly string[]): Assessment {
  const kind = paths.includes('feedback') ? 'feedback' : 'expectation';
  if (kind !== old.kind) {
    throw invalid(
      kind === 'feedback'
        ? 'Cannot update feedback value on an Expectation assessment.'
        : 'Cannot update expectation value on a Feedback assessment.',
    );
  }
  const parsed = parseAssessment({
    assessment_id: old.assessmentId,
    assessment_name: old.name,
    trace_id: old.traceId,
    create_time: new Date(old.createTimeMs).toISOString(),
    [kind]: body[kind],
  });
  return { ...old, value: parsed.value, error: parsed.error };
}
