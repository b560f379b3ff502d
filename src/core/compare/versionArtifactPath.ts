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
