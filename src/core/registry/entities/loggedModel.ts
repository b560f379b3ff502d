import { asObject, optArray, optInt, optString, reqString } from '../../common/jsonFields';
import { parseMetric, type Metric } from '../../tracking/entities/metric';
import { parseParam, parseTag, type Param, type Tag } from '../../tracking/entities/tag';

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
