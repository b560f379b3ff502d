import type { Span } from '../traces/entities/span';
import type { SpanRow } from './traceView';

const NS_PER_MS = 1_000_000n;

/** Nanoseconds to milliseconds with microsecond precision, exact until the division. */
export function nsToMs(ns: bigint): number {
  return Number(ns / 1000n) / 1000;
}

/** The trace's extent: the earliest start and latest end (or start, for open spans) of its spans. */
function extent(spans: readonly Span[]): { start: bigint; end: bigint } {
  let start: bigint | undefined;
  let end: bigint | undefined;
  for (const s of spans) {
    const last = s.endTimeNs ?? s.startTimeNs;
    start = start === undefined || s.startTimeNs < start ? s.startTimeNs : start;
    end = end === undefined || last > end ? last : end;
  }
  return { start: start ?? 0n, end: end ?? 0n };
}

/** A fraction of the trace's extent, computed in bigint then made a plain number. */
function fraction(ns: bigint, total: bigint): number {
  if (total <= 0n) {
    return 0;
  }
  // Parts per million keep the division in bigint; the bar needs no finer grain.
  const ppm = (ns * 1_000_000n) / total;
  return Math.min(1, Math.max(0, Number(ppm) / 1_000_000));
}

/**
 * The spans as tree rows: each parent before its children, siblings by start time (the spans come
 * sorted), with depth and a timeline bar relative to the whole trace. A span whose parent is not
 * in the trace is shown as a root rather than lost.
 */
export function spanRows(spans: readonly Span[]): SpanRow[] {
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string | undefined, Span[]>();
  for (const s of spans) {
    const parent = s.parentSpanId !== undefined && ids.has(s.parentSpanId) ? s.parentSpanId : undefined;
    const list = children.get(parent) ?? [];
    list.push(s);
    children.set(parent, list);
  }
  const { start, end } = extent(spans);
  const total = end - start;
  const rows: SpanRow[] = [];
  const seen = new Set<string>();
  // Iterative depth-first walk: a 3-level trace or a hostile 10,000-level one alike.
  const stack: Array<{ span: Span; depth: number }> = [...(children.get(undefined) ?? [])]
    .reverse()
    .map((span) => ({ span, depth: 0 }));
  while (stack.length > 0) {
    const next = stack.pop();
    if (next === undefined || seen.has(next.span.spanId)) {
      continue;
    }
    const { span, depth } = next;
    seen.add(span.spanId);
    const kids = children.get(span.spanId) ?? [];
    rows.push(rowOf(span, depth, kids.length, start, total));
    for (let i = kids.length - 1; i >= 0; i--) {
      const kid = kids[i];
      if (kid !== undefined) {
        stack.push({ span: kid, depth: depth + 1 });
      }
    }
  }
  return rows;
}

function rowOf(span: Span, depth: number, childCount: number, start: bigint, total: bigint): SpanRow {
  const end = span.endTimeNs;
  return {
    spanId: span.spanId,
    depth,
    name: span.name,
    type: span.type === undefined || span.type === '' ? 'UNKNOWN' : span.type,
    statusCode: span.statusCode,
    durationMs: end === undefined ? undefined : nsToMs(end - span.startTimeNs),
    offset: fraction(span.startTimeNs - start, total),
    width: end === undefined ? 0 : fraction(end - span.startTimeNs, total),
    childCount,
  };
}

/** Milliseconds between two nanosecond times, for event offsets. */
export function msBetween(fromNs: bigint, toNs: bigint): number {
  return Number(((toNs - fromNs) * 1000n) / NS_PER_MS) / 1000;
}

/**
 * The row a reader opening the trace looks at first: where the first error started (a failed span
 * none of whose descendants failed; an exception propagates up to the root), else the root.
 */
export function firstLook(rows: readonly SpanRow[]): number {
  for (let i = 0; i < rows.length; i++) {
    const depth = rows[i]?.depth ?? 0;
    if (rows[i]?.statusCode !== 'ERROR') {
      continue;
    }
    let failedBelow = false;
    for (let j = i + 1; j < rows.length && (rows[j]?.depth ?? 0) > depth; j++) {
      failedBelow ||= rows[j]?.statusCode === 'ERROR';
    }
    if (!failedBelow) {
      return i;
    }
  }
  return 0;
}
