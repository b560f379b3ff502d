import { readFile } from 'node:fs/promises';
import type { TlsOptions } from './restClient';

/** The TLS environment variables MLflow's Python client reads. */
export interface TlsEnv {
  readonly MLFLOW_TRACKING_INSECURE_TLS?: string;
  readonly MLFLOW_TRACKING_SERVER_CERT_PATH?: string;
}

/**
 * TLS options as MLflow defines them: `MLFLOW_TRACKING_INSECURE_TLS=true` skips verification,
 * `MLFLOW_TRACKING_SERVER_CERT_PATH` names a PEM CA bundle to trust. Undefined when neither is
 * set (Node's own CA store applies). A bundle that cannot be read is an error worth showing,
 * not something to ignore silently.
 */
export async function tlsOptionsFromEnv(env: TlsEnv): Promise<TlsOptions | undefined> {
  const insecure = (env.MLFLOW_TRACKING_INSECURE_TLS ?? '').trim().toLowerCase() === 'true';
  const caPath = env.MLFLOW_TRACKING_SERVER_CERT_PATH?.trim();
  if (!insecure && !caPath) {
    return undefined;
  }
  let ca: string | undefined;
  if (caPath) {
    try {
      ca = await readFile(caPath, 'utf8');
    } catch (err) {
      throw new Error(`MLFLOW_TRACKING_SERVER_CERT_PATH names ${caPath}, which cannot be read: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }
  return { insecure, ca };
}
