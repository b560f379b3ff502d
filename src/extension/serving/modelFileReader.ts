import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { artifactPathInRun, modelUriParts } from '../../core/serving/modelUriParts';
import type { StoreSession } from '../connection';

/** Reads one small file beside a model's MLmodel (MLmodel, serving_input_example.json, …). */
export type ModelFileReader = (name: string) => Promise<string | undefined>;

const MAX_BYTES = 5 * 1024 * 1024;

/**
 * A reader for the files of the model a server serves: from disk for a local folder, from the
 * active connection's tracking store for `runs:/` and `models:/` URIs (a registered version is
 * followed to its source run). Missing files and unreachable stores read as undefined: the Try it
 * panel then falls back to the next source of a request body.
 */
export function modelFileReader(modelUri: string, stores: StoreSession | undefined): ModelFileReader {
  const parts = modelUriParts(modelUri);
  if (parts.kind === 'local') {
    return async (name) => {
      try {
        const p = path.join(parts.path, name);
        const stat = await fs.stat(p);
        return stat.size <= MAX_BYTES ? await fs.readFile(p, 'utf8') : undefined;
      } catch {
        return undefined;
      }
    };
  }
  if (!stores || parts.kind === 'other') {
    return () => Promise.resolve(undefined);
  }
  type Location = { runId: string; artifactPath: string } | { modelId: string };
  let location: Promise<Location | undefined> | undefined;
  const locate = async (): Promise<Location | undefined> => {
    if (parts.kind === 'run') {
      return parts;
    }
    const s = await stores.stores();
    const v =
      parts.kind === 'alias'
        ? await s.registry.getModelVersionByAlias(parts.name, parts.alias)
        : await s.registry.getModelVersion(parts.name, parts.version);
    // MLflow 3 registers logged models: the files are in the model's own artifacts, not the run's
    const loggedModel = /^models:\/(m-[0-9a-f]{32})$/.exec(v.source ?? '')?.[1];
    if (loggedModel !== undefined) {
      return { modelId: loggedModel };
    }
    const artifactPath = v.runId && v.source ? artifactPathInRun(v.source, v.runId) : undefined;
    return v.runId && artifactPath ? { runId: v.runId, artifactPath } : undefined;
  };
  return async (name) => {
    try {
      location ??= locate();
      const where = await location;
      if (!where) {
        return undefined;
      }
      const tracking = (await stores.stores()).tracking;
      const bytes =
        'modelId' in where
          ? await tracking.readLoggedModelArtifact({
              modelId: where.modelId,
              path: name,
              maxBytes: MAX_BYTES,
            })
          : await tracking.readArtifact({
              runId: where.runId,
              path: `${where.artifactPath}/${name}`,
              maxBytes: MAX_BYTES,
            });
      return new TextDecoder().decode(bytes);
    } catch {
      return undefined;
    }
  };
}
