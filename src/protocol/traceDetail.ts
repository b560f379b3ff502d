import type {
  AssessmentView,
  SpanDetail,
  SpanRow,
  TraceFact,
  TraceLinksView,
} from '../core/traceDetail/traceView';
import { hasOnlyKeys } from './exactKeys';
import { checkMessage, type Message, type MessageCheck, type MessageChecks, type ReadyMessage } from './ipc';
import { PANEL_KINDS } from './panelKinds';

export type {
  AssessmentView,
  ChatTurn,
  FileLinkView,
  SpanDetail,
  SpanEventView,
  SpanPayload,
  SpanRow,
  TraceFact,
  TraceLinksView,
} from '../core/traceDetail/traceView';

/** The trace detail panel's webview type (also the serializer's key). */
export const TRACE_DETAIL_VIEW_TYPE = PANEL_KINDS.traceDetail.viewType;

/** `tr-` + 32 hex digits (MLflow 3), or a v2 request id: letters, digits, - and _. */
const TRACE_ID_SHAPE = /^[A-Za-z0-9_-]{1,80}$/;

/** A plausible trace id, checked before it reaches a store. */
export function isTraceId(v: unknown): v is string {
  return typeof v === 'string' && TRACE_ID_SHAPE.test(v);
}

/** Everything the panel shows about one trace, sent whole. */
export interface TraceDetailSnapshot extends Message<'traceDetail/snapshot'> {
  readonly traceId: string;
  readonly name: string;
  readonly state: string;
  /** Request time, duration, tokens and cost (the last two when the trace has them). */
  readonly facts: readonly TraceFact[];
  readonly spans: readonly SpanRow[];
  /** The row to select when the panel opens: where the first error started, else the root. */
  readonly initialSpan: number;
  /** One per span, in the order of `spans`. */
  readonly details: readonly SpanDetail[];
  readonly metadata: readonly TraceFact[];
  readonly tags: readonly TraceFact[];
  /** Assessments of the whole trace (those of a span are in its detail). */
  readonly assessments: readonly AssessmentView[];
  /** Source run, logged model, linked prompt versions, workspace files (only those that exist). */
  readonly links: TraceLinksView;
  /**
   * Why assessments cannot be written to this store (a local store is opened read-only); absent
   * where they can. The panel then shows this instead of buttons that could only refuse.
   */
  readonly readOnly?: string;
}

export interface TraceDetailError extends Message<'traceDetail/error'> {
  readonly message: string;
}

export type TraceDetailHostMessage = TraceDetailSnapshot | TraceDetailError;

export type TraceDetailRefresh = Message<'traceDetail/refresh'>;

/** The span the user selected, so tests and a later reload can see it. */
export interface TraceDetailSelect extends Message<'traceDetail/select'> {
  readonly spanId: string;
}

/**
 * The webview's report once a snapshot is on screen (after the next frame): how many span rows it
 * built and how long that took from the snapshot's arrival. The bench times the panel by it.
 */
export interface TraceDetailDrawn extends Message<'traceDetail/drawn'> {
  readonly rows: number;
  readonly ms: number;
}

/**
 * "Add feedback" / "Add expectation" on the trace (no `spanId`) or on the selected span. The host
 * asks for the name and value itself and confirms before writing: the webview sends only intent.
 */
export interface TraceDetailAddAssessment extends Message<'traceDetail/addAssessment'> {
  readonly kind: 'feedback' | 'expectation';
  readonly spanId?: string;
}

/** "Override…" on a feedback: a new value that replaces it (the old one is kept, marked invalid). */
export interface TraceDetailOverrideFeedback extends Message<'traceDetail/overrideFeedback'> {
  readonly assessmentId: string;
}

/** What a link opens: the run panel, a copy of the model URI, a prompt template, a workspace file. */
export type TraceLinkKind = 'sourceRun' | 'loggedModel' | 'prompt' | 'file';
const LINK_KINDS: readonly string[] = ['sourceRun', 'loggedModel', 'prompt', 'file'];

