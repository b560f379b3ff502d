import type { TlsOptions } from './restClient';

/** The environment variables MLflow reads for TLS (`mlflow/environment_variables.py`). */
export interface TlsEnv {
  readonly MLFLOW_TRACKING_INSECURE_TLS?: string;
  readonly MLFLOW_TRACKING_SERVER_CERT_PATH?: string;
  readonly MLFLOW_TRACKING_CLIENT_CERT_PATH?: string;
}

/** Reads one file's bytes; the caller passes `fs.readFileSync` so this module stays free of I/O. */
export type ReadFile = (path: string) => Buffer;

const PRIVATE_KEY = /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/;

/**
 * Build {@link TlsOptions} the way MLflow's `MlflowHostCreds` reads its env vars:
 * `MLFLOW_TRACKING_INSECURE_TLS` turns verification off, `MLFLOW_TRACKING_SERVER_CERT_PATH` is a
 * CA bundle to trust, and `MLFLOW_TRACKING_CLIENT_CERT_PATH` is the client certificate for mutual
 * TLS. Python's `requests` takes that file as "cert and key in one PEM", so when the file also
 * holds a private key it is used as the key too; otherwise only the certificate is sent.
 *
 * Returns undefined when none is set (the platform's trust store applies). Throws an `Error` for
 * what MLflow refuses: a non-boolean flag, the flag together with a CA path, an unreadable file.
 */
export function tlsOptionsFromEnv(env: TlsEnv, readFile: ReadFile): TlsOptions | undefined {
  const insecure = parseBool(env.MLFLOW_TRACKING_INSECURE_TLS);
  const caPath = nonEmpty(env.MLFLOW_TRACKING_SERVER_CERT_PATH);
  const certPath = nonEmpty(env.MLFLOW_TRACKING_CLIENT_CERT_PATH);
  if (insecure && caPath !== undefined) {
    throw new Error(
      'MLFLOW_TRACKING_INSECURE_TLS and MLFLOW_TRACKING_SERVER_CERT_PATH are both set; MLflow allows only one of them.',
    );
  }
  if (!insecure && caPath === undefined && certPath === undefined) {
    return undefined;
  }
  const ca = caPath === undefined ? undefined : read(readFile, 'MLFLOW_TRACKING_SERVER_CERT_PATH', caPath);
  const cert =
    certPath === undefined ? undefined : read(readFile, 'MLFLOW_TRACKING_CLIENT_CERT_PATH', certPath);
  const key = cert !== undefined && PRIVATE_KEY.test(cert.toString('latin1')) ? cert : undefined;
  return {
    ...(insecure ? { insecure } : {}),
    ...(ca === undefined ? {} : { ca }),
    ...(cert === undefined ? {} : { cert }),
    ...(key === undefined ? {} : { key }),
  };
}

/** MLflow's boolean env parsing: `true`/`1` and `false`/`0` in any case; anything else is an error. */
function parseBool(value: string | undefined): boolean {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || v === 'false' || v === '0') {
    return false;
  }
  if (v === 'true' || v === '1') {
    return true;
  }
  throw new Error(`MLFLOW_TRACKING_INSECURE_TLS must be true, false, 1 or 0, not "${value ?? ''}".`);
}

function nonEmpty(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v === undefined || v === '' ? undefined : v;
}

function read(readFile: ReadFile, name: string, filePath: string): Buffer {
  try {
    return readFile(filePath);
  } catch (err: unknown) {
    const code = (err as { code?: unknown }).code;
    throw new Error(`${name}: cannot read ${filePath}${typeof code === 'string' ? ` (${code})` : ''}.`, {
      cause: err,
    });
  }
}
