import type { FilterClause } from '../tracking/search/searchFilter';
import type { ModelVersion } from './entities/modelVersion';

/** The value a model-version filter or order term reads (`name`, `version_number`, `run_id`, `source_path`, tags). */
export function modelVersionValue(
  v: ModelVersion,
  type: FilterClause['type'],
  key: string,
): string | number | undefined {
  if (type === 'tags') {
    return v.tags.find((t) => t.key === key)?.value;
  }
  const values: Record<string, string | number | undefined> = {
    name: v.name,
    version_number: Number(v.version),
    run_id: v.runId,
    source_path: v.source,
    last_updated_timestamp: v.lastUpdatedTimestamp,
    creation_timestamp: v.creationTimestamp,
  };
  return values[key];
}

/**
 * A registered model's `latest_versions`: the highest version in each stage, listed in the order
 * the stages first appear when walking versions from the oldest (what MLflow's stores return).
 * A SQL-backed server lists them without aliases, a file-backed one with them: `keepAliases`.
 */
export function latestVersions(versions: readonly ModelVersion[], keepAliases = false): ModelVersion[] {
  const byStage = new Map<string, ModelVersion>();
  for (const v of [...versions].sort((a, b) => Number(a.version) - Number(b.version))) {
    byStage.set(v.currentStage ?? '', keepAliases ? v : { ...v, aliases: [] });
  }
  return [...byStage.values()];
}
