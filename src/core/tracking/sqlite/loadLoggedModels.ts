import type { LoggedModel } from '../../registry/entities/loggedModel';
import type { Metric } from '../entities/metric';
import type { Param, Tag } from '../entities/tag';
import { int, text, type SqlRow, type SqliteDatabase } from './sqliteDatabase';

/** The database stores the status enum's number; the REST API spells its name. */
const STATUS: Readonly<Record<number, string>> = {
  0: 'LOGGED_MODEL_STATUS_UNSPECIFIED',
  1: 'LOGGED_MODEL_PENDING',
  2: 'LOGGED_MODEL_READY',
  3: 'LOGGED_MODEL_UPLOAD_FAILED',
};

function byModel<T>(db: SqliteDatabase, table: string, map: (row: SqlRow) => T): Map<string, T[]> {
  const out = new Map<string, T[]>();
  if (!db.hasTable(table)) {
    return out;
  }
  for (const row of db.all(`SELECT * FROM ${table} ORDER BY rowid`)) {
    const id = String(row.model_id);
    out.set(id, [...(out.get(id) ?? []), map(row)]);
  }
  return out;
}

/**
 * Active MLflow 3 logged models of the given experiments (tables `logged_models`,
 * `logged_model_tags|params|metrics`, added in 3.0), newest first. None on older schemas.
 */
export function loadLoggedModels(db: SqliteDatabase, experimentIds: readonly string[]): LoggedModel[] {
  if (!db.hasTable('logged_models') || experimentIds.length === 0) {
    return [];
  }
  const tags = byModel(db, 'logged_model_tags', (r): Tag => ({ key: String(r.tag_key), value: text(r.tag_value) ?? '' }));
  const params = byModel(db, 'logged_model_params', (r): Param => ({ key: String(r.param_key), value: text(r.param_value) ?? '' }));
  const metrics = byModel(db, 'logged_model_metrics', (r): Metric => ({
    key: String(r.metric_name),
    value: r.metric_value === null ? Number.NaN : Number(r.metric_value),
    timestamp: int(r.metric_timestamp_ms) ?? 0,
    step: int(r.metric_step) ?? 0,
  }));
  const marks = experimentIds.map(() => '?').join(',');
  const stage = db.hasColumn('logged_models', 'lifecycle_stage') ? " AND (lifecycle_stage IS NULL OR lifecycle_stage = 'active')" : '';
  return db
    .all(`SELECT * FROM logged_models WHERE experiment_id IN (${marks})${stage} ORDER BY creation_timestamp_ms DESC, model_id`, experimentIds)
    .map((row): LoggedModel => {
      const id = String(row.model_id);
      const status = int(row.status);
      return {
        modelId: id,
        experimentId: String(row.experiment_id),
        name: text(row.name) ?? '',
        artifactUri: text(row.artifact_location),
        creationTimestampMs: int(row.creation_timestamp_ms),
        lastUpdatedTimestampMs: int(row.last_updated_timestamp_ms),
        modelType: text(row.model_type),
        sourceRunId: text(row.source_run_id),
        status: status === undefined ? undefined : (STATUS[status] ?? String(status)),
        tags: tags.get(id) ?? [],
        params: params.get(id) ?? [],
        metrics: metrics.get(id) ?? [],
      };
    });
}
