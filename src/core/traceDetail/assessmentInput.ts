import { displayText } from '../explorer/displayText';
import type { Assessment } from '../traces/entities/assessment';
import { toJsonValue, type JsonValue } from '../traces/parse/losslessJson';

/** What an assessment's value field accepted, or why not. */
export type ValueInput =
  { readonly ok: true; readonly value: JsonValue } | { readonly ok: false; readonly problem: string };

/**
 * The value typed for a feedback or expectation: JSON when it reads as JSON (`true`, `0.8`,
 * `"yes"`, `["a", "b"]`, `{"k": 1}`), else the text as a string — so `great answer` needs no
 * quotes, and `"0.8"` is how to write a string that looks like a number. Null and nothing are
 * refused: MLflow needs a value (a feedback without one must carry an error, which people do not write).
 */
export function parseValueInput(text: string): ValueInput {
  const t = text.trim();
  if (t === '') {
    return { ok: false, problem: 'Type a value: true, 0.8, a word, or JSON such as ["a", "b"].' };
  }
  let value: JsonValue;
  try {
    value = toJsonValue(JSON.parse(t));
  } catch {
    return { ok: true, value: t };
  }
  return value === null ? { ok: false, problem: 'null is not a value MLflow keeps.' } : { ok: true, value };
}

/** A name MLflow accepts for an assessment: not empty, at most 250 characters. */
export function nameProblem(name: string): string | undefined {
  const t = name.trim();
  return t === '' ? 'A name is needed.' : t.length > 250 ? 'At most 250 characters.' : undefined;
}

/** A value as a confirmation quotes it: JSON text, cut. */
export function valueText(v: JsonValue): string {
  return displayText(JSON.stringify(v), 200);
}

/** What a confirmation says: the question, and what will be written underneath. */
export interface AssessmentPrompt {
  readonly message: string;
  readonly detail: string;
}

/** Where the write lands, for the confirmation: the trace, or one span of it. */
export interface AssessmentTarget {
  readonly traceId: string;
  readonly spanId: string | undefined;
  /** The span's name, when the panel knows it. */
  readonly spanName: string | undefined;
}

function targetText(t: AssessmentTarget): string {
  return t.spanId === undefined
    ? `trace ${t.traceId}`
    : `span ${t.spanName === undefined ? t.spanId : `${displayText(t.spanName, 80)} (${t.spanId})`} of trace ${t.traceId}`;
}

/** The confirmation for a new feedback or expectation. */
export function addAssessmentPrompt(
  kind: 'feedback' | 'expectation',
  name: string,
  value: JsonValue,
  rationale: string | undefined,
  target: AssessmentTarget,
  sourceId: string,
  server: string,
): AssessmentPrompt {
  const lines = [
    `${kind === 'feedback' ? 'Feedback' : 'Expectation'} ${displayText(name, 100)} = ${valueText(value)}`,
    `Source: HUMAN, ${displayText(sourceId, 100)}`,
    ...(rationale === undefined || rationale === '' ? [] : [`Rationale: ${displayText(rationale, 300)}`]),
    `Written to ${displayText(server, 200)}. This extension cannot delete assessments.`,
  ];
  return { message: `Add ${kind} to ${targetText(target)}?`, detail: lines.join('\n') };
}

/** The confirmation for overriding a feedback: the old value and who gave it, and the new one. */
export function overridePrompt(
  old: Assessment,
  value: JsonValue,
  rationale: string | undefined,
  sourceId: string,
  server: string,
): AssessmentPrompt {
  const by = [old.sourceType, old.sourceId].filter((x) => x !== undefined).join(' ');
  const lines = [
    `Now: ${valueText(old.value)} (${displayText(by, 120)})`,
    `New: ${valueText(value)} (HUMAN ${displayText(sourceId, 100)})`,
    ...(rationale === undefined || rationale === '' ? [] : [`Rationale: ${displayText(rationale, 300)}`]),
    `A new feedback is written to ${displayText(server, 200)}; the old one is kept, marked as overridden.`,
  ];
  return {
    message: `Override ${displayText(old.name, 100)} on trace ${old.traceId}?`,
    detail: lines.join('\n'),
  };
}
