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
  readonly metrics: readonly Metric[];
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
    metrics: optArray(data, 'metrics', parseMetric),
  };
}

/** What MLflow answers for an unknown logged model (3.11.1, recorded in `rest/125`). */
export function loggedModelNotFound(modelId: string): StoreError {
  return new StoreError('api', `Logged model with ID '${modelId}' not found.`, {
    errorCode: 'RESOURCE_DOES_NOT_EXIST',
    status: 404,
  });
}