/** A link clicked: which kind and which of them (an index into the snapshot's list; 0 for one). */
export interface TraceDetailOpenLink extends Message<'traceDetail/openLink'> {
  readonly link: TraceLinkKind;
  readonly index: number;
}

/** A link kind as a message or a command names it. */
export function isTraceLinkKind(v: unknown): v is TraceLinkKind {
  return typeof v === 'string' && LINK_KINDS.includes(v);
}

/** An index into one of the snapshot's link lists (they are capped at 50). */
export function isLinkIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v < 1000;
}

export type TraceDetailWebviewMessage =
  | ReadyMessage
  | TraceDetailRefresh
  | TraceDetailSelect
  | TraceDetailDrawn
  | TraceDetailAddAssessment
  | TraceDetailOverrideFeedback
  | TraceDetailOpenLink;

/** What the webview persists: the trace to reopen after a reload. */
export interface TraceDetailViewState {
  readonly traceId: string;
}

const isBare: MessageCheck = (m) => hasOnlyKeys(m, ['type']);
const SPAN_ID = /^[0-9a-f]{16}$/;
/** `a-` + 32 hex digits on MLflow 3; any plain id up to 100 characters (it goes into a URL path). */
const ASSESSMENT_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** A plausible assessment id, checked before it reaches a store. */
export function isAssessmentId(v: unknown): v is string {
  return typeof v === 'string' && ASSESSMENT_ID.test(v);
}

/** A span id as the panel sends it: 16 lowercase hex digits. */
export function isSpanIdHex(v: unknown): v is string {
  return typeof v === 'string' && SPAN_ID.test(v);
}

const WEBVIEW_CHECKS = {
  ready: isBare,
  'traceDetail/refresh': isBare,
  'traceDetail/select': (m) => hasOnlyKeys(m, ['type', 'spanId']) && isSpanIdHex(m.spanId),
  'traceDetail/drawn': (m) =>
    hasOnlyKeys(m, ['type', 'rows', 'ms']) &&
    Number.isSafeInteger(m.rows) &&
    typeof m.ms === 'number' &&
    Number.isFinite(m.ms),
  'traceDetail/addAssessment': (m) =>
    hasOnlyKeys(m, ['type', 'kind', 'spanId']) &&
    (m.kind === 'feedback' || m.kind === 'expectation') &&
    (m.spanId === undefined || isSpanIdHex(m.spanId)),
  'traceDetail/overrideFeedback': (m) =>
    hasOnlyKeys(m, ['type', 'assessmentId']) && isAssessmentId(m.assessmentId),
  'traceDetail/openLink': (m) =>
    hasOnlyKeys(m, ['type', 'link', 'index']) && isTraceLinkKind(m.link) && isLinkIndex(m.index),
} satisfies MessageChecks<TraceDetailWebviewMessage['type']>;

export function isTraceDetailWebviewMessage(v: unknown): v is TraceDetailWebviewMessage {
  return checkMessage(WEBVIEW_CHECKS, v);
}

const HOST_CHECKS = {
  'traceDetail/snapshot': (m) =>
    typeof m.traceId === 'string' &&
    typeof m.name === 'string' &&
    typeof m.state === 'string' &&
    Array.isArray(m.facts) &&
    Array.isArray(m.spans) &&
    typeof m.initialSpan === 'number' &&
    Array.isArray(m.details) &&
    m.details.length === m.spans.length &&
    Array.isArray(m.metadata) &&
    Array.isArray(m.tags) &&
    Array.isArray(m.assessments) &&
    typeof m.links === 'object' &&
    m.links !== null &&
    (m.readOnly === undefined || typeof m.readOnly === 'string'),
  'traceDetail/error': (m) => typeof m.message === 'string',
} satisfies MessageChecks<TraceDetailHostMessage['type']>;

export function isTraceDetailHostMessage(v: unknown): v is TraceDetailHostMessage {
  return checkMessage(HOST_CHECKS, v);
}
