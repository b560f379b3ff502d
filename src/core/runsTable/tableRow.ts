import { PARENT_RUN_TAG } from '../tracking/entities/tag';
import type { Run } from '../tracking/entities/run';
import { fromWireNumber, toWireNumber, type WireNumber } from './wireNumber';

/**
 * One run as the runs table holds it: its attributes and its latest metrics, params and tags by
 * key. Maps, not plain objects: a key is server data, and `__proto__` or `constructor` as an
 * object's field would reach its prototype.
 */
export interface TableRow {
  readonly runId: string;
  /** The run name as logged ('' when none; the table then shows the start of the id). */
  readonly name: string;
  readonly status: string;
  readonly startTime: number | undefined;
  readonly endTime: number | undefined;
  readonly user: string;
  readonly source: string;
  /** The parent run's id (`mlflow.parentRunId`), for nesting. */
  readonly parentId: string | undefined;
  readonly metrics: ReadonlyMap<string, number>;
  /** Per metric key, `step:timestamp` of its latest value: changes when a running run logs more. */
  readonly metricVersions: ReadonlyMap<string, string>;
  readonly params: ReadonlyMap<string, string>;
  readonly tags: ReadonlyMap<string, string>;
}

/** A row as it crosses to the webview: pairs instead of maps, JSON-safe numbers. */
export interface WireRow {
  readonly runId: string;
  readonly name: string;
  readonly status: string;
  readonly startTime: number | null;
  readonly endTime: number | null;
  readonly user: string;
  readonly source: string;
  readonly parentId: string | null;
  readonly metrics: ReadonlyArray<readonly [string, WireNumber]>;
  readonly params: ReadonlyArray<readonly [string, string]>;
  readonly tags: ReadonlyArray<readonly [string, string]>;
}

/** The table's row of a run. */
export function tableRow(run: Run): TableRow {
  const tags = new Map(run.data.tags.map((t) => [t.key, t.value]));
  return {
    runId: run.info.runId,
    name: run.info.runName ?? tags.get('mlflow.runName') ?? '',
    status: run.info.status,
    startTime: run.info.startTime,
    endTime: run.info.endTime,
    user: run.info.userId ?? tags.get('mlflow.user') ?? '',
    source: tags.get('mlflow.source.name') ?? '',
    parentId: tags.get(PARENT_RUN_TAG),
    metrics: new Map(run.data.metrics.map((m) => [m.key, m.value])),
    metricVersions: new Map(run.data.metrics.map((m) => [m.key, `${String(m.step)}:${String(m.timestamp)}`])),
    params: new Map(run.data.params.map((p) => [p.key, p.value])),
    tags,
  };
}

export function toWire(row: TableRow): WireRow {
  return {
    runId: row.runId,
    name: row.name,
    status: row.status,
    startTime: row.startTime ?? null,
    endTime: row.endTime ?? null,
    user: row.user,
    source: row.source,
    parentId: row.parentId ?? null,
    metrics: [...row.metrics].map(([k, v]) => [k, toWireNumber(v)] as const),
    params: [...row.params],
    tags: [...row.tags],
  };
}

export function fromWire(w: WireRow): TableRow {
  return {
    runId: w.runId,
    name: w.name,
    status: w.status,
    startTime: w.startTime ?? undefined,
    endTime: w.endTime ?? undefined,
    user: w.user,
    source: w.source,
    parentId: w.parentId ?? undefined,
    metrics: new Map(w.metrics.map(([k, v]) => [k, fromWireNumber(v)])),
    metricVersions: new Map(),
    params: new Map(w.params),
    tags: new Map(w.tags),
  };
}

/** Every metric, param and tag key of these rows, sorted (MLflow's own `mlflow.` tags last). */
export function rowKeys(rows: Iterable<TableRow>): { metrics: string[]; params: string[]; tags: string[] } {
  const metrics = new Set<string>();
  const params = new Set<string>();
  const tags = new Set<string>();
  for (const r of rows) {
    r.metrics.forEach((_, k) => metrics.add(k));
    r.params.forEach((_, k) => params.add(k));
    r.tags.forEach((_, k) => tags.add(k));
  }
  const sorted = (s: Set<string>): string[] => [...s].sort((a, b) => a.localeCompare(b));
  const system = (k: string): number => (k.startsWith('mlflow.') ? 1 : 0);
  return {
    metrics: sorted(metrics),
    params: sorted(params),
    tags: sorted(tags).sort((a, b) => system(a) - system(b)),
  };
}
