import * as path from 'node:path';
import {
  loggedModelStatusName,
  metricOrigin,
  type LoggedModel,
  type LoggedModelMetric,
} from '../entities/loggedModel';
import type { ModelInput, ModelOutput } from '../entities/run';
import { latestMetric, parsePythonFloat } from './metricFile';
import { readKeyValueDir, subfolders } from './readKeyValueDir';
import { metaInt, metaText, readMeta } from './readMeta';

/** The folder of an experiment that holds its MLflow 3 logged models (`<experiment>/models/<m-id>/`). */
export const MODELS_FOLDER = 'models';

/**
 * A logged model's metric file: `timestamp value step run_id [dataset_name dataset_digest]` per
 * line. MLflow reports the latest value per metric and dataset (largest step, then timestamp).
 */
function latestModelMetrics(key: string, text: string): LoggedModelMetric[] {
  const byDataset = new Map<string, LoggedModelMetric[]>();
  for (const line of text.split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts.length !== 4 && parts.length !== 6) {
      continue;
    }
    const [ts = '', raw = '', step = ''] = parts;
    const value = parsePythonFloat(raw);
    if (
      !/^-?\d+$/.test(ts) ||
      !/^-?\d+$/.test(step) ||
      (Number.isNaN(value) && raw.toLowerCase() !== 'nan')
    ) {
      continue;
    }
    // `<timestamp> <value> <step> <run_id>[ <dataset_name> <dataset_digest>]`, as MLflow writes them.
    const [, , , runId, datasetName, datasetDigest] = parts;
    const dataset = parts.slice(4).join(' ');
    byDataset.set(dataset, [
      ...(byDataset.get(dataset) ?? []),
      {
        key,
        value,
        timestamp: Number(ts),
        step: Number(step),
        ...metricOrigin(runId, datasetName, datasetDigest),
      },
    ]);
  }
  return [...byDataset.values()].map((h) => latestMetric(h)).filter((m) => m !== undefined);
}

/**
 * Read one `<experiment>/models/<m-id>/` folder as MLflow's file store writes it (`meta.yaml` with
 * the status number and `creation_timestamp`, plus `tags/`, `params/`, `metrics/`). Undefined
 * for a folder without a readable meta.yaml and for deleted models, which MLflow hides.
 */
export async function readLoggedModel(dir: string): Promise<LoggedModel | undefined> {
  const meta = await readMeta(path.join(dir, 'meta.yaml'));
  const modelId = meta === undefined ? undefined : metaText(meta, 'model_id');
  if (meta === undefined || modelId === undefined || metaText(meta, 'lifecycle_stage') === 'deleted') {
    return undefined;
  }
  const pairs = async (sub: string): Promise<Array<{ key: string; value: string }>> =>
    (await readKeyValueDir(path.join(dir, sub))).map(([key, value]) => ({ key, value }));
  return {
    modelId,
    experimentId: metaText(meta, 'experiment_id') ?? '',
    name: metaText(meta, 'name') ?? '',
    artifactUri: metaText(meta, 'artifact_location'),
    creationTimestampMs: metaInt(meta, 'creation_timestamp'),
    lastUpdatedTimestampMs: metaInt(meta, 'last_updated_timestamp'),
    modelType: metaText(meta, 'model_type'),
    sourceRunId: metaText(meta, 'source_run_id'),
    status: loggedModelStatusName(metaInt(meta, 'status')),
    tags: await pairs('tags'),
    params: await pairs('params'),
    metrics: (await readKeyValueDir(path.join(dir, 'metrics'))).flatMap(([key, text]) =>
      latestModelMetrics(key, text),
    ),
  };
}

/** The logged models of one experiment folder, newest first, then by id (MLflow's order). */
export async function readExperimentLoggedModels(
  experimentDir: string,
  experimentId: string,
): Promise<LoggedModel[]> {
  const folder = path.join(experimentDir, MODELS_FOLDER);
  const models: LoggedModel[] = [];
  for (const name of await subfolders(folder)) {
    const model = await readLoggedModel(path.join(folder, name));
    // MLflow ignores a model whose meta.yaml names another experiment.
    if (model !== undefined && model.experimentId === experimentId) {
      models.push(model);
    }
  }
  return models.sort(
    (a, b) =>
      (b.creationTimestampMs ?? 0) - (a.creationTimestampMs ?? 0) ||
      (a.modelId < b.modelId ? -1 : a.modelId > b.modelId ? 1 : 0),
  );
}

/**
 * A run's links to logged models in the file store: `inputs/<id>/meta.yaml` with
 * `source_type: MODEL` (the model id in `source_id`) and `outputs/<m-id>/meta.yaml` with
 * `destination_type: MODEL_OUTPUT` (the model id in `destination_id`, and the step). Folders are
 * read in name order, since MLflow's order is whatever the directory listing gave.
 */
export async function readRunModelLinks(
  runDir: string,
): Promise<{ modelInputs: ModelInput[]; modelOutputs: ModelOutput[] }> {
  const modelInputs: ModelInput[] = [];
  for (const name of (await subfolders(path.join(runDir, 'inputs'))).sort()) {
    const meta = await readMeta(path.join(runDir, 'inputs', name, 'meta.yaml'));
    const id = meta === undefined ? undefined : metaText(meta, 'source_id');
    if (meta !== undefined && id !== undefined && metaText(meta, 'source_type') === 'MODEL') {
      modelInputs.push({ modelId: id });
    }
  }
  const modelOutputs: ModelOutput[] = [];
  for (const name of (await subfolders(path.join(runDir, 'outputs'))).sort()) {
    const meta = await readMeta(path.join(runDir, 'outputs', name, 'meta.yaml'));
    const id = meta === undefined ? undefined : metaText(meta, 'destination_id');
    if (meta !== undefined && id !== undefined && metaText(meta, 'destination_type') === 'MODEL_OUTPUT') {
      modelOutputs.push({ modelId: id, step: metaInt(meta, 'step') ?? 0 });
    }
  }
  return { modelInputs, modelOutputs };
}
