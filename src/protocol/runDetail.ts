import { isRunId, type SeriesPayload } from './compareRuns';
import { hasOnlyKeys, isMessage, type Message, type ReadyMessage } from './ipc';
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

export type RunDetailHostMessage = RunDetailSnapshot | RunDetailSeries | RunDetailError;

export interface RunDetailOpenRun extends Message<'runDetail/openRun'> {
  readonly runId: string;
}

export type RunDetailRefresh = Message<'runDetail/refresh'>;
export type RunDetailCompareChildren = Message<'runDetail/compareChildren'>;

export type RunDetailWebviewMessage =
  ReadyMessage | RunDetailOpenRun | RunDetailRefresh | RunDetailCompareChildren;

/** What the detail webview persists: the run to reopen after a reload. */
export interface RunDetailViewState {
  readonly runId: string;
}

export function isRunDetailWebviewMessage(v: unknown): v is RunDetailWebviewMessage {
  if (!isMessage(v)) {
    return false;
  }
  switch (v.type) {
    case 'ready':
    case 'runDetail/refresh':
    case 'runDetail/compareChildren':
      return hasOnlyKeys(v, ['type']);
    case 'runDetail/openRun':
      return hasOnlyKeys(v, ['type', 'runId']) && isRunId((v as unknown as { runId?: unknown }).runId);
    default:
      return false;
  }
}

export function isRunDetailHostMessage(v: unknown): v is RunDetailHostMessage {
  if (!isMessage(v)) {
    return false;
  }
  const m = v as unknown as Record<string, unknown>;
  switch (v.type) {
    case 'runDetail/snapshot':
      return (
        typeof m.runId === 'string' &&
        typeof m.name === 'string' &&
        Array.isArray(m.facts) &&
        Array.isArray(m.params) &&
        Array.isArray(m.metrics) &&
        Array.isArray(m.tags) &&
        typeof m.note === 'string'
      );
    case 'runDetail/series':
      return (
        typeof m.metricKey === 'string' &&
        typeof m.series === 'object' &&
        m.series !== null &&
        (m.series as { values?: unknown }).values instanceof Float64Array
      );
    case 'runDetail/error':
      return typeof m.message === 'string';
    default:
      return false;
  }
}
