import type { ScorerSummary } from '../core/evaluation/scorerSummary';
import { isRunId, type SeriesPayload } from './compareRuns';
import { hasOnlyKeys, isRecord } from './exactKeys';
import { checkMessage, type Message, type MessageCheck, type MessageChecks, type ReadyMessage } from './ipc';
import { PANEL_KINDS } from './panelKinds';

/** The run detail panel's webview type (also the serializer's key). */
export const RUN_DETAIL_VIEW_TYPE = PANEL_KINDS.runDetail.viewType;

/** A labelled fact of the overview ("Status", "Started", …), shown as text. */
export interface Fact {
  readonly label: string;
  readonly value: string;
}

export interface RunLink {
  readonly runId: string;
  readonly name: string;
}

export interface DatasetRow {
  readonly name: string;
  readonly digest: string;
  readonly context: string;
  readonly source: string;
}

export interface ModelRow {
  /** The artifact path (2.x) or the logged model's name (MLflow 3). */
  readonly label: string;
  /** Flavors (2.x) or the logged model's id and status (MLflow 3). */
  readonly detail: string;
  readonly uri: string;
}

/** Everything the panel shows about one run, sent whole. */
export interface RunDetailSnapshot extends Message<'runDetail/snapshot'> {
  readonly runId: string;
  readonly name: string;
  readonly status: string;
  readonly facts: readonly Fact[];
  readonly parent: RunLink | undefined;
  readonly children: readonly RunLink[];
  /** The run's note as Markdown source; the webview renders it without any HTML. */
  readonly note: string;
  readonly params: readonly Fact[];
  readonly metrics: ReadonlyArray<{ readonly key: string; readonly value: number; readonly step: number }>;
  readonly tags: readonly Fact[];
  readonly datasets: readonly DatasetRow[];
  readonly models: readonly ModelRow[];
}

/** One metric's history, decimated by the host. */
export interface RunDetailSeries extends Message<'runDetail/series'> {
  readonly metricKey: string;
  readonly series: SeriesPayload;
}

export interface RunDetailError extends Message<'runDetail/error'> {
  readonly message: string;
}

/**
 * For an evaluation run (`mlflow.runType` = `genai_evaluate`): each scorer's aggregates and its
 * verdict counts over the traces the run produced. `problem` says why the counts are missing
 * (the traces could not be read); the aggregates are then still shown.
 */
export interface RunDetailEvaluation extends Message<'runDetail/evaluation'> {
  readonly scorers: readonly ScorerSummary[];
  readonly traces: number;
  readonly problem: string | undefined;
}

export type RunDetailHostMessage = RunDetailSnapshot | RunDetailSeries | RunDetailError | RunDetailEvaluation;

export interface RunDetailOpenRun extends Message<'runDetail/openRun'> {
  readonly runId: string;
}

export type RunDetailRefresh = Message<'runDetail/refresh'>;
export type RunDetailCompareChildren = Message<'runDetail/compareChildren'>;
/** Open the evaluation results panel for this (evaluation) run. */
export type RunDetailShowEvaluation = Message<'runDetail/showEvaluation'>;

/** What the source line's links do with the run's code (the host decides how; see src/extension/code). */
export const CODE_ACTIONS = ['openAtCommit', 'compareWithWorkspace'] as const;
export type RunDetailCodeAction = (typeof CODE_ACTIONS)[number];

/** Open this run's entry point at its commit, or diff it with the workspace. */
export interface RunDetailOpenCode extends Message<'runDetail/openCode'> {
  readonly action: RunDetailCodeAction;
}

export type RunDetailWebviewMessage =
  | ReadyMessage
  | RunDetailOpenRun
  | RunDetailRefresh
  | RunDetailCompareChildren
  | RunDetailShowEvaluation
  | RunDetailOpenCode;

/** What the detail webview persists: the run to reopen after a reload. */
export interface RunDetailViewState {
  readonly runId: string;
}

const isBare: MessageCheck = (m) => hasOnlyKeys(m, ['type']);

/** What the detail webview may send, per type: exact keys, a plausible run id. */
const WEBVIEW_CHECKS = {
  ready: isBare,
  'runDetail/refresh': isBare,
  'runDetail/compareChildren': isBare,
  'runDetail/showEvaluation': isBare,
  'runDetail/openRun': (m) => hasOnlyKeys(m, ['type', 'runId']) && isRunId(m.runId),
  'runDetail/openCode': (m) => hasOnlyKeys(m, ['type', 'action']) && CODE_ACTIONS.some((a) => a === m.action),
} satisfies MessageChecks<RunDetailWebviewMessage['type']>;

export function isRunDetailWebviewMessage(v: unknown): v is RunDetailWebviewMessage {
  return checkMessage(WEBVIEW_CHECKS, v);
}

/** What the host may send, per type: the fields the webview reads, of the types it reads them as. */
const HOST_CHECKS = {
  'runDetail/snapshot': (m) =>
    typeof m.runId === 'string' &&
    typeof m.name === 'string' &&
    Array.isArray(m.facts) &&
    Array.isArray(m.params) &&
    Array.isArray(m.metrics) &&
    Array.isArray(m.tags) &&
    typeof m.note === 'string',
  'runDetail/series': (m) =>
    typeof m.metricKey === 'string' && isRecord(m.series) && m.series.values instanceof Float64Array,
  'runDetail/error': (m) => typeof m.message === 'string',
  'runDetail/evaluation': (m) =>
    Array.isArray(m.scorers) &&
    typeof m.traces === 'number' &&
    (m.problem === undefined || typeof m.problem === 'string'),
} satisfies MessageChecks<RunDetailHostMessage['type']>;

export function isRunDetailHostMessage(v: unknown): v is RunDetailHostMessage {
  return checkMessage(HOST_CHECKS, v);
}
