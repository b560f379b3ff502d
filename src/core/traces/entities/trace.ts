import type { Span } from './span';
import type { TraceInfo } from './traceInfo';

/** A trace with its spans, in start order. */
export interface Trace {
  readonly info: TraceInfo;
  readonly spans: readonly Span[];
}
