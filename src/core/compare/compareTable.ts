import { displayText } from '../explorer/displayText';
import type { Metric } from '../tracking/entities/metric';
import type { Run } from '../tracking/entities/run';
import { lowerIsBetter } from './lowerIsBetter';
import type { MetricAggregate } from './metricAggregates';
import { MAX_CELL_TEXT, RUN_ATTRIBUTES } from './runAttributes';

/** The sections of the compare table, in display order. */
export type RowSection = 'attributes' | 'params' | 'metrics' | 'tags';

/** One run's value in a row. */
export interface CompareCell {
  /** What is shown (and exported): server strings cut to 1,000 characters, control characters made visible. */
  readonly text: string;
  /** The number behind a numeric metric or param (NaN and ±Infinity included). */
  readonly value?: number;
  /** A numeric order for attribute cells whose text does not sort (start time, duration); not for display. */
  readonly sortKey?: number;
}

/** One compared key, with a cell per run (undefined where the run lacks the key). */
export interface CompareRow {
  readonly section: RowSection;
  readonly key: string;
  readonly label: string;
  readonly cells: ReadonlyArray<CompareCell | undefined>;
  /** Some run lacks the key, or the present cells' texts are not all equal. */
  readonly differs: boolean;
  /** Column index of the best metric value (see {@link lowerIsBetter}); absent unless ≥ 2 finite values differ. */
  readonly best?: number;
}

/** Runs as columns (in `runIds` order), compared keys as rows. */
export interface CompareTable {
  readonly runIds: readonly string[];
  readonly rows: readonly CompareRow[];
}

/** What {@link buildCompareTable} includes and how it reads metric values. */
export interface CompareTableOptions {
  /** Which metric keys to include, in this order; all keys of the runs' latest metrics (sorted) when absent. */
  readonly metricKeys?: readonly string[];
  /** Which value of a metric's history to show; `last` by default. */
  readonly metricStat?: 'last' | 'min' | 'max';
  /** Aggregates computed from full histories; `last` falls back to the run's latest metric when absent. */
  readonly aggregates?: (runId: string, key: string) => MetricAggregate | undefined;
  /** Include `mlflow.*` tags; default false (the attributes section already shows the useful ones). */
  readonly includeSystemTags?: boolean;
  /** The clock for a running run's duration; `Date.now()` by default. */
  readonly now?: number;
}

/** Largest magnitude a SQL-backed MLflow stores; it clamps ±Infinity to it, so it means infinite. */
const MAX_DOUBLE = 1.7976931348623157e308;

/** Build the compare table of `runs` (columns in the given order). */
export function buildCompareTable(runs: readonly Run[], opts: CompareTableOptions = {}): CompareTable {
  const now = opts.now ?? Date.now();
  const rows: CompareRow[] = [];
  for (const a of RUN_ATTRIBUTES) {
    const cells = runs.map((r): CompareCell | undefined => {
      const text = a.text(r, now);
      const sortKey = a.sortKey?.(r, now);
      return text === undefined ? undefined : sortKey === undefined ? { text } : { text, sortKey };
    });
    if (cells.some((c) => c !== undefined)) {
      rows.push(row('attributes', a.key, a.label, cells));
    }
  }
  const params = runs.map((r) => new Map(r.data.params.map((p) => [p.key, p.value])));
  for (const key of sortedKeys(params)) {
    rows.push(
      row(
        'params',
        key,
        key,
        params.map((m) => paramCell(m.get(key))),
      ),
    );
  }
  const latest = runs.map((r) => new Map(r.data.metrics.map((m): [string, Metric] => [m.key, m])));
  const stat = opts.metricStat ?? 'last';
  for (const key of opts.metricKeys ?? sortedKeys(latest)) {
    const cells = runs.map((r, i) => {
      const v = metricValue(opts.aggregates?.(r.info.runId, key), stat, latest[i]?.get(key));
      return v === undefined ? undefined : { text: numberText(v), value: v };
    });
    rows.push(withBest(row('metrics', key, key, cells), lowerIsBetter(key)));
  }
  const tags = runs.map(
    (r) =>
      new Map(
        r.data.tags
          .filter((t) => opts.includeSystemTags === true || !t.key.startsWith('mlflow.'))
          .map((t) => [t.key, t.value]),
      ),
  );
  for (const key of sortedKeys(tags)) {
    rows.push(
      row(
        'tags',
        key,
        key,
        tags.map((m) => textCell(m.get(key))),
      ),
    );
  }
  return { runIds: runs.map((r) => r.info.runId), rows };
}

