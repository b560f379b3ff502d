import { sortAssessments, type Assessment } from '../entities/assessment';
import {
  TRACE_KEYS,
  type LinkedPrompt,
  type TokenUsage,
  type TraceCost,
  type TraceInfo,
  type TraceState,
} from '../entities/traceInfo';

/** The stored fields of a trace, before the well-known metadata and tags are read out. */
export interface TraceInfoFields {
  readonly traceId: string;
  readonly experimentId: string;
  readonly requestTimeMs: number;
  readonly executionDurationMs: number | undefined;
  readonly state: string;
  readonly requestPreview: string | undefined;
  readonly responsePreview: string | undefined;
  readonly clientRequestId: string | undefined;
  readonly metadata: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly assessments: readonly Assessment[];
}

const STATES: Readonly<Record<string, TraceState>> = {
  OK: 'OK',
  ERROR: 'ERROR',
  IN_PROGRESS: 'IN_PROGRESS',
  // v2 names
  TRACE_STATUS_UNSPECIFIED: 'STATE_UNSPECIFIED',
  STATE_UNSPECIFIED: 'STATE_UNSPECIFIED',
};

/**
 * One {@link TraceInfo} from what any store holds, so that REST, sqlite and the file store agree:
 * the lifted fields come from the same keys by the same rules. Malformed JSON in a well-known
 * key (a hand-edited store) leaves that field undefined rather than failing the whole trace.
 */
export function buildTraceInfo(f: TraceInfoFields): TraceInfo {
  const meta = f.metadata;
  return {
    traceId: f.traceId,
    experimentId: f.experimentId,
    requestTimeMs: f.requestTimeMs,
    executionDurationMs: f.executionDurationMs,
    state: STATES[f.state] ?? 'STATE_UNSPECIFIED',
    name: f.tags[TRACE_KEYS.name],
    requestPreview: f.requestPreview === '' ? undefined : f.requestPreview,
    responsePreview: f.responsePreview === '' ? undefined : f.responsePreview,
    clientRequestId: f.clientRequestId === '' ? undefined : f.clientRequestId,
    metadata: meta,
    tags: f.tags,
    tokenUsage: tokenUsage(meta[TRACE_KEYS.tokenUsage]),
    cost: cost(meta[TRACE_KEYS.cost]),
    sessionId: meta[TRACE_KEYS.session],
    userId: meta[TRACE_KEYS.user],
    sourceRunId: meta[TRACE_KEYS.sourceRun],
    modelId: meta[TRACE_KEYS.modelId],
    linkedPrompts: linkedPrompts(f.tags[TRACE_KEYS.linkedPrompts]),
    assessments: sortAssessments(f.assessments),
  };
}

function jsonObject(text: string | undefined): Readonly<Record<string, unknown>> | undefined {
  if (text === undefined) {
    return undefined;
  }
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function num(obj: Readonly<Record<string, unknown>>, key: string): number | undefined {
  const v = obj[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function tokenUsage(text: string | undefined): TokenUsage | undefined {
  const o = jsonObject(text);
  return o === undefined
    ? undefined
    : {
        inputTokens: num(o, 'input_tokens'),
        outputTokens: num(o, 'output_tokens'),
        totalTokens: num(o, 'total_tokens'),
        cacheReadInputTokens: num(o, 'cache_read_input_tokens'),
      };
}

function cost(text: string | undefined): TraceCost | undefined {
  const o = jsonObject(text);
  return o === undefined
    ? undefined
    : { inputCost: num(o, 'input_cost'), outputCost: num(o, 'output_cost'), totalCost: num(o, 'total_cost') };
}

function linkedPrompts(text: string | undefined): LinkedPrompt[] {
  if (text === undefined) {
    return [];
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(v)) {
    return [];
  }
  return v.flatMap((p: unknown) => {
    if (typeof p !== 'object' || p === null) {
      return [];
    }
    const { name, version } = p as { name?: unknown; version?: unknown };
    return typeof name === 'string' && (typeof version === 'string' || typeof version === 'number')
      ? [{ name, version: String(version) }]
      : [];
  });
}
