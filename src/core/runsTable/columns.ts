import { qualifiedKey } from '../explorer/searchKeys';
import { formatDuration, formatMetric, formatTimestamp } from '../explorer/runSummary';
import type { TableRow } from './tableRow';

/** The run attributes every table shows. */
export const ATTRIBUTES = ['name', 'status', 'start', 'duration', 'user', 'source'] as const;
export type Attribute = (typeof ATTRIBUTES)[number];

/** What an aggregate column computes from a metric's history. */
export const AGGREGATES = ['min', 'max', 'first', 'last', 'step'] as const;
export type AggregateFn = (typeof AGGREGATES)[number];

/** One column of the runs table. */
export type Column =
  | { readonly kind: 'attr'; readonly attr: Attribute }
  | { readonly kind: 'metric' | 'param' | 'tag'; readonly key: string }
  /** `step` is the value at step N (`at`): the last value logged at a step ≤ N. */
  | { readonly kind: 'agg'; readonly fn: AggregateFn; readonly key: string; readonly at?: number };

/** The figures of one metric of one run that aggregate columns read. */
export interface MetricFigures {
  readonly min: number;
  readonly max: number;
  readonly first: number;
  readonly last: number;
  /** Value at each asked step (undefined: nothing logged at or before it). */
  readonly at: ReadonlyMap<number, number | undefined>;
}

/** Where cells of aggregate columns come from: the figures of (run, metric key), once loaded. */
export type FiguresLookup = (runId: string, key: string) => MetricFigures | undefined;

export type CellValue = string | number | undefined;

/** The default columns: the attributes. */
export const DEFAULT_COLUMNS: readonly Column[] = ATTRIBUTES.map((attr) => ({ kind: 'attr', attr }));

/** A stable identity of a column, for maps and for the webview's state. */
export function columnId(c: Column): string {
  switch (c.kind) {
    case 'attr':
      return `attr:${c.attr}`;
    case 'agg':
      return `agg:${c.fn}${c.fn === 'step' ? `@${String(c.at ?? 0)}` : ''}:${c.key}`;
    default:
      return `${c.kind}:${c.key}`;
  }
}

const ATTR_TITLES: Record<Attribute, string> = {
  name: 'Run',
  status: 'Status',
  start: 'Started',
  duration: 'Duration',
  user: 'User',
  source: 'Source',
};

/** The column's header text. */
export function columnTitle(c: Column): string {
  switch (c.kind) {
    case 'attr':
      return ATTR_TITLES[c.attr];
    case 'agg':
      return `${c.key} (${c.fn === 'step' ? `@${String(c.at ?? 0)}` : c.fn})`;
    default:
      return c.key;
  }
}

/** True for columns whose cells are numbers (sorted as numbers, summarised in groups). */
export function isNumeric(c: Column): boolean {
  return (
    c.kind === 'metric' ||
    c.kind === 'agg' ||
    (c.kind === 'attr' && (c.attr === 'start' || c.attr === 'duration'))
  );
}

/** The value a cell sorts by; `now` gives a running run's duration. */
export function cellValue(row: TableRow, c: Column, figures: FiguresLookup, now: number): CellValue {
  switch (c.kind) {
    case 'attr':
      return attrValue(row, c.attr, now);
    case 'metric':
      return row.metrics.get(c.key);
    case 'param':
      return row.params.get(c.key);
    case 'tag':
      return row.tags.get(c.key);
    case 'agg': {
      const f = figures(row.runId, c.key);
      if (f === undefined) {
        return undefined;
      }
      return c.fn === 'step' ? f.at.get(c.at ?? 0) : f[c.fn];
    }
  }
}

function attrValue(row: TableRow, attr: Attribute, now: number): CellValue {
  switch (attr) {
    case 'name':
      return row.name === '' ? row.runId.slice(0, 8) : row.name;
    case 'status':
      return row.status;
    case 'start':
      return row.startTime;
    case 'duration': {
      if (row.startTime === undefined) {
        return undefined;
      }
      const end = row.endTime ?? (row.status === 'RUNNING' ? now : undefined);
      return end === undefined ? undefined : Math.max(0, end - row.startTime);
    }
    case 'user':
      return row.user;
    case 'source':
      return row.source;
  }
}

/** Longest text a cell shows; the rest of a 1 MB value stays in the host. */
export const MAX_CELL_TEXT = 200;

/** A cell's text. */
export function cellText(value: CellValue, c: Column): string {
  if (value === undefined) {
    return '';
  }
  if (typeof value === 'string') {
    return value.length > MAX_CELL_TEXT ? `${value.slice(0, MAX_CELL_TEXT)}…` : value;
  }
  if (c.kind === 'attr' && c.attr === 'start') {
    return formatTimestamp(value);
  }
  if (c.kind === 'attr' && c.attr === 'duration') {
    return formatDuration(value);
  }
  return formatMetric(value);
}

/**
 * The `order_by` term MLflow's run search accepts for this column, or undefined when only a local
 * sort can order it (duration, user, source, aggregates: MLflow orders by none of them).
 */
export function serverOrderBy(c: Column, ascending: boolean): string | undefined {
  const dir = ascending ? 'ASC' : 'DESC';
  switch (c.kind) {
    case 'attr':
      return c.attr === 'name'
        ? `attributes.run_name ${dir}`
        : c.attr === 'start'
          ? `attributes.start_time ${dir}`
          : c.attr === 'status'
            ? `attributes.status ${dir}`
            : undefined;
    case 'metric':
      return `${qualifiedKey('metrics', c.key)} ${dir}`;
    case 'param':
      return `${qualifiedKey('params', c.key)} ${dir}`;
    case 'tag':
      return `${qualifiedKey('tags', c.key)} ${dir}`;
    case 'agg':
      return undefined;
  }
}
