import { asObject, optArray, optInt, optString, reqId, reqString } from '../../common/jsonFields';
import { parseTag, type Tag } from '../../tracking/entities/tag';

/** `READY`, `PENDING_REGISTRATION` or `FAILED_REGISTRATION`; open for newer values. */
export type ModelVersionStatus = 'READY' | 'PENDING_REGISTRATION' | 'FAILED_REGISTRATION' | (string & {});

/**
 * A registered model version. `version` is a string (MLflow sends "2"). `aliases` is empty in
 * `model-versions/search` results even when the version has aliases: only `get` and
 * `get-by-alias` fill it.
 */
export interface ModelVersion {
  readonly name: string;
  readonly version: string;
  readonly creationTimestamp: number | undefined;
  readonly lastUpdatedTimestamp: number | undefined;
  readonly currentStage: string | undefined;
  readonly description: string | undefined;
  readonly userId: string | undefined;
  readonly source: string | undefined;
  readonly runId: string | undefined;
  readonly status: ModelVersionStatus | undefined;
  readonly statusMessage: string | undefined;
  readonly runLink: string | undefined;
  readonly tags: readonly Tag[];
  readonly aliases: readonly string[];
}

/** Parse a model version object from MLflow's JSON. */
export function parseModelVersion(raw: unknown): ModelVersion {
  const o = asObject(raw, 'model_version');
  return {
    name: reqString(o, 'name'),
    version: reqId(o, 'version'),
    creationTimestamp: optInt(o, 'creation_timestamp'),
    lastUpdatedTimestamp: optInt(o, 'last_updated_timestamp'),
    currentStage: optString(o, 'current_stage'),
    description: optString(o, 'description'),
    userId: optString(o, 'user_id'),
    source: optString(o, 'source'),
    runId: optString(o, 'run_id'),
    status: optString(o, 'status'),
    statusMessage: optString(o, 'status_message'),
    runLink: optString(o, 'run_link'),
    tags: optArray(o, 'tags', parseTag),
    aliases: optArray(o, 'aliases', (a) => {
      if (typeof a !== 'string') {
        return reqString(asObject(a, 'alias'), 'alias');
      }
      return a;
    }),
  };
}
