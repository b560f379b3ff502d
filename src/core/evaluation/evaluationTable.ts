import type { Assessment } from '../traces/entities/assessment';
import type { TraceInfo } from '../traces/entities/traceInfo';
import { ASSESSMENT_SOURCE_RUN } from './evaluationRun';
import { displayValue, verdictOf, type Verdict } from './verdict';

/** One scorer's feedback on one row. */
export interface EvaluationCell {
  readonly assessmentId: string;
  /** The value as text, or the error's message for a scorer that failed. */
  readonly value: string;
  readonly verdict: Verdict;
  readonly rationale: string | undefined;
}

/** One trace of an evaluation run: its request, its response, and each scorer's feedback. */
export interface EvaluationRow {
  readonly traceId: string;
  /** What rows of two evaluations are joined by: the request, its JSON keys sorted. */
  readonly key: string;
  readonly request: string;
  readonly response: string;
  readonly state: string;
  /** In the order of {@link EvaluationTable.scorers}; null where the scorer gave nothing. */
  readonly cells: ReadonlyArray<EvaluationCell | null>;
}

export interface EvaluationTable {
  readonly runId: string;
  /** Scorer names, sorted. */
  readonly scorers: readonly string[];
  readonly rows: readonly EvaluationRow[];
}

/** MLflow cuts `request_preview` at 1000 characters: a cut one is not valid JSON to sort. */
function canonicalJson(text: string): string {
  try {
    return JSON.stringify(sortKeys(JSON.parse(text) as unknown));
  } catch {
    return text;
  }
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) {
    return v.map(sortKeys);
  }
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

/** The request a trace answered: its preview, else the (shorter) `mlflow.traceInputs` metadata. */
function requestOf(t: TraceInfo): string {
  return t.requestPreview ?? t.metadata['mlflow.traceInputs'] ?? '';
}

/**
 * The feedback of this run on a trace, by scorer: valid feedback (an override replaces the judge's
 * value) that names this run, or names none (older clients), the newest one per name.
 */
function feedbackByScorer(t: TraceInfo, runId: string): Map<string, Assessment> {
  const out = new Map<string, Assessment>();
  for (const a of t.assessments) {
    const source = a.metadata[ASSESSMENT_SOURCE_RUN];
    if (a.kind === 'feedback' && a.valid && (source === undefined || source === runId)) {
      // Assessments come oldest first, so a later one with the same name wins.
      out.set(a.name, a);
    }
  }
  return out;
}

function cellOf(a: Assessment): EvaluationCell {
  const verdict = verdictOf(a.value, a.error !== undefined);
  const value = verdict === 'error' ? (a.error?.message ?? a.error?.code ?? 'error') : displayValue(a.value);
  return { assessmentId: a.assessmentId, value, verdict, rationale: a.rationale };
}

/**
 * The results table of an evaluation run from the traces it produced (see listEvaluationTraces):
 * one column per scorer that gave feedback on any of them, one row per trace in the order given.
 * Rows with the same request get `#2`, `#3` on their key so each is joined once.
 */
export function buildEvaluationTable(runId: string, traces: readonly TraceInfo[]): EvaluationTable {
  const feedback = traces.map((t) => feedbackByScorer(t, runId));
  const scorers = [...new Set(feedback.flatMap((f) => [...f.keys()]))].sort();
  const seen = new Map<string, number>();
  const rows = traces.map((t, i): EvaluationRow => {
    const request = requestOf(t);
    const base = canonicalJson(request);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const mine = feedback[i] ?? new Map<string, Assessment>();
    return {
      traceId: t.traceId,
      key: n === 1 ? base : `${base}#${String(n)}`,
      request,
      response: t.responsePreview ?? t.metadata['mlflow.traceOutputs'] ?? '',
      state: t.state,
      cells: scorers.map((s) => {
        const a = mine.get(s);
        return a === undefined ? null : cellOf(a);
      }),
    };
  });
  return { runId, scorers, rows };
}

/** A table with no rows or scorers (a run whose traces could not be read). */
export function emptyEvaluationTable(runId: string): EvaluationTable {
  return { runId, scorers: [], rows: [] };
}
