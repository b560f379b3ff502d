import {
  asObject,
  optArray,
  optInt,
  optString,
  reqId,
  reqString,
  type JsonObject,
} from '../../common/jsonFields';
import { StoreError } from '../../common/storeError';
import type { LifecycleStage } from './experiment';
import { parseMetric, type Metric } from './metric';
import { parseParam, parseTag, type Param, type Tag } from './tag';

/** A run's status; open-ended so a newer server's value still parses. */
export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED' | (string & {});

/** The identity and lifecycle of a run. `endTime` is absent while a run is RUNNING. */
export interface RunInfo {
  readonly runId: string;
  readonly runName: string | undefined;
  readonly experimentId: string;
  readonly userId: string | undefined;
  readonly status: RunStatus;
  readonly startTime: number | undefined;
  readonly endTime: number | undefined;
  readonly artifactUri: string | undefined;
  readonly lifecycleStage: LifecycleStage;
}

/** What was logged to a run; `metrics` holds only the latest value per key. */
export interface RunData {
  readonly metrics: readonly Metric[];
  readonly params: readonly Param[];
  readonly tags: readonly Tag[];
}

/** A dataset as logged with `mlflow.log_input`. */
export interface Dataset {
  readonly name: string;
  readonly digest: string;
  readonly sourceType: string;
  readonly source: string;
  readonly schema: string | undefined;
  readonly profile: string | undefined;
}

/** One dataset input of a run with its tags (e.g. `mlflow.data.context`). */
export interface DatasetInput {
  readonly tags: readonly Tag[];
  readonly dataset: Dataset;
}

/** An MLflow 3 logged model a run used (`inputs.model_inputs`), e.g. the model an evaluation ran. */
export interface ModelInput {
  readonly modelId: string;
}

/** An MLflow 3 logged model a run produced (`outputs.model_outputs`), at the step it was logged. */
export interface ModelOutput {
  readonly modelId: string;
  readonly step: number;
}

/** A run's inputs. `modelInputs` is empty before MLflow 3. */
export interface RunInputs {
  readonly datasetInputs: readonly DatasetInput[];
  readonly modelInputs: readonly ModelInput[];
}

/** A run's outputs: the logged models it produced (MLflow 3; empty before). */
export interface RunOutputs {
  readonly modelOutputs: readonly ModelOutput[];
}

/** A run as `runs/get` and `runs/search` return it. */
export interface Run {
  readonly info: RunInfo;
  readonly data: RunData;
  readonly inputs: RunInputs;
  readonly outputs: RunOutputs;
}

function parseRunInfo(o: JsonObject): RunInfo {
  // Old servers send only the deprecated run_uuid; new ones send both.
  const runId = optString(o, 'run_id') ?? optString(o, 'run_uuid');
  if (runId === undefined) {
    throw new StoreError('invalid-response', 'A run without run_id.');
  }
  return {
    runId,
    runName: optString(o, 'run_name'),
    experimentId: reqId(o, 'experiment_id'),
    userId: optString(o, 'user_id'),
    status: optString(o, 'status') ?? 'RUNNING',
    startTime: optInt(o, 'start_time'),
    endTime: optInt(o, 'end_time'),
    artifactUri: optString(o, 'artifact_uri'),
    lifecycleStage: optString(o, 'lifecycle_stage') ?? 'active',
  };
}

function parseDatasetInput(raw: unknown): DatasetInput {
  const o = asObject(raw, 'dataset_input');
  const d = asObject(o.dataset, 'dataset');
  return {
    tags: optArray(o, 'tags', parseTag),
    dataset: {
      name: optString(d, 'name') ?? '',
      digest: optString(d, 'digest') ?? '',
      sourceType: optString(d, 'source_type') ?? '',
      source: optString(d, 'source') ?? '',
      schema: optString(d, 'schema'),
      profile: optString(d, 'profile'),
    },
  };
}

function parseModelInput(raw: unknown): ModelInput {
  return { modelId: reqString(asObject(raw, 'model_input'), 'model_id') };
}

function parseModelOutput(raw: unknown): ModelOutput {
  const o = asObject(raw, 'model_output');
  return { modelId: reqString(o, 'model_id'), step: optInt(o, 'step') ?? 0 };
}

/** Parse a run object (`{info, data, inputs, outputs}`) from MLflow's JSON. */
export function parseRun(raw: unknown): Run {
  const o = asObject(raw, 'run');
  const data = o.data === undefined ? {} : asObject(o.data, 'run.data');
  const inputs = o.inputs === undefined ? {} : asObject(o.inputs, 'run.inputs');
  const outputs = o.outputs === undefined ? {} : asObject(o.outputs, 'run.outputs');
  return {
    info: parseRunInfo(asObject(o.info, 'run.info')),
    data: {
      metrics: optArray(data, 'metrics', parseMetric),
      params: optArray(data, 'params', parseParam),
      tags: optArray(data, 'tags', parseTag),
    },
    inputs: {
      datasetInputs: optArray(inputs, 'dataset_inputs', parseDatasetInput),
      modelInputs: optArray(inputs, 'model_inputs', parseModelInput),
    },
    outputs: { modelOutputs: optArray(outputs, 'model_outputs', parseModelOutput) },
  };
}
