import { AGGREGATES, ATTRIBUTES, type Column } from '../core/runsTable/columns';
import { MAX_CHART_RUNS, type AxisColumn } from '../core/runsTable/chartData';
import type { XAxis } from '../core/compare/metricSeries';
import { MAX_PARALLEL_AXES } from '../core/runsTable/parallelData';
import { MAX_BOUNDS, type ColumnBound } from '../core/runsTable/columnBounds';
import type { WireRow } from '../core/runsTable/tableRow';
import type { WireFigures } from '../core/runsTable/wireNumber';
import { hasOnlyKeys, isRecord } from './exactKeys';
import { checkMessage, type Message, type MessageChecks, type ReadyMessage } from './ipc';
import { isRunId } from './compareRuns';
import { isSeriesBatch, type SeriesBatch } from './seriesBatch';

/** Longest metric, param or tag key a column may name (MLflow allows 250; a hostile store more). */
export const MAX_COLUMN_KEY = 10_000;
/** Most columns one table shows besides the attributes. */
export const MAX_COLUMNS = 500;
/** Most runs one action (compare, copy ids, export) takes. */
export const MAX_ACTION_RUNS = 50_000;
/** Most steps the "value at step N" columns ask at once. */
export const MAX_STEPS = 20;

/** What the panel opens with (and again after a filter or a server-side sort reloads the rows). */
export interface RunsTableInit extends Message<'runsTable/init'> {
  readonly experimentId: string;
  readonly experimentName: string;
  readonly storeKind: 'rest' | 'sqlite' | 'file';
  readonly columns: readonly Column[];
  readonly filter: string;
}

/** A page of rows; `reset` replaces what the webview holds (a new filter or order). */
export interface RunsTableRows extends Message<'runsTable/rows'> {
  readonly rows: readonly WireRow[];
  readonly reset: boolean;
  /** Rows loaded so far, and whether that is all of them. */
  readonly loaded: number;
  readonly done: boolean;
  /** The `order_by` the server used for these rows, if any. */
  readonly orderBy: string | undefined;
  readonly error: string | undefined;
}

/** Most rows one `runsTable/updateRows` replaces (the host re-reads 25 running runs a tick). */
export const MAX_UPDATED_ROWS = 100;

/**
 * Running runs read again that changed (status, end, metrics, params, tags): the webview replaces
 * its rows of the same ids, where they are, and drops their figures (new ones follow).
 */
export interface RunsTableUpdateRows extends Message<'runsTable/updateRows'> {
  readonly rows: readonly WireRow[];
}

/** Figures of one metric of some runs (null: the run's history is empty). */
export interface RunsTableFigures extends Message<'runsTable/figures'> {
  readonly key: string;
  readonly figures: ReadonlyArray<readonly [string, WireFigures | null]>;
  readonly done: boolean;
  readonly error: string | undefined;
}

/** Sort as a click on the column's header does (the bench and the tests sort through it). */
export interface RunsTableApplySort extends Message<'runsTable/applySort'> {
  readonly column: Column;
  readonly ascending: boolean;
}

/** Set local bounds on numeric columns as the Bounds form does (the tests bound through it). */
export interface RunsTableApplyBounds extends Message<'runsTable/applyBounds'> {
  readonly bounds: readonly ColumnBound[];
}

/** Histories of one metric for the line chart (a delta: runs not sent before; `reset` starts over). */
export interface RunsTableSeries extends Message<'runsTable/series'> {
  readonly key: string;
  readonly batch: SeriesBatch;
  readonly reset: boolean;
  readonly done: boolean;
  readonly error: string | undefined;
}

/** The views of the panel: the grid, or one of its charts. */
export const CHART_VIEWS = ['table', 'line', 'scatter', 'cards', 'parallel'] as const;
export type RunsTableView = (typeof CHART_VIEWS)[number];

/** Show a view as its tab does (the bench and the tests switch views through it). */
export interface RunsTableShowView extends Message<'runsTable/showView'> {
  readonly view: RunsTableView;
  /** The line chart's metric, or the cards' search text. */
  readonly key: string | undefined;
  /** The scatter's x and y, or the parallel chart's axes (as picked in its selects). */
  readonly axes?: readonly AxisColumn[];
  /** The line chart's x axis (as picked in its select). */
  readonly xAxis?: XAxis;
}

/** What the line chart's x axis can show. */
export const LINE_X_AXES: readonly XAxis[] = ['step', 'time', 'relative'];

export type RunsTableHostMessage =
  | RunsTableInit
  | RunsTableRows
  | RunsTableUpdateRows
  | RunsTableFigures
  | RunsTableApplySort
  | RunsTableApplyBounds
  | RunsTableSeries
  | RunsTableShowView;

/** The columns chosen (kept per experiment). */
export interface RunsTableColumns extends Message<'runsTable/columns'> {
  readonly columns: readonly Column[];
}

