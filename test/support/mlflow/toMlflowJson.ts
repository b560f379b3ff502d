// Test double support: entities back to MLflow's wire JSON (snake_case, empty lists omitted,
// NaN/±Infinity as strings), so the loopback test server answers like MLflow. Not product code.
import type { ModelVersion } from '../../../src/core/registry/entities/modelVersion';
import type { RegisteredModel } from '../../../src/core/registry/entities/registeredModel';
import type { ArtifactFile } from '../../../src/core/tracking/entities/artifactFile';
import type { Experiment } from '../../../src/core/tracking/entities/experiment';
import type { Metric, MetricPoint } from '../../../src/core/tracking/entities/metric';
import type { Run } from '../../../src/core/tracking/entities/run';

type Json = Record<string, unknown>;

/** Drop undefined fields and empty arrays, as protobuf's JSON printer does. */
function compact(o: Json): Json {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  );
}

function double(v: number): number | string {
  return Number.isNaN(v)
    ? 'NaN'
    : v === Number.POSITIVE_INFINITY
      ? 'Infinity'
      : v === Number.NEGATIVE_INFINITY
        ? '-Infinity'
        : v;
}

export function metricJson(m: Metric): Json {
  return { key: m.key, value: double(m.value), timestamp: m.timestamp, step: m.step };
}

// Field by field rather than spreading metricJson: spread objects serialise several times slower,
// and a bulk-interval answer holds up to 250,000 of them.
export function metricPointJson(m: MetricPoint): Json {
  return { key: m.key, value: double(m.value), timestamp: m.timestamp, step: m.step, run_id: m.runId };
}

export function experimentJson(e: Experiment): Json {
  return compact({
    experiment_id: e.experimentId,
    name: e.name,
    artifact_location: e.artifactLocation,
    lifecycle_stage: e.lifecycleStage,
    last_update_time: e.lastUpdateTime,
    creation_time: e.creationTime,
    tags: e.tags.map((t) => ({ key: t.key, value: t.value })),
  });
}

export function runJson(r: Run): Json {
  const i = r.info;
  return {
    info: compact({
      run_uuid: i.runId,
      experiment_id: i.experimentId,
      run_name: i.runName,
      user_id: i.userId,
      status: i.status,
      start_time: i.startTime,
      end_time: i.endTime,
      artifact_uri: i.artifactUri,
      lifecycle_stage: i.lifecycleStage,
      run_id: i.runId,
    }),
    data: compact({
      metrics: r.data.metrics.map(metricJson),
      params: r.data.params.map((p) => ({ key: p.key, value: p.value })),
      tags: r.data.tags.map((t) => ({ key: t.key, value: t.value })),
    }),
    inputs: compact({
      dataset_inputs: r.inputs.datasetInputs.map((d) =>
        compact({
          tags: d.tags.map((t) => ({ key: t.key, value: t.value })),
          dataset: compact({
            name: d.dataset.name,
            digest: d.dataset.digest,
            source_type: d.dataset.sourceType,
            source: d.dataset.source,
            schema: d.dataset.schema,
            profile: d.dataset.profile,
          }),
        }),
      ),
    }),
  };
}

export function modelVersionJson(v: ModelVersion): Json {
  return compact({
    name: v.name,
    version: v.version,
    creation_timestamp: v.creationTimestamp,
    last_updated_timestamp: v.lastUpdatedTimestamp,
    user_id: v.userId,
    current_stage: v.currentStage,
    description: v.description,
    source: v.source,
    run_id: v.runId,
    status: v.status,
    status_message: v.statusMessage,
    tags: v.tags.map((t) => ({ key: t.key, value: t.value })),
    run_link: v.runLink,
    aliases: [...v.aliases],
  });
}

export function registeredModelJson(m: RegisteredModel): Json {
  return compact({
    name: m.name,
    creation_timestamp: m.creationTimestamp,
    last_updated_timestamp: m.lastUpdatedTimestamp,
    description: m.description,
    latest_versions: m.latestVersions.map(modelVersionJson),
    tags: m.tags.map((t) => ({ key: t.key, value: t.value })),
    aliases: m.aliases.map((a) => ({ alias: a.alias, version: a.version })),
  });
}

export function artifactJson(f: ArtifactFile): Json {
  return compact({ path: f.path, is_dir: f.isDir, file_size: f.fileSize });
}
