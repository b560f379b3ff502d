import {
  loggedModelStatusName,
  metricOrigin,
  type LoggedModel,
  type LoggedModelMetric,
} from '../entities/loggedModel';
import type { Param, Tag } from '../entities/tag';
import { int, text, type SqlRow, type SqliteDatabase } from './sqliteDatabase';

function byModel<T>(
  db: SqliteDatabase,
  table: string,
  orderBy: string,
  map: (row: SqlRow) => T,
): Map<string, T[]> {
  const out = new Map<string, T[]>();
  if (!db.hasTable(table)) {
    return out;
  }
  for (const row of db.all(`SELECT * FROM ${table} ORDER BY ${orderBy}`)) {
    const id = String(row.model_id);
    out.set(id, [...(out.get(id) ?? []), map(row)]);
  }
  return out;
}

/** Which logged models {@link loadLoggedModels} reads; every given field must match. */
export interface LoggedModelQuery {
  readonly experimentIds?: readonly string[];
  readonly sourceRunId?: string;
  readonly modelId?: string;
}

/**
 * Active MLflow 3 logged models (tables `logged_models`, `logged_model_tags|params|metrics`,
 * added in 3.0), newest first, then by id, as MLflow's stores order them. None on older schemas.
 */
export function loadLoggedModels(db: SqliteDatabase, query: LoggedModelQuery): LoggedModel[] {
  if (!db.hasTable('logged_models') || query.experimentIds?.length === 0) {
    return [];
  }
  // MLflow's SQL store answers tags and params in key order (it reads them through their primary
  // key index, as recorded in 3.11.1 `rest/109`) and metrics, every logged value, in insertion order.
  const tags = byModel(db, 'logged_model_tags', 'tag_key', (r): Tag => ({
    key: String(r.tag_key),
    value: text(r.tag_value) ?? '',
  }));
  const params = byModel(db, 'logged_model_params', 'param_key', (r): Param => ({
    key: String(r.param_key),
    value: text(r.param_value) ?? '',
  }));
  const metrics = byModel(db, 'logged_model_metrics', 'rowid', (r): LoggedModelMetric => ({
    key: String(r.metric_name),
    value: r.metric_value === null ? Number.NaN : Number(r.metric_value),
    timestamp: int(r.metric_timestamp_ms) ?? 0,
    step: int(r.metric_step) ?? 0,
    ...metricOrigin(text(r.run_id), text(r.dataset_name), text(r.dataset_digest)),
  }));
  const where: string[] = [];
  const values: string[] = [];
  if (query.experimentIds !== undefined) {
    where.push(`experiment_id IN (${query.experimentIds.map(() => '?').join(',')})`);
    values.push(...query.experimentIds);
  }
  if (query.sourceRunId !== undefined) {
    where.push('source_run_id = ?');
    values.push(query.sourceRunId);
  }
  if (query.modelId !== undefined) {
    where.push('model_id = ?');
    values.push(query.modelId);
  }
  if (db.hasColumn('logged_models', 'lifecycle_stage')) {
    where.push("(lifecycle_stage IS NULL OR lifecycle_stage = 'active')");
  }
  return db
    .all(
      `SELECT * FROM logged_models${where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`} ORDER BY creation_timestamp_ms DESC, model_id`,
      values,
    )
    .map((row): LoggedModel => {
      const id = String(row.model_id);
      return {
        modelId: id,
        experimentId: String(row.experiment_id),
        name: text(row.name) ?? '',
        artifactUri: text(row.artifact_location),
        creationTimestampMs: int(row.creation_timestamp_ms),
        lastUpdatedTimestampMs: int(row.last_updated_timestamp_ms),
        modelType: text(row.model_type),
        sourceRunId: text(row.source_run_id),
        status: loggedModelStatusName(int(row.status)),
        tags: tags.get(id) ?? [],
        params: params.get(id) ?? [],
        metrics: metrics.get(id) ?? [],
      };
    });
}
