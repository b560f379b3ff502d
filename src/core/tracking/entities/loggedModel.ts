import { StoreError } from '../../common/storeError';
import { asObject, optArray, optInt, optString, reqString } from '../../common/jsonFields';
import { parseMetric, type Metric } from './metric';
import { parseParam, parseTag, type Param, type Tag } from './tag';

/**
 * An MLflow 3 logged model (`/mlflow/logged-models`): a model that exists in an experiment on its
 * own, not only as an artifact folder of a run. 2.x servers have none.
 */
export interface LoggedModel {
  readonly modelId: string;
  readonly experimentId: string;
  readonly name: string;
  readonly artifactUri: string | undefined;
  readonly creationTimestampMs: number | undefined;
  readonly lastUpdatedTimestampMs: number | undefined;
  readonly modelType: string | undefined;
  readonly sourceRunId: string | undefined;
  readonly status: string | undefined;
  readonly tags: readonly Tag[];
  readonly params: readonly Param[];
  readonly metrics: readonly LoggedModelMetric[];
}

/**
 * A metric value of a logged model: MLflow 3 records which run logged it (an evaluation run may
 * log into a model made by another) and, for metrics computed on a dataset, that dataset's name
 * and digest, so one key may hold a value per dataset. Each field is present only when recorded.
 */
export interface LoggedModelMetric extends Metric {
  readonly runId?: string;
  readonly datasetName?: string;
  readonly datasetDigest?: string;
}

/** The run and dataset fields of a stored metric, only those that are set. */
export function metricOrigin(
  runId: string | undefined,
  datasetName: string | undefined,
  datasetDigest: string | undefined,
): Pick<LoggedModelMetric, 'runId' | 'datasetName' | 'datasetDigest'> {
  return {
    ...(runId ? { runId } : {}),
    ...(datasetName ? { datasetName } : {}),
    ...(datasetDigest ? { datasetDigest } : {}),
  };
}

function parseLoggedModelMetric(raw: unknown): LoggedModelMetric {
  const o = asObject(raw, 'metric');
  return {
    ...parseMetric(o),
    ...metricOrigin(optString(o, 'run_id'), optString(o, 'dataset_name'), optString(o, 'dataset_digest')),
  };
}

/** The local stores keep the status enum's number (sqlite column, file-store `meta.yaml`); REST spells its name. */
const STATUS_NAMES: Readonly<Record<number, string>> = {
  0: 'LOGGED_MODEL_STATUS_UNSPECIFIED',
  1: 'LOGGED_MODEL_PENDING',
  2: 'LOGGED_MODEL_READY',
  3: 'LOGGED_MODEL_UPLOAD_FAILED',
};

/** The REST name of a stored logged-model status number. */
export function loggedModelStatusName(status: number | undefined): string | undefined {
  return status === undefined ? undefined : (STATUS_NAMES[status] ?? String(status));
}

/** MLflow's logged-model ids: `m-` and 32 hex digits (the shape `models:/m-…` URIs carry). */
export const LOGGED_MODEL_ID = /^m-[0-9a-f]{32}$/;

/** Parse `{info, data}` as MLflow 3 returns a logged model. */
export function parseLoggedModel(raw: unknown): LoggedModel {
  const o = asObject(raw, 'model');
  const info = asObject(o.info, 'model.info');
  const data = o.data === undefined ? {} : asObject(o.data, 'model.data');
  return {
    modelId: reqString(info, 'model_id'),
    experimentId: reqString(info, 'experiment_id'),
    name: optString(info, 'name') ?? '',
    artifactUri: optString(info, 'artifact_uri'),
    creationTimestampMs: optInt(info, 'creation_timestamp_ms'),
    lastUpdatedTimestampMs: optInt(info, 'last_updated_timestamp_ms'),
    modelType: optString(info, 'model_type'),
    sourceRunId: optString(info, 'source_run_id'),
    status: optString(info, 'status'),
    tags: optArray(info, 'tags', parseTag),
    params: optArray(data, 'params', parseParam),
    metrics: optArray(data, 'metrics', parseLoggedModelMetric),
  };
}

/** What MLflow answers for an unknown logged model (3.11.1, recorded in `rest/125`). */
export function loggedModelNotFound(modelId: string): StoreError {
  return new StoreError('api', `Logged model with ID '${modelId}' not found.`, {
    errorCode: 'RESOURCE_DOES_NOT_EXIST',
    status: 404,
  });
}
