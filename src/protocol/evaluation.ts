import type { EvaluationComparison } from '../core/evaluation/compareEvaluations';
import type { EvaluationTable } from '../core/evaluation/evaluationTable';
import type { ScorerSummary } from '../core/evaluation/scorerSummary';
import { isRunId } from './compareRuns';
import { hasOnlyKeys, isRecord } from './exactKeys';
import { checkMessage, type Message, type MessageCheck, type MessageChecks, type ReadyMessage } from './ipc';
import { PANEL_KINDS } from './panelKinds';
import { isTraceId } from './traceDetail';

export type {
  CellChange,
  ComparedCell,
  ComparedRow,
  EvaluationComparison,
  RowChange,
} from '../core/evaluation/compareEvaluations';
export type { EvaluationCell, EvaluationRow, EvaluationTable } from '../core/evaluation/evaluationTable';
export type { ScorerSummary } from '../core/evaluation/scorerSummary';
export type { Verdict } from '../core/evaluation/verdict';

/** The evaluation panel's webview type (also the serializer's key). */
export const EVALUATION_VIEW_TYPE = PANEL_KINDS.evaluation.viewType;

/** A run as the panel names it. */
export interface EvaluationRunRef {
  readonly runId: string;
  readonly name: string;
}

/** One evaluation run's results: each scorer's summary and one row per trace. */
export interface EvaluationResults extends Message<'evaluation/results'> {
  readonly run: EvaluationRunRef;
  readonly scorers: readonly ScorerSummary[];
  readonly table: EvaluationTable;
}

/** Two evaluation runs joined by request. */
export interface EvaluationCompared extends Message<'evaluation/comparison'> {
  readonly first: EvaluationRunRef;
  readonly second: EvaluationRunRef;
  readonly comparison: EvaluationComparison;
}

export interface EvaluationError extends Message<'evaluation/error'> {
  readonly message: string;
}

export type EvaluationHostMessage = EvaluationResults | EvaluationCompared | EvaluationError;

export type EvaluationRefresh = Message<'evaluation/refresh'>;

/** A row clicked: open its trace in the trace panel. */
export interface EvaluationOpenTrace extends Message<'evaluation/openTrace'> {
  readonly traceId: string;
}

export type EvaluationWebviewMessage = ReadyMessage | EvaluationRefresh | EvaluationOpenTrace;

/** What the webview persists: the one run shown, or the two compared. */
export interface EvaluationViewState {
  readonly runIds: readonly string[];
}

/** One run id (results) or two different ones (a comparison), each plausible. */
export function isEvaluationRunIds(v: unknown): v is readonly string[] {
  return (
    Array.isArray(v) && (v.length === 1 || (v.length === 2 && v[0] !== v[1])) && v.every((id) => isRunId(id))
  );
}

const isBare: MessageCheck = (m) => hasOnlyKeys(m, ['type']);

const WEBVIEW_CHECKS = {
  ready: isBare,
  'evaluation/refresh': isBare,
  'evaluation/openTrace': (m) => hasOnlyKeys(m, ['type', 'traceId']) && isTraceId(m.traceId),
} satisfies MessageChecks<EvaluationWebviewMessage['type']>;

export function isEvaluationWebviewMessage(v: unknown): v is EvaluationWebviewMessage {
  return checkMessage(WEBVIEW_CHECKS, v);
}

const isRunRef = (v: unknown): boolean =>
  isRecord(v) && typeof v.runId === 'string' && typeof v.name === 'string';

const HOST_CHECKS = {
  'evaluation/results': (m) =>
    isRunRef(m.run) &&
    Array.isArray(m.scorers) &&
    isRecord(m.table) &&
    Array.isArray(m.table.scorers) &&
    Array.isArray(m.table.rows),
  'evaluation/comparison': (m) =>
    isRunRef(m.first) &&
    isRunRef(m.second) &&
    isRecord(m.comparison) &&
    Array.isArray(m.comparison.scorers) &&
    Array.isArray(m.comparison.rows) &&
    isRecord(m.comparison.counts),
  'evaluation/error': (m) => typeof m.message === 'string',
} satisfies MessageChecks<EvaluationHostMessage['type']>;

export function isEvaluationHostMessage(v: unknown): v is EvaluationHostMessage {
  return checkMessage(HOST_CHECKS, v);
}
