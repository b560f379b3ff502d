import type { Run } from '../tracking/entities/run';

/** A model logged by a run, as the `mlflow.log-model.history` tag records it (MLflow 2.x and 3.x). */
export interface LoggedModelEntry {
  readonly artifactPath: string;
  readonly flavors: readonly string[];
  readonly createdAt: string | undefined;
  /** The MLmodel's `model_uuid`; an MLflow 3 logged model's id when the client also wrote the tag. */
  readonly modelUuid: string | undefined;
}

/**
 * The models a run logged, newest last, read from its `mlflow.log-model.history` tag. The tag is
 * JSON written by the client, so anything malformed is skipped rather than trusted.
 */
export function loggedModelHistory(run: Run): LoggedModelEntry[] {
  const raw = run.data.tags.find((t) => t.key === 'mlflow.log-model.history')?.value;
  if (raw === undefined) {
    return [];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) {
    return [];
  }
  const out: LoggedModelEntry[] = [];
  const seen = new Set<string>();
  for (const item of parsed as unknown[]) {
    if (typeof item !== 'object' || item === null) {
      continue;
    }
    const entry = item as Record<string, unknown>;
    const artifactPath = entry.artifact_path;
    if (typeof artifactPath !== 'string' || artifactPath === '' || seen.has(artifactPath)) {
      continue;
    }
    seen.add(artifactPath);
    const flavors =
      typeof entry.flavors === 'object' && entry.flavors !== null ? Object.keys(entry.flavors) : [];
    out.push({
      artifactPath,
      flavors,
      createdAt: typeof entry.utc_time_created === 'string' ? entry.utc_time_created : undefined,
      modelUuid: typeof entry.model_uuid === 'string' ? entry.model_uuid : undefined,
    });
  }
  return out;
}

/** `runs:/<run id>/<artifact path>` — the URI `mlflow models serve -m` and `load_model` accept. */
export function runsModelUri(runId: string, artifactPath: string): string {
  return `runs:/${runId}/${artifactPath.replace(/^\/+/, '')}`;
}

/** `models:/<m-id>` — an MLflow 3 logged model, wherever its artifacts are. */
export function loggedModelUri(modelId: string): string {
  return `models:/${modelId}`;
}

/** `models:/<name>/<version>` or `models:/<name>@<alias>`. */
export function registryModelUri(name: string, ref: { version: string } | { alias: string }): string {
  return 'alias' in ref ? `models:/${name}@${ref.alias}` : `models:/${name}/${ref.version}`;
}
