import { LOGGED_MODEL_ID } from '../tracking/entities/loggedModel';
import type { ModelVersion } from '../registry/entities/modelVersion';

/**
 * Where a model version's files sit inside its source run's artifacts, or undefined when its
 * source is not there (a model registered from elsewhere). MLflow writes sources as
 * `mlflow-artifacts:/<exp>/<run>/artifacts/<path>`, `runs:/<run>/<path>`, or the run's absolute
 * artifact location followed by the path; all end in `/<run id>/artifacts/<path>` except `runs:/`.
 */
export function versionArtifactPath(v: Pick<ModelVersion, 'source' | 'runId'>): string | undefined {
  const { source, runId } = v;
  if (source === undefined || runId === undefined || runId === '') {
    return undefined;
  }
  const runs = /^runs:\/([^/]+)\/?(.*)$/.exec(source);
  if (runs !== null) {
    return runs[1] === runId ? (runs[2] ?? '').replace(/\/+$/, '') : undefined;
  }
  const marker = `/${runId}/artifacts`;
  const at = source.indexOf(marker);
  if (at < 0) {
    return undefined;
  }
  const rest = source.slice(at + marker.length);
  if (rest !== '' && !rest.startsWith('/')) {
    return undefined;
  }
  const path = rest.replace(/^\/+|\/+$/g, '');
  // A source that climbs out of the run's artifacts is not one we read.
  return path.split('/').includes('..') ? undefined : path;
}

/**
 * The MLflow 3 logged model a version was registered from (`source: models:/m-<id>`), or
 * undefined. Its files are in the logged model's own artifact location, not in its run's.
 */
export function versionLoggedModelId(v: Pick<ModelVersion, 'source'>): string | undefined {
  const id = /^models:\/(m-[^/]+)\/?$/.exec(v.source ?? '')?.[1];
  return id !== undefined && LOGGED_MODEL_ID.test(id) ? id : undefined;
}

/** Where a version's files (MLmodel, requirements.txt) can be read from. */
export type VersionFiles =
  | { readonly kind: 'loggedModel'; readonly modelId: string }
  | { readonly kind: 'run'; readonly runId: string; readonly path: string };

/** A version's files: its MLflow 3 logged model's, else a folder of its run's artifacts; undefined when neither. */
export function versionFiles(v: Pick<ModelVersion, 'source' | 'runId'>): VersionFiles | undefined {
  const modelId = versionLoggedModelId(v);
  if (modelId !== undefined) {
    return { kind: 'loggedModel', modelId };
  }
  const path = versionArtifactPath(v);
  return path === undefined || v.runId === undefined ? undefined : { kind: 'run', runId: v.runId, path };
}
