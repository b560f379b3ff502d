import type { CompareTable } from '../core/compare/compareTable';
import { hasOnlyKeys, isRecord } from './exactKeys';
import { checkMessage, type Message, type MessageCheck, type MessageChecks } from './ipc';
import { PANEL_KINDS } from './panelKinds';
import { isSeriesBatch, type SeriesBatch } from './seriesBatch';

export type { SeriesPayload } from './seriesBatch';

/** The compare panel's webview type (also the serializer's key). */
export const COMPARE_VIEW_TYPE = PANEL_KINDS.compare.viewType;

/** Most runs one panel compares; more would make every chart unreadable, not just slow. */
export const MAX_COMPARED_RUNS = 500;
/** Most metric keys the webview may ask series for at once. */
export const MAX_SHOWN_METRICS = 40;
/** Upper bound of points per series the webview may ask for (MLflow's sampling caps at 2,500). */
export const MAX_POINTS_PER_SERIES = 2500;
/** Largest PNG the webview may hand over for export (a data: URL). */
export const MAX_PNG_DATA_URL = 20 * 1024 * 1024;

/** One compared run as the panel labels it; `color` is stable for the panel's life. */
export interface CompareRunHeader {
  readonly runId: string;
  readonly name: string;
  readonly experimentId: string;
  readonly status: string;
  readonly color: string;
  readonly startTime: number | undefined;
}

/** Every run's data the table needs, and which keys exist for charts. Sent whole, never as deltas. */
export interface CompareSnapshot extends Message<'compare/snapshot'> {
  readonly runs: readonly CompareRunHeader[];
  readonly table: CompareTable;
  readonly metricKeys: readonly string[];
  readonly paramKeys: readonly string[];
  /** Ids that could not be read (deleted since, or the server refused). */
  readonly missing: readonly string[];
}

/**
 * Series of one metric, as deltas: each message carries only runs the webview does not hold yet
 * for this key, so a load of many runs crosses to the webview once, not once per partial answer.
 * `reset` tells the webview to drop what it holds for the key first (a new load at another
 * resolution); `complete` is false while more runs are still loading (partial results).
 */
export interface CompareSeries extends Message<'compare/series'> {
  readonly metricKey: string;
  /** The runs' series (decimated by the host), packed: see {@link SeriesBatch} for why. */
  readonly batch: SeriesBatch;
  readonly reset: boolean;
  readonly complete: boolean;
  /** Epoch ms when the host posted it, so the webview can measure the transfer (same machine clock). */
  readonly postedAt: number;
}

/** Progress and problems, shown in the panel's status line (never as HTML). */
export interface CompareStatus extends Message<'compare/status'> {
  readonly busy: string | undefined;
  readonly error: string | undefined;
}

export type CompareHostMessage = CompareSnapshot | CompareSeries | CompareStatus;

/** Load (and keep loaded) the histories of these metric keys, at most `maxPoints` points per run. */
export interface ShowMetrics extends Message<'compare/showMetrics'> {
  readonly keys: readonly string[];
  readonly maxPoints: number;
  /** Whether the series must carry wall-clock times (an x-axis of wall or relative time). */
  readonly times: boolean;
}

export interface ExportCsv extends Message<'compare/exportCsv'> {
  readonly onlyDifferences: boolean;
  /** Run ids in the column order the user sees. */
  readonly order: readonly string[];
}

export interface ExportPng extends Message<'compare/exportPng'> {
  readonly name: string;
  readonly dataUrl: string;
}

export interface OpenRun extends Message<'compare/openRun'> {
  readonly runId: string;
}

export interface RemoveRun extends Message<'compare/removeRun'> {
  readonly runId: string;
}

/** The webview's own measurement after drawing every shown chart with complete data (for bench and tests). */
export interface ChartsDrawn extends Message<'compare/drawn'> {
  readonly charts: number;
  /** Points handed to chart.js, summed over every dataset of every chart. */
  readonly points: number;
  /** Most points any one dataset got, and the canvas width it was drawn on. */
  readonly maxDatasetPoints: number;
  readonly canvasWidth: number;
  /** From the snapshot's arrival to the last chart drawn. */
  readonly ms: number;
  /** The webview's JS heap in use where Chromium reports it (performance.memory), else 0. */
  readonly heapBytes: number;
  /** From the snapshot's arrival to the first chart drawn with data. */
  readonly firstChartMs: number;
  /** From the snapshot's arrival to the arrival of the last series the shown charts needed. */
  readonly dataMs: number;
  /** From that last series' arrival to every chart drawn: the webview's share of "data to drawn charts". */
  readonly drawMs: number;
  /** The longest host-to-webview transfer of one series message (post to arrival). */
  readonly transferMs: number;
  /** Series messages received, chart.js creations and updates, and the time spent inside them. */
  readonly seriesMessages: number;
  readonly chartUpdates: number;
  readonly chartJsMs: number;
  /** Epoch ms of the report, to line it up with the host's own timings. */
  readonly at: number;
}

