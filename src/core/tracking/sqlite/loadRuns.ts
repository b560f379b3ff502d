import type { Metric } from '../entities/metric';
import { latestMetric } from '../file/metricFile';
import type { DatasetInput, ModelInput, ModelOutput, Run } from '../entities/run';
import type { Param, Tag } from '../entities/tag';
import { int, text, type SqlRow, type SqliteDatabase } from './sqliteDatabase';

/** Rows of a child table grouped by run id, in insertion order (what the server returns). */
function groupByRun<T>(rows: SqlRow[], map: (row: SqlRow) => T): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const id = String(row.run_uuid);
    let list = out.get(id);
    if (list === undefined) {
      list = [];
      out.set(id, list);
    }
    list.push(map(row));
  }
  return out;
}

/**
 * The metric value as MLflow stores it: `is_nan` rows hold 0 and mean NaN. ±inf were already
 * clamped to ±1.7976931348623157e308 by MLflow before writing, so they come back as such.
 */
export function metricFromRow(row: SqlRow): Metric {
  return {
    key: String(row.key),
    value: int(row.is_nan) === 1 ? Number.NaN : Number(row.value),
    timestamp: int(row.timestamp) ?? 0,
    step: int(row.step) ?? 0,
  };
}

/** What {@link loadRuns} reads besides the run rows. */
export interface LoadRunsOptions {
  /**
   * Read MLflow 3 model inputs. MLflow's SQL store fills `inputs.model_inputs` in `runs/get` but
   * not in `runs/search` (3.11.1 as recorded), so searches leave them out to answer the same.
   */
  readonly modelInputs?: boolean;
}

/**
 * Load whole runs (info, latest metrics, params, tags, dataset inputs, model outputs) for the run
 * rows chosen by `where` (a condition on the `runs` table aliased `r`). Child tables are read in
 * bulk, one query each, not per run: listing 10,000 runs stays a handful of queries.
 */
export function loadRuns(
  db: SqliteDatabase,
  where: string,
  params: ReadonlyArray<string | number>,
  options: LoadRunsOptions = {},
): Run[] {
  const runRows = db.all(`SELECT r.* FROM runs r WHERE ${where}`, params);
  const sub = `SELECT r.run_uuid FROM runs r WHERE ${where}`;
  // Databases older than MLflow 1.9 have no latest_metrics table: derive it from the history.
  const metrics = db.hasTable('latest_metrics')
    ? groupByRun(
        db.all(`SELECT * FROM latest_metrics WHERE run_uuid IN (${sub}) ORDER BY rowid`, params),
        metricFromRow,
      )
    : latestFromHistory(
        groupByRun(
          db.all(`SELECT * FROM metrics WHERE run_uuid IN (${sub}) ORDER BY rowid`, params),
          metricFromRow,
        ),
      );
  const paramsByRun = groupByRun(
    db.all(`SELECT * FROM params WHERE run_uuid IN (${sub}) ORDER BY rowid`, params),
    (r): Param => ({
      key: String(r.key),
      value: text(r.value) ?? '',
    }),
  );
  const tags = groupByRun(
    db.all(`SELECT * FROM tags WHERE run_uuid IN (${sub}) ORDER BY rowid`, params),
    (r): Tag => ({
      key: String(r.key),
      value: text(r.value) ?? '',
    }),
  );
  const inputs = loadDatasetInputs(db, sub, params);
  const modelInputs =
    options.modelInputs === true
      ? loadModelLinks(db, 'RUN_INPUT', 'MODEL_INPUT', sub, params, (r): ModelInput => ({
          modelId: String(r.destination_id),
        }))
      : new Map<string, ModelInput[]>();
  const modelOutputs = loadModelLinks(db, 'RUN_OUTPUT', 'MODEL_OUTPUT', sub, params, (r): ModelOutput => ({
    modelId: String(r.destination_id),
    step: int(r.step) ?? 0,
  }));
  return runRows.map((row): Run => {
    const id = String(row.run_uuid);
    return {
      info: {
        runId: id,
        runName: text(row.name),
        experimentId: String(row.experiment_id),
        userId: text(row.user_id),
        status: text(row.status) ?? 'RUNNING',
        startTime: int(row.start_time),
        endTime: int(row.end_time),
        artifactUri: text(row.artifact_uri),
        lifecycleStage: text(row.lifecycle_stage) ?? 'active',
      },
      data: { metrics: metrics.get(id) ?? [], params: paramsByRun.get(id) ?? [], tags: tags.get(id) ?? [] },
      inputs: { datasetInputs: inputs.get(id) ?? [], modelInputs: modelInputs.get(id) ?? [] },
      outputs: { modelOutputs: modelOutputs.get(id) ?? [] },
    };
  });
}

