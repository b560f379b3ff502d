import * as path from 'node:path';
import type { ConnectionSource } from './connectionSourceLabel';

export type { ConnectionSource } from './connectionSourceLabel';

export interface ResolvedConnection {
  readonly uri: string;
  readonly source: ConnectionSource;
}

export interface ConnectionInputs {
  /** The `mlflow.trackingUri` setting (empty string when unset). */
  readonly setting: string | undefined;
  /** `MLFLOW_TRACKING_URI` from the extension host's environment. */
  readonly env: string | undefined;
  /** `MLFLOW_TRACKING_URI` from the workspace's `.env` file (see `parseDotenv`). */
  readonly dotenv?: string | undefined;
  /** URIs of local stores found in the workspace, as produced by {@link pickWorkspaceStore}. */
  readonly discovered: string | undefined;
}

/**
 * The order DESIGN.md fixes: the setting, then the environment variable (the process's own, then
 * the workspace `.env` file that tools such as python-dotenv load into a script's process), then
 * a store found in the workspace. Nothing found means the welcome view asks the user.
 */
export function resolveConnection(inputs: ConnectionInputs): ResolvedConnection | undefined {
  const setting = inputs.setting?.trim();
  if (setting) {
    return { uri: setting, source: 'setting' };
  }
  const env = inputs.env?.trim();
  if (env) {
    return { uri: env, source: 'environment' };
  }
  const dotenv = inputs.dotenv?.trim();
  if (dotenv) {
    return { uri: dotenv, source: 'dotenv' };
  }
  if (inputs.discovered) {
    return { uri: inputs.discovered, source: 'workspace' };
  }
  return undefined;
}

/**
 * Choose among local stores found in the workspace: an `mlflow.db` wins over an `mlruns` folder
 * (MLflow 3.7+ writes the database by default), and a shallower one over a deeper one.
 * Returns the absolute path and kind of the winner.
 */
export function pickWorkspaceStore(
  found: readonly string[],
): { readonly kind: 'sqlite' | 'file'; readonly path: string } | undefined {
  const candidates = found
    .map((p) => {
      const name = path.basename(p);
      if (name === 'mlflow.db') {
        return { kind: 'sqlite' as const, path: p, rank: 0 };
      }
      if (name === 'meta.yaml' && path.basename(path.dirname(path.dirname(p))) === 'mlruns') {
        return { kind: 'file' as const, path: path.dirname(path.dirname(p)), rank: 1 };
      }
      return undefined;
    })
    .filter((c): c is NonNullable<typeof c> => c !== undefined)
    .sort((a, b) => a.rank - b.rank || depth(a.path) - depth(b.path) || a.path.localeCompare(b.path));
  const best = candidates[0];
  return best ? { kind: best.kind, path: best.path } : undefined;
}

function depth(p: string): number {
  return p.split(/[\\/]/).length;
}