/** The user sorted; the host reloads in this order when the server can sort and not every row is in. */
export interface RunsTableSort extends Message<'runsTable/sort'> {
  readonly column: Column;
  readonly ascending: boolean;
}

/** Ask the host for the filter box (MLflow's grammar, with completion of the keys). */
export type RunsTableAskFilter = Message<'runsTable/askFilter'>;

/** Load the rows again (a running run's figures are computed again when it logged more). */
export type RunsTableRefresh = Message<'runsTable/refresh'>;

/** Aggregate columns of this metric are shown: compute its figures at these steps. */
export interface RunsTableNeedFigures extends Message<'runsTable/needFigures'> {
  readonly key: string;
  readonly steps: readonly number[];
}

/** The line chart shows `key` for these runs: send their histories, about `maxPoints` each. */
export interface RunsTableNeedSeries extends Message<'runsTable/needSeries'> {
  readonly key: string;
  readonly runIds: readonly string[];
  readonly maxPoints: number;
  /** Whether the series must carry wall-clock times (an x axis of wall or relative time); absent: no. */
  readonly times?: boolean;
}

/** What a chart view drew last (the in-host tests and the bench read it). */
export interface RunsTableChartsRendered extends Message<'runsTable/chartsRendered'> {
  readonly view: RunsTableView;
  /** Line chart: runs drawn, points drawn and the most of one line. */
  readonly lines: number;
  readonly points: number;
  readonly maxLinePoints: number;
  /** Milliseconds the webview spent in chart.js creating and drawing the line chart so far. */
  readonly drawMs: number;
  /** Runs whose series are still to come. */
  readonly waiting: number;
  /** Scatter: points drawn. Cards: cards matching the search, cards in the DOM, live charts. */
  readonly scatterPoints: number;
  readonly cards: number;
  readonly cardsDrawn: number;
  readonly liveCharts: number;
  /** Parallel coordinates: runs drawn (a value on some axis) and axes. */
  readonly parallelLines: number;
  readonly parallelAxes: number;
  /** The titles of the axes the scatter or the parallel chart drew; the line chart's x axis (`step`, `time`, `relative`). */
  readonly axes: readonly string[];
  readonly selected: number;
  /** The webview's JS heap in MB (Chromium's performance.memory), when it tells. */
  readonly heapMb: number | undefined;
}

export type RunsTableActionName = 'compare' | 'openRun' | 'addToComparison' | 'copyIds';

/** Act on the selected runs through the extension's commands. */
export interface RunsTableAction extends Message<'runsTable/action'> {
  readonly action: RunsTableActionName;
  readonly runIds: readonly string[];
}

/** Export the runs shown, in the order shown, with the columns shown. */
export interface RunsTableExport extends Message<'runsTable/exportCsv'> {
  readonly runIds: readonly string[];
  readonly columns: readonly Column[];
}

/** What the webview drew last (the in-host tests and the bench read it). */
export interface RunsTableRendered extends Message<'runsTable/rendered'> {
  /** Lines of the view (runs and groups), and run rows and cells in the DOM. */
  readonly lines: number;
  readonly domRows: number;
  readonly domCells: number;
  /** The first lines' text, as shown (run names, group labels). */
  readonly firstLines: readonly string[];
  readonly sortedBy: string | undefined;
  readonly groupedBy: string | undefined;
  /** Milliseconds the last sort took in the webview, from the sort to its lines drawn. */
  readonly sortMs: number | undefined;
  /** The filter line: the server filter (if any), then each local bound. */
  readonly filterLine: readonly string[];
  /** When the page got where (the bench splits the wait for the first rows with it). */
  readonly page: PageTiming;
}

/**
 * The page's own clock: `origin` is its document's start (epoch ms, `performance.timeOrigin`), the
 * rest are ms after it: its script fetched and started, and its first lines drawn (once there are).
 */
export interface PageTiming {
  readonly origin: number;
  readonly scriptFetchedMs: number | undefined;
  readonly scriptStartMs: number;
  readonly firstLinesMs: number | undefined;
}

export type RunsTableWebviewMessage =
  | ReadyMessage
  | RunsTableColumns
  | RunsTableSort
  | RunsTableAskFilter
  | RunsTableRefresh
  | RunsTableNeedFigures
  | RunsTableAction
  | RunsTableExport
  | RunsTableRendered
  | RunsTableNeedSeries
  | RunsTableChartsRendered;

const isKey = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= MAX_COLUMN_KEY;
const isStep = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const oneOf = (list: readonly string[], v: unknown): boolean => typeof v === 'string' && list.includes(v);

