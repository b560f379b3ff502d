import { StoreError } from '../../common/storeError';
import type { Assessment } from '../entities/assessment';
import type { JsonValue } from '../parse/losslessJson';
import type { TraceStore } from '../traceStore';

/** Who writes: MLflow's `AssessmentSource` (a person in the editor is HUMAN). */
export interface AssessmentSourceInput {
  readonly sourceType: 'HUMAN' | 'LLM_JUDGE' | 'CODE';
  readonly sourceId: string;
}

/** A new feedback or expectation on a trace, or on one of its spans. */
export interface NewAssessment {
  readonly traceId: string;
  /** 16 hex digits, or undefined for the whole trace. */
  readonly spanId: string | undefined;
  readonly kind: 'feedback' | 'expectation';
  readonly name: string;
  /** Feedback: a number, string, boolean, or a list or dict of them. Expectation: any JSON but null. */
  readonly value: JsonValue;
  /** Feedback only (MLflow keeps no rationale for expectations). */
  readonly rationale: string | undefined;
  readonly source: AssessmentSourceInput;
}

/** A new value for a judge's feedback, written as MLflow's `override_feedback` does. */
export interface FeedbackOverride {
  readonly value: JsonValue;
  readonly rationale: string | undefined;
  readonly source: AssessmentSourceInput;
}

/** In-place changes of one assessment (`PATCH`, with the field mask MLflow's client sends). */
export interface AssessmentUpdate {
  /** What the assessment is: MLflow sends the value as `feedback` or `expectation` accordingly. */
  readonly kind: 'feedback' | 'expectation';
  readonly value?: JsonValue;
  readonly rationale?: string;
}

/**
 * The assessment writes of a writable tracking server (MLflow 3's
 * `POST/PATCH /api/3.0/mlflow/traces/{trace_id}/assessments[/{id}]`). Only REST stores have one:
 * local stores are read-only here, as everywhere in the extension.
 */
export interface AssessmentWriter {
  /** One assessment as the server has it now (`GET …/assessments/{id}`). */
  getAssessment(
    traceId: string,
    assessmentId: string,
    options?: { readonly signal?: AbortSignal },
  ): Promise<Assessment>;
  /** Create a feedback or expectation; the server gives it its id and times. */
  createAssessment(a: NewAssessment, options?: { readonly signal?: AbortSignal }): Promise<Assessment>;
  /**
   * Replace a feedback's value the way MLflow's `override_feedback` does: read the old one, then
   * create a new feedback of the same name and span with `overrides` naming the old one, which the
   * server marks `valid: false` (kept, e.g. for judge tuning).
   */
  overrideFeedback(
    traceId: string,
    assessmentId: string,
    o: FeedbackOverride,
    options?: { readonly signal?: AbortSignal },
  ): Promise<Assessment>;
  /** Change an assessment in place (its value, the rationale of a feedback). */
  updateAssessment(
    traceId: string,
    assessmentId: string,
    u: AssessmentUpdate,
    options?: { readonly signal?: AbortSignal },
  ): Promise<Assessment>;
}

/**
 * The store's assessment writer, or a `read-only` StoreError that says why there is none (thrown
 * before anything is asked or written).
 */
export function assessmentWriterOf(store: TraceStore): AssessmentWriter {
  if (store.assessments !== undefined) {
    return store.assessments;
  }
  const where = store.kind === 'sqlite' ? 'mlflow.db' : 'mlruns folder';
  throw new StoreError(
    'read-only',
    `The local ${where} is opened read-only: assessments can be written only through an MLflow tracking server.`,
  );
}
