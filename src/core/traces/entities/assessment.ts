import type { JsonValue } from '../parse/losslessJson';

/** Who made an assessment: MLflow's `AssessmentSource.source_type`. */
export type AssessmentSourceType = 'HUMAN' | 'LLM_JUDGE' | 'CODE' | 'SOURCE_TYPE_UNSPECIFIED';

/** A judge or scorer that failed instead of giving a value. */
export interface AssessmentError {
  readonly code: string | undefined;
  readonly message: string | undefined;
  readonly stackTrace: string | undefined;
}

/**
 * A feedback (a judgement of a trace or span: a human's thumbs-up, an LLM judge's score) or an
 * expectation (the ground truth it should have produced), as MLflow 3 stores it. The value is
 * decoded whatever the source wrote: REST's plain `value` or JSON `serialized_value`, a sqlite
 * JSON text column, a YAML mapping. An overriding assessment names the one it replaces
 * (`overrides`), which then has `valid: false`.
 */
export interface Assessment {
  readonly assessmentId: string;
  readonly name: string;
  readonly traceId: string;
  /** 16 hex digits when the assessment is about one span, else undefined (the whole trace). */
  readonly spanId: string | undefined;
  readonly kind: 'feedback' | 'expectation';
  /** null for a feedback that only carries an error. */
  readonly value: JsonValue;
  readonly error: AssessmentError | undefined;
  readonly rationale: string | undefined;
  /** An {@link AssessmentSourceType}, or whatever newer name a server sends. */
  readonly sourceType: string;
  readonly sourceId: string | undefined;
  /** Epoch milliseconds. */
  readonly createTimeMs: number;
  readonly lastUpdateTimeMs: number;
  readonly metadata: Readonly<Record<string, string>>;
  /** The id of the assessment this one replaces. */
  readonly overrides: string | undefined;
  /** False once another assessment overrides this one; MLflow leaves it unset for valid ones. */
  readonly valid: boolean;
}

/** Assessments in one stable order whatever the source's: oldest first, then by id. */
export function sortAssessments(list: readonly Assessment[]): Assessment[] {
  return [...list].sort(
    (a, b) =>
      a.createTimeMs - b.createTimeMs ||
      (a.assessmentId < b.assessmentId ? -1 : a.assessmentId > b.assessmentId ? 1 : 0),
  );
}