/** True for a column the table knows: exact keys per kind, bounded key. */
export function isColumn(v: unknown): v is Column {
  if (!isRecord(v)) {
    return false;
  }
  switch (v.kind) {
    case 'attr':
      return hasOnlyKeys(v, ['kind', 'attr']) && oneOf(ATTRIBUTES, v.attr);
    case 'metric':
    case 'param':
    case 'tag':
      return hasOnlyKeys(v, ['kind', 'key']) && isKey(v.key);
    case 'agg':
      return (
        hasOnlyKeys(v, ['kind', 'fn', 'key', 'at']) &&
        oneOf(AGGREGATES, v.fn) &&
        isKey(v.key) &&
        (v.at === undefined || isStep(v.at))
      );
    default:
      return false;
  }
}

const isAxisColumn = (v: unknown): v is AxisColumn =>
  isColumn(v) && (v.kind === 'metric' || v.kind === 'param' || v.kind === 'agg');

const isOptNumber = (v: unknown): boolean => v === undefined || (typeof v === 'number' && Number.isFinite(v));
const isBound = (v: unknown): v is ColumnBound =>
  isRecord(v) &&
  hasOnlyKeys(v, ['column', 'min', 'max']) &&
  isColumn(v.column) &&
  isOptNumber(v.min) &&
  isOptNumber(v.max);

const isColumns = (v: unknown): boolean =>
  Array.isArray(v) && v.length <= MAX_COLUMNS + 10 && v.every(isColumn);
const isRunIds = (v: unknown): boolean => Array.isArray(v) && v.length <= MAX_ACTION_RUNS && v.every(isRunId);
const isShortStrings = (v: unknown): boolean =>
  Array.isArray(v) && v.length <= 50 && v.every((s) => typeof s === 'string' && s.length <= 500);
const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isTime = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isPageTiming = (v: unknown): boolean =>
  hasOnlyKeys(v, ['origin', 'scriptFetchedMs', 'scriptStartMs', 'firstLinesMs']) &&
  isTime(v.origin) &&
  isTime(v.scriptStartMs) &&
  (v.scriptFetchedMs === undefined || isTime(v.scriptFetchedMs)) &&
  (v.firstLinesMs === undefined || isTime(v.firstLinesMs));
const isOptLabel = (v: unknown): boolean =>
  v === undefined || (typeof v === 'string' && v.length <= MAX_COLUMN_KEY + 20);

const WEBVIEW_CHECKS = {
  ready: (m) => hasOnlyKeys(m, ['type']),
  'runsTable/columns': (m) => hasOnlyKeys(m, ['type', 'columns']) && isColumns(m.columns),
  'runsTable/sort': (m) =>
    hasOnlyKeys(m, ['type', 'column', 'ascending']) && isColumn(m.column) && typeof m.ascending === 'boolean',
  'runsTable/askFilter': (m) => hasOnlyKeys(m, ['type']),
  'runsTable/refresh': (m) => hasOnlyKeys(m, ['type']),
  'runsTable/needFigures': (m) =>
    hasOnlyKeys(m, ['type', 'key', 'steps']) &&
    isKey(m.key) &&
    Array.isArray(m.steps) &&
    m.steps.length <= MAX_STEPS &&
    m.steps.every(isStep),
  'runsTable/action': (m) =>
    hasOnlyKeys(m, ['type', 'action', 'runIds']) &&
    oneOf(['compare', 'openRun', 'addToComparison', 'copyIds'], m.action) &&
    isRunIds(m.runIds),
  'runsTable/exportCsv': (m) =>
    hasOnlyKeys(m, ['type', 'runIds', 'columns']) && isRunIds(m.runIds) && isColumns(m.columns),
  'runsTable/rendered': (m) =>
    hasOnlyKeys(m, [
      'type',
      'lines',
      'domRows',
      'domCells',
      'firstLines',
      'sortedBy',
      'groupedBy',
      'sortMs',
      'filterLine',
      'page',
    ]) &&
    isPageTiming(m.page) &&
    Array.isArray(m.filterLine) &&
    m.filterLine.length <= MAX_BOUNDS + 1 &&
    isShortStrings(m.filterLine) &&
    (m.sortMs === undefined ||
      (typeof m.sortMs === 'number' && Number.isFinite(m.sortMs) && m.sortMs >= 0)) &&
    isCount(m.lines) &&
    isCount(m.domRows) &&
    isCount(m.domCells) &&
    isShortStrings(m.firstLines) &&
    isOptLabel(m.sortedBy) &&
    isOptLabel(m.groupedBy),
  'runsTable/needSeries': (m) =>
    hasOnlyKeys(m, ['type', 'key', 'runIds', 'maxPoints', 'times']) &&
    (m.times === undefined || typeof m.times === 'boolean') &&
    isKey(m.key) &&
    Array.isArray(m.runIds) &&
    m.runIds.length <= MAX_CHART_RUNS &&
    m.runIds.every(isRunId) &&
    typeof m.maxPoints === 'number' &&
    Number.isSafeInteger(m.maxPoints) &&
    m.maxPoints >= 10 &&
    m.maxPoints <= 2500,
  'runsTable/chartsRendered': (m) =>
    hasOnlyKeys(m, [
      'type',
      'view',
      'lines',
      'points',
      'maxLinePoints',
      'drawMs',
      'waiting',
      'scatterPoints',
      'cards',
      'cardsDrawn',
      'liveCharts',
      'parallelLines',
      'parallelAxes',
      'axes',
      'selected',
      'heapMb',
    ]) &&
    oneOf(CHART_VIEWS, m.view) &&
    isShortStrings(m.axes) &&
    [
      m.lines,
      m.points,
      m.maxLinePoints,
      m.waiting,
      m.scatterPoints,
      m.cards,
      m.cardsDrawn,
      m.liveCharts,
      m.parallelLines,
      m.parallelAxes,
      m.selected,
    ].every(isCount) &&
    typeof m.drawMs === 'number' &&
    Number.isFinite(m.drawMs) &&
    m.drawMs >= 0 &&
    (m.heapMb === undefined || (typeof m.heapMb === 'number' && Number.isFinite(m.heapMb) && m.heapMb >= 0)),
} satisfies MessageChecks<RunsTableWebviewMessage['type']>;

