import type { Page, PageRequest } from '../common/paging';
import type { Trace } from './entities/trace';
import type { TraceInfo } from './entities/traceInfo';
import type { AssessmentWriter } from './write/assessmentWriter';

/** Arguments of {@link TraceStore.searchTraces}. */
export interface SearchTracesRequest extends PageRequest {
  readonly experimentId: string;
  /**
   * MLflow's trace filter grammar. Local stores understand `trace.status`, `trace.name`,
   * `trace.timestamp_ms`, `trace.execution_time_ms`, `trace.run_id`, `tags.<key>` and
   * `metadata.<key>` joined by AND, and refuse the rest with INVALID_PARAMETER_VALUE.
   */
  readonly filter?: string;
  /** `timestamp_ms DESC` (newest first) when absent. */
  readonly orderBy?: readonly string[];
  /** At most 500, as the server allows; default 100. */
  readonly maxResults?: number;
}

/** Options of single reads. */
export interface TraceReadOptions {
  readonly signal?: AbortSignal;
}

/**
 * The typed answer of a server that has no trace API at all (MLflow before 2.14, Azure ML): not
 * an error, since the connection works and simply has nothing of this kind to show.
 */
export interface NoTraces {
  readonly noTraces: true;
  readonly reason: string;
}

/** True for {@link NoTraces}. */
export function isNoTraces(value: Page<TraceInfo> | NoTraces): value is NoTraces {
  return 'noTraces' in value;
}

/** The largest page MLflow's trace search accepts. */
export const MAX_TRACES_PAGE = 500;

/**
 * Access to MLflow traces (GenAI observability: a request's tree of spans, with assessments),
 * over REST, sqlite and the file store, giving identical entities for the same data.
 */
export interface TraceStore {
  readonly kind: 'rest' | 'sqlite' | 'file';
  /** One page of an experiment's traces, newest first unless `orderBy` says otherwise. */
  searchTraces(request: SearchTracesRequest): Promise<Page<TraceInfo> | NoTraces>;
  /** One trace without its spans; RESOURCE_DOES_NOT_EXIST when there is none. */
  getTraceInfo(traceId: string, options?: TraceReadOptions): Promise<TraceInfo>;
  /** One trace with every span. */
  getTrace(traceId: string, options?: TraceReadOptions): Promise<Trace>;
  /** Several traces' infos in the order asked; unknown ids are left out, as the server does. */
  batchGetTraceInfos(traceIds: readonly string[], options?: TraceReadOptions): Promise<TraceInfo[]>;
  /** Several full traces in the order asked; unknown ids are left out. */
  batchGetTraces(traceIds: readonly string[], options?: TraceReadOptions): Promise<Trace[]>;
  /**
   * Assessment writes, on a tracking server only: local stores leave this out (read-only, as
   * everywhere here; see `assessmentWriterOf`).
   */
  readonly assessments?: AssessmentWriter;
  dispose(): void;
}