/** Every number field of {@link ChartsDrawn}, in the order the guard checks them. */
const DRAWN_FIELDS = [
  'charts',
  'points',
  'maxDatasetPoints',
  'canvasWidth',
  'ms',
  'heapBytes',
  'firstChartMs',
  'dataMs',
  'drawMs',
  'transferMs',
  'seriesMessages',
  'chartUpdates',
  'chartJsMs',
  'at',
] as const;

/**
 * The page has started. A new page (no saved view) also says how many points per run its charts'
 * width can show, measured before any chart is laid out, so the host can post the default
 * metrics' series with the first snapshot instead of waiting for the page to ask.
 */
export interface CompareReady extends Message<'ready'> {
  readonly chartPoints?: number;
}

export type CompareWebviewMessage =
  CompareReady | ShowMetrics | ExportCsv | ExportPng | OpenRun | RemoveRun | ChartsDrawn;

/** What the webview persists with setState: only view state, plus the run ids to reopen after a reload. */
export interface CompareViewState {
  readonly runIds: readonly string[];
  readonly xAxis: 'step' | 'time' | 'relative';
  readonly logY: boolean;
  readonly smoothing: number;
  readonly hidden: readonly string[];
  readonly shownMetrics: readonly string[];
  readonly diffOnly: boolean;
  readonly sortRow: string | undefined;
  readonly sortDir: 'asc' | 'desc';
  readonly scatterX: string | undefined;
  readonly scatterY: string | undefined;
  readonly parallel: readonly string[];
}

const RUN_ID = /^[0-9A-Za-z_-]{1,64}$/;

/** True for a plausible MLflow run id (hex uuid on OSS, other schemes on managed servers). */
export function isRunId(v: unknown): v is string {
  return typeof v === 'string' && RUN_ID.test(v);
}

function isStringList(v: unknown, max: number, each: (s: string) => boolean): v is string[] {
  return Array.isArray(v) && v.length <= max && v.every((s) => typeof s === 'string' && each(s));
}

const metricKeyOk = (s: string): boolean => s.length > 0 && s.length <= 250;

/** True for a whole number within [min, max]. */
function isIntIn(v: unknown, min: number, max: number): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

const isRunIdMessage: MessageCheck = (m) => hasOnlyKeys(m, ['type', 'runId']) && isRunId(m.runId);

/** What the compare webview may send, per type: exact keys, bounded sizes. */
const WEBVIEW_CHECKS = {
  ready: (m) =>
    hasOnlyKeys(m, ['type', 'chartPoints']) &&
    (m.chartPoints === undefined || isIntIn(m.chartPoints, 10, MAX_POINTS_PER_SERIES)),
  'compare/showMetrics': (m) =>
    hasOnlyKeys(m, ['type', 'keys', 'maxPoints', 'times']) &&
    isStringList(m.keys, MAX_SHOWN_METRICS, metricKeyOk) &&
    typeof m.times === 'boolean' &&
    isIntIn(m.maxPoints, 10, MAX_POINTS_PER_SERIES),
  'compare/exportCsv': (m) =>
    hasOnlyKeys(m, ['type', 'onlyDifferences', 'order']) &&
    typeof m.onlyDifferences === 'boolean' &&
    isStringList(m.order, MAX_COMPARED_RUNS, isRunId),
  'compare/exportPng': (m) =>
    hasOnlyKeys(m, ['type', 'name', 'dataUrl']) &&
    typeof m.name === 'string' &&
    m.name.length <= 200 &&
    typeof m.dataUrl === 'string' &&
    m.dataUrl.length <= MAX_PNG_DATA_URL &&
    m.dataUrl.startsWith('data:image/png;base64,'),
  'compare/drawn': (m) =>
    hasOnlyKeys(m, ['type', ...DRAWN_FIELDS]) &&
    DRAWN_FIELDS.every((k) => {
      const x = m[k];
      return typeof x === 'number' && Number.isFinite(x) && x >= 0;
    }),
  'compare/openRun': isRunIdMessage,
  'compare/removeRun': isRunIdMessage,
} satisfies MessageChecks<CompareWebviewMessage['type']>;

/** Guard for everything the compare webview sends: exact keys, bounded sizes, known types. */
export function isCompareWebviewMessage(v: unknown): v is CompareWebviewMessage {
  return checkMessage(WEBVIEW_CHECKS, v);
}

const isOptString = (v: unknown): boolean => v === undefined || typeof v === 'string';

/** What the host may send, per type: the fields the webview reads, of the types it reads them as. */
const HOST_CHECKS = {
  'compare/snapshot': (m) =>
    Array.isArray(m.runs) &&
    isRecord(m.table) &&
    Array.isArray(m.metricKeys) &&
    Array.isArray(m.paramKeys) &&
    Array.isArray(m.missing),
  'compare/series': (m) =>
    typeof m.metricKey === 'string' &&
    typeof m.reset === 'boolean' &&
    typeof m.complete === 'boolean' &&
    typeof m.postedAt === 'number' &&
    isSeriesBatch(m.batch),
  'compare/status': (m) => isOptString(m.busy) && isOptString(m.error),
} satisfies MessageChecks<CompareHostMessage['type']>;

/** Guard for what the host sends (the webview trusts nothing it has not checked). */
export function isCompareHostMessage(v: unknown): v is CompareHostMessage {
  return checkMessage(HOST_CHECKS, v);
}
