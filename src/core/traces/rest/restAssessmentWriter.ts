import { StoreError } from '../../common/storeError';
import type { RestClient } from '../../tracking/rest/restClient';
import type { Assessment } from '../entities/assessment';
import { parseAssessment } from '../parse/parseAssessment';
import { createAssessmentBody, updateAssessmentBody } from '../write/assessmentBodies';
import type {
  AssessmentUpdate,
  AssessmentWriter,
  FeedbackOverride,
  NewAssessment,
} from '../write/assessmentWriter';
import type { TraceApi } from './restTraceStore';
import { TRACE_ENDPOINTS as E } from './traceEndpoints';

type Options = { readonly signal?: AbortSignal } | undefined;

/** An id that goes into a URL path: anything but a plain id could change what is asked. */
function pathId(id: string, what: string): string {
  if (!/^[\w-]{1,100}$/.test(id)) {
    throw new StoreError('api', `Invalid ${what} ${JSON.stringify(id)}.`, {
      errorCode: 'INVALID_PARAMETER_VALUE',
    });
  }
  return id;
}

/**
 * {@link AssessmentWriter} over MLflow 3's REST routes, with the bodies MLflow 3.11's client sends
 * (see assessmentBodies.ts). A server that answered with the 2.x trace API has no assessments and
 * is refused before anything is sent.
 */
export class RestAssessmentWriter implements AssessmentWriter {
  constructor(
    private readonly client: RestClient,
    private readonly api: () => TraceApi | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  async createAssessment(a: NewAssessment, o?: Options): Promise<Assessment> {
    return this.create(a, undefined, o);
  }

  async overrideFeedback(
    traceId: string,
    assessmentId: string,
    change: FeedbackOverride,
    o?: Options,
  ): Promise<Assessment> {
    const old = await this.getAssessment(traceId, assessmentId, o);
    if (old.kind !== 'feedback') {
      throw new StoreError('api', `The assessment with ID ${assessmentId} is not a feedback assessment.`, {
        errorCode: 'INVALID_PARAMETER_VALUE',
      });
    }
    return this.create(
      {
        traceId,
        spanId: old.spanId,
        kind: 'feedback',
        name: old.name,
        value: change.value,
        rationale: change.rationale,
        source: change.source,
      },
      old.assessmentId,
      o,
    );
  }

  async updateAssessment(
    traceId: string,
    assessmentId: string,
    u: AssessmentUpdate,
    o?: Options,
  ): Promise<Assessment> {
    this.checkApi();
    const body = updateAssessmentBody(pathId(traceId, 'trace id'), pathId(assessmentId, 'assessment id'), u);
    const json = await this.client.call(
      { ...E.updateAssessment, path: `${E.updateAssessment.path}/${traceId}/assessments/${assessmentId}` },
      { body, signal: o?.signal },
    );
    return parseAssessment(json.assessment);
  }

  async getAssessment(traceId: string, assessmentId: string, o?: Options): Promise<Assessment> {
    this.checkApi();
    const json = await this.client.call(
      {
        ...E.getAssessment,
        path: `${E.getAssessment.path}/${pathId(traceId, 'trace id')}/assessments/${pathId(assessmentId, 'assessment id')}`,
      },
      { signal: o?.signal },
    );
    return parseAssessment(json.assessment);
  }

  private async create(a: NewAssessment, overrides: string | undefined, o: Options): Promise<Assessment> {
    this.checkApi();
    const body = createAssessmentBody(
      { ...a, traceId: pathId(a.traceId, 'trace id') },
      this.now(),
      overrides,
    );
    const json = await this.client.call(
      { ...E.createAssessment, path: `${E.createAssessment.path}/${a.traceId}/assessments` },
      { body, signal: o?.signal },
    );
    return parseAssessment(json.assessment);
  }

  private checkApi(): void {
    if (this.api() === 'v2') {
      throw new StoreError(
        'unsupported',
        'This tracking server has the MLflow 2 trace API, which has no assessments (MLflow 3.0 added them).',
      );
    }
  }
}
