import { asObject, optArray, optInt, optString, reqId, reqString } from '../../common/jsonFields';
import { parseTag, type Tag } from '../../tracking/entities/tag';
import { parseModelVersion, type ModelVersion } from './modelVersion';

/** An alias pointing at one version of a registered model. */
export interface ModelAlias {
  readonly alias: string;
  readonly version: string;
}

/** A registered model. `latestVersions` is empty (MLflow omits it) for a model with no versions. */
export interface RegisteredModel {
  readonly name: string;
  readonly creationTimestamp: number | undefined;
  readonly lastUpdatedTimestamp: number | undefined;
  readonly description: string | undefined;
  readonly latestVersions: readonly ModelVersion[];
  readonly tags: readonly Tag[];
  readonly aliases: readonly ModelAlias[];
}

function parseAlias(raw: unknown): ModelAlias {
  const o = asObject(raw, 'alias');
  return { alias: reqString(o, 'alias'), version: reqId(o, 'version') };
}

/** Parse a registered model object from MLflow's JSON. */
export function parseRegisteredModel(raw: unknown): RegisteredModel {
  const o = asObject(raw, 'registered_model');
  return {
    name: reqString(o, 'name'),
    creationTimestamp: optInt(o, 'creation_timestamp'),
    lastUpdatedTimestamp: optInt(o, 'last_updated_timestamp'),
    description: optString(o, 'description'),
    latestVersions: optArray(o, 'latest_versions', parseModelVersion),
    tags: optArray(o, 'tags', parseTag),
    aliases: optArray(o, 'aliases', parseAlias),
  };
}