function latestFromHistory(history: Map<string, Metric[]>): Map<string, Metric[]> {
  const out = new Map<string, Metric[]>();
  for (const [runId, points] of history) {
    const byKey = new Map<string, Metric[]>();
    points.forEach((m) => byKey.set(m.key, [...(byKey.get(m.key) ?? []), m]));
    out.set(
      runId,
      [...byKey.values()].map((h) => latestMetric(h)).filter((m): m is Metric => m !== undefined),
    );
  }
  return out;
}

/** Dataset inputs exist from MLflow 2.4 (tables `datasets`, `inputs`, `input_tags`). */
function loadDatasetInputs(
  db: SqliteDatabase,
  sub: string,
  params: ReadonlyArray<string | number>,
): Map<string, DatasetInput[]> {
  if (!db.hasTable('inputs') || !db.hasTable('datasets')) {
    return new Map();
  }
  const rows = db.all(
    `SELECT i.input_uuid, i.destination_id AS run_uuid, d.* FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id
     WHERE i.source_type = 'DATASET' AND i.destination_type = 'RUN' AND i.destination_id IN (${sub}) ORDER BY i.rowid`,
    params,
  );
  const inputTags = new Map<string, Tag[]>();
  if (db.hasTable('input_tags')) {
    for (const t of db.all(`SELECT * FROM input_tags ORDER BY rowid`)) {
      const id = String(t.input_uuid);
      inputTags.set(id, [...(inputTags.get(id) ?? []), { key: String(t.name), value: text(t.value) ?? '' }]);
    }
  }
  return groupByRun(rows, (r): DatasetInput => ({
    tags: inputTags.get(String(r.input_uuid)) ?? [],
    dataset: {
      name: text(r.name) ?? '',
      digest: text(r.digest) ?? '',
      sourceType: text(r.dataset_source_type) ?? '',
      source: text(r.dataset_source) ?? '',
      schema: text(r.dataset_schema),
      profile: text(r.dataset_profile),
    },
  }));
}

/**
 * MLflow 3 links between runs and logged models, kept in the `inputs` table with the run as the
 * source (`RUN_INPUT` → `MODEL_INPUT`, `RUN_OUTPUT` → `MODEL_OUTPUT`); older schemas have none.
 */
function loadModelLinks<T>(
  db: SqliteDatabase,
  sourceType: string,
  destinationType: string,
  sub: string,
  params: ReadonlyArray<string | number>,
  map: (row: SqlRow) => T,
): Map<string, T[]> {
  if (!db.hasTable('inputs')) {
    return new Map();
  }
  const step = db.hasColumn('inputs', 'step') ? 'i.step' : '0';
  const rows = db.all(
    `SELECT i.source_id AS run_uuid, i.destination_id, ${step} AS step FROM inputs i
     WHERE i.source_type = ? AND i.destination_type = ? AND i.source_id IN (${sub}) ORDER BY i.rowid`,
    [sourceType, destinationType, ...params],
  );
  return groupByRun(rows, map);
}