/** Guard for everything the runs table webview sends: exact keys, bounded sizes, known types. */
export function isRunsTableWebviewMessage(v: unknown): v is RunsTableWebviewMessage {
  return checkMessage(WEBVIEW_CHECKS, v);
}

const isWireNumber = (v: unknown): boolean =>
  (typeof v === 'number' && Number.isFinite(v)) || oneOf(['NaN', 'Infinity', '-Infinity'], v);
const isPairs = (v: unknown, value: (x: unknown) => boolean): boolean =>
  Array.isArray(v) &&
  v.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && value(p[1]));
const isOptTime = (v: unknown): boolean => v === null || (typeof v === 'number' && Number.isFinite(v));
const isString = (v: unknown): boolean => typeof v === 'string';

/** True for a row as {@link toWire} makes it: exact keys, each field of its type. */
export function isWireRow(v: unknown): v is WireRow {
  return (
    hasOnlyKeys(v, [
      'runId',
      'name',
      'status',
      'startTime',
      'endTime',
      'user',
      'source',
      'parentId',
      'metrics',
      'params',
      'tags',
    ]) &&
    isRunId(v.runId) &&
    [v.name, v.status, v.user, v.source].every(isString) &&
    isOptTime(v.startTime) &&
    isOptTime(v.endTime) &&
    (v.parentId === null || isString(v.parentId)) &&
    isPairs(v.metrics, isWireNumber) &&
    isPairs(v.params, isString) &&
    isPairs(v.tags, isString)
  );
}

const HOST_CHECKS = {
  'runsTable/init': (m) =>
    typeof m.experimentId === 'string' &&
    typeof m.experimentName === 'string' &&
    Array.isArray(m.columns) &&
    typeof m.filter === 'string',
  'runsTable/rows': (m) =>
    Array.isArray(m.rows) && typeof m.reset === 'boolean' && typeof m.done === 'boolean' && isCount(m.loaded),
  'runsTable/updateRows': (m) =>
    hasOnlyKeys(m, ['type', 'rows']) &&
    Array.isArray(m.rows) &&
    m.rows.length <= MAX_UPDATED_ROWS &&
    m.rows.every(isWireRow),
  'runsTable/applySort': (m) => isColumn(m.column) && typeof m.ascending === 'boolean',
  'runsTable/applyBounds': (m) =>
    Array.isArray(m.bounds) && m.bounds.length <= MAX_BOUNDS && m.bounds.every(isBound),
  'runsTable/figures': (m) =>
    typeof m.key === 'string' && Array.isArray(m.figures) && typeof m.done === 'boolean',
  'runsTable/series': (m) =>
    typeof m.key === 'string' &&
    typeof m.reset === 'boolean' &&
    typeof m.done === 'boolean' &&
    isSeriesBatch(m.batch),
  'runsTable/showView': (m) =>
    oneOf(CHART_VIEWS, m.view) &&
    (m.key === undefined || typeof m.key === 'string') &&
    (m.axes === undefined ||
      (Array.isArray(m.axes) && m.axes.length <= MAX_PARALLEL_AXES && m.axes.every(isAxisColumn))) &&
    (m.xAxis === undefined || oneOf(LINE_X_AXES, m.xAxis)),
} satisfies MessageChecks<RunsTableHostMessage['type']>;

/** Guard for what the host sends (the webview trusts nothing it has not checked). */
export function isRunsTableHostMessage(v: unknown): v is RunsTableHostMessage {
  return checkMessage(HOST_CHECKS, v);
}
