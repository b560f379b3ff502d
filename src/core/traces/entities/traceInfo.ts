import type { Assessment } from './assessment';

/** A trace's state: MLflow 3's `TraceState` (v2's `TraceStatus` maps onto it). */
export type TraceState = 'OK' | 'ERROR' | 'IN_PROGRESS' | 'STATE_UNSPECIFIED';

/** Token counts MLflow sums over a trace's LLM calls (`mlflow.trace.tokenUsage`). */
export interface TokenUsage {
  readonly inputTokens: number | undefined;
  readonly outputTokens: number | undefined;
  readonly totalTokens: number | undefined;
  readonly cacheReadInputTokens: number | undefined;
}

/** What a trace's LLM calls cost in USD, as the server prices known models (`mlflow.trace.cost`). */
export interface TraceCost {
  readonly inputCost: number | undefined;
  readonly outputCost: number | undefined;
  readonly totalCost: number | undefined;
}

/** A prompt version a trace used (`mlflow.linkedPrompts`). */
export interface LinkedPrompt {
  readonly name: string;
  readonly version: string;
}

/**
 * What MLflow knows about a trace without its spans, the same from every store: REST v3
 * (TraceInfoV3) or v2 (`request_id`, `timestamp_ms`), sqlite's `trace_info` rows, the file store's
 * `trace_info.yaml`. The well-known fields MLflow keeps in metadata and tags are lifted out;
 * `metadata` and `tags` still hold everything as written.
 */
export interface TraceInfo {
  /** `tr-` + 32 hex digits. */
  readonly traceId: string;
  readonly experimentId: string;
  /** Epoch milliseconds. */
  readonly requestTimeMs: number;
  readonly executionDurationMs: number | undefined;
  readonly state: TraceState;
  /** The root span's name (tag `mlflow.traceName`). */
  readonly name: string | undefined;
  /** The first 1000 characters of the request and response (absent on v2 answers and failed traces). */
  readonly requestPreview: string | undefined;
  readonly responsePreview: string | undefined;
  readonly clientRequestId: string | undefined;
  /** Immutable string metadata written with the trace (`trace_metadata` / v2 `request_metadata`). */
  readonly metadata: Readonly<Record<string, string>>;
  /** Mutable tags. */
  readonly tags: Readonly<Record<string, string>>;
  readonly tokenUsage: TokenUsage | undefined;
  readonly cost: TraceCost | undefined;
  readonly sessionId: string | undefined;
  readonly userId: string | undefined;
  /** The run the trace was made in (`mlflow.sourceRun`). */
  readonly sourceRunId: string | undefined;
  /** The MLflow 3 logged model it belongs to (`mlflow.modelId`). */
  readonly modelId: string | undefined;
  readonly linkedPrompts: readonly LinkedPrompt[];
  /** Oldest first. Empty when the source does not carry them (v2 answers). */
  readonly assessments: readonly Assessment[];
}

/** Metadata and tag keys MLflow gives a meaning to. */
export const TRACE_KEYS = {
  name: 'mlflow.traceName',
  tokenUsage: 'mlflow.trace.tokenUsage',
  cost: 'mlflow.trace.cost',
  session: 'mlflow.trace.session',
  user: 'mlflow.trace.user',
  sourceRun: 'mlflow.sourceRun',
  modelId: 'mlflow.modelId',
  linkedPrompts: 'mlflow.linkedPrompts',
  spansLocation: 'mlflow.trace.spansLocation',
  artifactLocation: 'mlflow.artifactLocation',
} as const;

/** `tr-` + 32 hex digits, the form MLflow 3 gives every trace id. */
export const TRACE_ID = /^tr-[0-9a-f]{32}$/;