/** Only the rows whose runs differ ({@link CompareRow.differs}). */
export function onlyDifferences(t: CompareTable): CompareTable {
  return { runIds: t.runIds, rows: t.rows.filter((r) => r.differs) };
}

/** Sort order for {@link sortRunsBy}. */
export type SortDirection = 'asc' | 'desc';

/**
 * Reorder the runs (columns) by one row's cells: by number when cells have one (metric and param
 * values, times, durations), otherwise by text with digits compared as numbers; numbers come
 * before texts and missing cells always come last. Equal cells keep their order. An unknown
 * row index returns the table unchanged.
 */
export function sortRunsBy(t: CompareTable, rowIndex: number, dir: SortDirection): CompareTable {
  const by = t.rows[rowIndex];
  if (by === undefined) {
    return t;
  }
  const sign = dir === 'asc' ? 1 : -1;
  const order = t.runIds.map((_, i) => i);
  order.sort((i, j) => compareCells(by.cells[i], by.cells[j], sign) || i - j);
  const rows = t.rows.map((r): CompareRow => {
    const moved = { ...r, cells: order.map((i) => r.cells[i]) };
    if (r.best === undefined) {
      return moved;
    }
    return { ...moved, best: order.indexOf(r.best) };
  });
  return { runIds: order.map((i) => t.runIds[i] ?? ''), rows };
}

function compareCells(a: CompareCell | undefined, b: CompareCell | undefined, sign: number): number {
  if (a === undefined || b === undefined) {
    return a === b ? 0 : a === undefined ? 1 : -1;
  }
  const x = numberOf(a);
  const y = numberOf(b);
  if (x !== undefined && y !== undefined) {
    return x === y ? 0 : (x < y ? -1 : 1) * sign;
  }
  if (x !== undefined || y !== undefined) {
    return x !== undefined ? -1 : 1;
  }
  return a.text.localeCompare(b.text, undefined, { numeric: true }) * sign;
}

/** The number a cell sorts by; NaN sorts as text ("NaN") after the numbers. */
function numberOf(c: CompareCell): number | undefined {
  const n = c.value ?? c.sortKey;
  return n === undefined || Number.isNaN(n) ? undefined : n;
}

function row(
  section: RowSection,
  key: string,
  label: string,
  cells: ReadonlyArray<CompareCell | undefined>,
): CompareRow {
  const texts = new Set<string>();
  let missing = false;
  for (const c of cells) {
    if (c === undefined) {
      missing = true;
    } else {
      texts.add(c.text);
    }
  }
  return { section, key, label, cells, differs: missing || texts.size > 1 };
}

/** Mark the best cell: the min (or max) of the finite values, when at least two differ. */
function withBest(r: CompareRow, lower: boolean): CompareRow {
  let best = -1;
  let bestValue = NaN;
  let finite = 0;
  let allEqual = true;
  for (let i = 0; i < r.cells.length; i++) {
    const v = r.cells[i]?.value;
    if (v === undefined || !Number.isFinite(v) || Math.abs(v) >= MAX_DOUBLE) {
      continue;
    }
    if (finite > 0 && v !== bestValue) {
      allEqual = false;
    }
    finite++;
    if (best < 0 || (lower ? v < bestValue : v > bestValue)) {
      best = i;
      bestValue = v;
    }
  }
  return finite >= 2 && !allEqual ? { ...r, best } : r;
}

function metricValue(
  agg: MetricAggregate | undefined,
  stat: 'last' | 'min' | 'max',
  latest: Metric | undefined,
): number | undefined {
  if (agg !== undefined) {
    return agg[stat];
  }
  return stat === 'last' ? latest?.value : undefined;
}

/** A metric value in full precision, so two values that differ never show the same text. */
export function numberText(v: number): string {
  if (Number.isNaN(v)) {
    return 'NaN';
  }
  if (!Number.isFinite(v) || Math.abs(v) >= MAX_DOUBLE) {
    return v > 0 ? 'Infinity' : '-Infinity';
  }
  return String(v);
}

const NUMERIC = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

function paramCell(value: string | undefined): CompareCell | undefined {
  if (value === undefined) {
    return undefined;
  }
  const cell = { text: displayText(value, MAX_CELL_TEXT) };
  return NUMERIC.test(value) ? { ...cell, value: Number(value) } : cell;
}

function textCell(value: string | undefined): CompareCell | undefined {
  return value === undefined ? undefined : { text: displayText(value, MAX_CELL_TEXT) };
}

function sortedKeys(maps: ReadonlyArray<ReadonlyMap<string, unknown>>): string[] {
  const keys = new Set<string>();
  for (const m of maps) {
    for (const k of m.keys()) {
      keys.add(k);
    }
  }
  return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
