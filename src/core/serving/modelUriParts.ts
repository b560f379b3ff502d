/** Where a model URI's files are in a tracking store. */
export type ModelUriParts =
  | { readonly kind: 'run'; readonly runId: string; readonly artifactPath: string }
  | { readonly kind: 'version'; readonly name: string; readonly version: string }
  | { readonly kind: 'alias'; readonly name: string; readonly alias: string }
  | { readonly kind: 'local'; readonly path: string }
  | { readonly kind: 'other' };

/** Split a model URI into the parts needed to read its MLmodel and examples. */
export function modelUriParts(uri: string): ModelUriParts {
  const run = /^runs:\/([0-9a-f]{32})\/(.+)$/.exec(uri);
  if (run?.[1] && run[2]) {
    return { kind: 'run', runId: run[1], artifactPath: run[2].replace(/\/+$/, '') };
  }
  const alias = /^models:\/([^/@]+)@([A-Za-z0-9_-]+)$/.exec(uri);
  if (alias?.[1] && alias[2]) {
    return { kind: 'alias', name: alias[1], alias: alias[2] };
  }
  const version = /^models:\/([^/@]+)\/(\d+)$/.exec(uri);
  if (version?.[1] && version[2]) {
    return { kind: 'version', name: version[1], version: version[2] };
  }
  if (uri.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(uri)) {
    return { kind: 'local', path: uri };
  }
  return { kind: 'other' };
}

/**
 * The artifact path of a registered version inside its source run, from the version's `source`
 * ("mlflow-artifacts:/1/<run>/artifacts/model", "s3://b/1/<run>/artifacts/model", "runs:/<run>/model").
 */
export function artifactPathInRun(source: string, runId: string): string | undefined {
  const fromRuns = /^runs:\/([0-9a-f]{32})\/(.+)$/.exec(source);
  if (fromRuns?.[1] === runId) {
    return fromRuns[2];
  }
  const marker = `/${runId}/artifacts/`;
  const at = source.indexOf(marker);
  const rest = at >= 0 ? source.slice(at + marker.length).replace(/\/+$/, '') : '';
  return rest === '' || rest.split('/').includes('..') ? undefined : rest;
}
