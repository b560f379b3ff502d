import { asObject, optArray, optInt, optString, reqId, reqString } from '../../common/jsonFields';
import { parseTag, type Tag } from './tag';

/** `active` or `deleted`; kept open because MLflow may add stages. */
export type LifecycleStage = 'active' | 'deleted' | (string & {});

/** An MLflow experiment. Ids are strings on every backend (large random integers on the file store). */
export interface Experiment {
  readonly experimentId: string;
  readonly name: string;
  readonly artifactLocation: string | undefined;
  readonly lifecycleStage: LifecycleStage;
  readonly creationTime: number | undefined;
  readonly lastUpdateTime: number | undefined;
  readonly tags: readonly Tag[];
}

/** Parse one experiment object from MLflow's JSON, ignoring fields we do not know. */
export function parseExperiment(raw: unknown): Experiment {
  const o = asObject(raw, 'experiment');
  return {
    experimentId: reqId(o, 'experiment_id'),
    name: reqString(o, 'name'),
    artifactLocation: optString(o, 'artifact_location'),
    lifecycleStage: optString(o, 'lifecycle_stage') ?? 'active',
    creationTime: optInt(o, 'creation_time'),
    lastUpdateTime: optInt(o, 'last_update_time'),
    tags: optArray(o, 'tags', parseTag),
  };
}
