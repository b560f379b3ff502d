import type { SqliteDatabase, SqlRow } from '../../tracking/sqlite/sqliteDatabase';
import { int, text } from '../../tracking/sqlite/sqliteDatabase';
import type { Assessment } from '../entities/assessment';
import type { TraceInfo } from '../entities/traceInfo';
import { buildTraceInfo } from '../parse/buildTraceInfo';
import { assessmentError, decodeJsonText, stringMap } from '../parse/parseAssessment';
import { optSpanIdHex } from '../parse/spanId';

/** Which traces to load: an experiment's, or some ids. */
export type TraceSelection = { readonly experimentId: string } | { readonly traceIds: readonly string[] };

function where(s: TraceSelection, column: string): { sql: string; params: string[] } {
  if ('experimentId' in s) {
    return {
      sql: `${column} IN (SELECT request_id FROM trace_info WHERE CAST(experiment_id AS TEXT) = ?)`,
      params: [s.experimentId],
    };
  }
  return { sql: `${column} IN (${s.traceIds.map(() => '?').join(',') || 'NULL'})`, params: [...s.traceIds] };
}

/** `key`/`value` rows of a trace side table, grouped by trace. */
function keyValues(
  db: SqliteDatabase,
  table: string,
  s: TraceSelection,
): Map<string, Array<[string, string]>> {
  const out = new Map<string, Array<[string, string]>>();
  if (!db.hasTable(table)) {
    return out;
  }
  const w = where(s, 'request_id');
  for (const row of db.all(`SELECT request_id, key, value FROM ${table} WHERE ${w.sql}`, w.params)) {
    const id = text(row.request_id) ?? '';
    const list = out.get(id) ?? [];
    list.push([text(row.key) ?? '', text(row.value) ?? '']);
    out.set(id, list);
  }
  return out;
}

function jsonColumn(cell: string | undefined): unknown {
  if (cell === undefined) {
    return undefined;
  }
  try {
    return JSON.parse(cell) as unknown;
  } catch {
    return undefined;
  }
}

/** One `assessments` row in the entity REST gives for it. */
function assessmentFromRow(row: SqlRow): Assessment {
  const error = jsonColumn(text(row.error));
  return {
    assessmentId: text(row.assessment_id) ?? '',
    name: text(row.name) ?? '',
    traceId: text(row.trace_id) ?? '',
    spanId: optSpanIdHex(text(row.span_id)),
    kind: text(row.assessment_type) === 'expectation' ? 'expectation' : 'feedback',
    value: decodeJsonText(text(row.value) ?? 'null'),
    error: error === undefined || error === null ? undefined : assessmentError(error),
    rationale: text(row.rationale) || undefined,
    sourceType: text(row.source_type) ?? 'SOURCE_TYPE_UNSPECIFIED',
    sourceId: text(row.source_id) || undefined,
    createTimeMs: int(row.created_timestamp) ?? 0,
    lastUpdateTimeMs: int(row.last_updated_timestamp) ?? int(row.created_timestamp) ?? 0,
    metadata: stringMap(jsonColumn(text(row.assessment_metadata))),
    overrides: text(row.overrides) || undefined,
    valid: row.valid !== 0 && row.valid !== '0',
  };
}

function assessments(db: SqliteDatabase, s: TraceSelection): Map<string, Assessment[]> {
  const out = new Map<string, Assessment[]>();
  if (!db.hasTable('assessments')) {
    return out;
  }
  const w = where(s, 'trace_id');
  for (const row of db.all(`SELECT * FROM assessments WHERE ${w.sql}`, w.params)) {
    const a = assessmentFromRow(row);
    out.set(a.traceId, [...(out.get(a.traceId) ?? []), a]);
  }
  return out;
}

/**
 * The trace infos of `trace_info` with their tags, metadata and assessments, built exactly as
 * the REST answers of a server over the same database read. Columns and tables added by later
 * MLflow versions (previews, client_request_id, assessments) are optional.
 */
export function loadTraceInfos(db: SqliteDatabase, s: TraceSelection): TraceInfo[] {
  if (!db.hasTable('trace_info')) {
    return [];
  }
  const optional = ['client_request_id', 'request_preview', 'response_preview'].map((c) =>
    db.hasColumn('trace_info', c) ? c : `NULL AS ${c}`,
  );
  const w = where(s, 'request_id');
  const rows = db.all(
    `SELECT request_id, experiment_id, timestamp_ms, execution_time_ms, status, ${optional.join(', ')} FROM trace_info WHERE ${w.sql}`,
    w.params,
  );
  const tags = keyValues(db, 'trace_tags', s);
  const metadata = keyValues(db, 'trace_request_metadata', s);
  const marks = assessments(db, s);
  return rows.map((row) => {
    const id = text(row.request_id) ?? '';
    return buildTraceInfo({
      traceId: id,
      experimentId: text(row.experiment_id) ?? '',
      requestTimeMs: int(row.timestamp_ms) ?? 0,
      executionDurationMs: int(row.execution_time_ms),
      state: text(row.status) ?? 'STATE_UNSPECIFIED',
      requestPreview: text(row.request_preview),
      responsePreview: text(row.response_preview),
      clientRequestId: text(row.client_request_id),
      metadata: Object.fromEntries(metadata.get(id) ?? []),
      tags: Object.fromEntries(tags.get(id) ?? []),
      assessments: marks.get(id) ?? [],
    });
  });
}
