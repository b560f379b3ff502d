import type { JsonValue } from '../traces/parse/losslessJson';

/*
 * What the trace detail panel shows, as plain data: no bigint (times are turned into milliseconds
 * and timeline fractions here), nothing that needs the store. The panel's protocol sends these.
 */

/** A labelled value shown as text. */
export interface TraceFact {
  readonly label: string;
  readonly value: string;
}

/**
 * One row of the span tree, in tree order (a parent before its children). The timeline numbers
 * are fractions of the trace's span (0..1), computed on the host from exact nanoseconds.
 */
export interface SpanRow {
  readonly spanId: string;
  readonly depth: number;
  readonly name: string;
  /** The span type, UNKNOWN when the span has none. */
  readonly type: string;
  readonly statusCode: 'OK' | 'ERROR' | 'UNSET';
  /** undefined while the span is still open. */
  readonly durationMs: number | undefined;
  readonly offset: number;
  readonly width: number;
  readonly childCount: number;
}

/** A chat message of a span's inputs or outputs, as role and plain text. */
export interface ChatTurn {
  readonly role: string;
  readonly text: string;
}

/** Inputs or outputs: a conversation when they hold chat messages, else the JSON as it is. */
export type SpanPayload =
  | { readonly kind: 'chat'; readonly turns: readonly ChatTurn[]; readonly rest: JsonValue | undefined }
  | { readonly kind: 'json'; readonly value: JsonValue };

export interface SpanEventView {
  readonly name: string;
  /** Milliseconds after the span started. */
  readonly atMs: number;
  readonly attributes: readonly TraceFact[];
  readonly exception:
    { readonly type: string; readonly message: string; readonly stackTrace: string | undefined } | undefined;
}

/** An assessment as the panel lists it. */
export interface AssessmentView {
  /** `a-` + 32 hex digits: what an override names. */
  readonly assessmentId: string;
  readonly name: string;
  readonly kind: 'feedback' | 'expectation';
  /** The value as JSON text ('' when the assessment carries only an error). */
  readonly value: string;
  readonly sourceType: string;
  /** Who exactly: a user, a judge model (`openai:/gpt-4o-mini`), a scorer's name. */
  readonly sourceId: string | undefined;
  readonly rationale: string | undefined;
  readonly error: string | undefined;
  /** This one replaces another. */
  readonly overrides: boolean;
  /** False once another assessment overrides this one. */
  readonly valid: boolean;
}

/** What the details pane shows for one span. */
export interface SpanDetail {
  readonly spanId: string;
  readonly statusMessage: string;
  readonly inputs: SpanPayload | undefined;
  readonly outputs: SpanPayload | undefined;
  /** Attributes other than the inputs, outputs and type, their values as JSON text. */
  readonly attributes: readonly TraceFact[];
  readonly events: readonly SpanEventView[];
  readonly assessments: readonly AssessmentView[];
}

/** A workspace file a trace names, as the panel lists it (the host keeps the real path). */
export interface FileLinkView {
  /** The path relative to its workspace folder, and the line. */
  readonly label: string;
  readonly line: number;
}

/** The trace's links, each opened by index through `traceDetail/openLink` (the host has the targets). */
export interface TraceLinksView {
  readonly sourceRun: string | undefined;
  readonly loggedModel: string | undefined;
  readonly prompts: readonly { readonly name: string; readonly version: string }[];
  readonly files: readonly FileLinkView[];
}
