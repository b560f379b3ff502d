/**
 * Credentials for one tracking server, resolved afresh for every request (as MLflow's
 * `get_host_creds` is) so a token refreshed in SecretStorage applies at once.
 */
export type HostCredentials =
  | { readonly kind: 'basic'; readonly username: string; readonly password: string }
  | { readonly kind: 'bearer'; readonly token: string };

/** Called before each request; undefined means "send no Authorization header". */
export type CredentialsProvider = () => HostCredentials | undefined | Promise<HostCredentials | undefined>;

/** The value of the Authorization header for these credentials. */
export function authorizationHeader(creds: HostCredentials): string {
  if (creds.kind === 'bearer') {
    return `Bearer ${creds.token}`;
  }
  return `Basic ${Buffer.from(`${creds.username}:${creds.password}`, 'utf8').toString('base64')}`;
}

/** Username/password found in `~/.mlflow/credentials`, either may be missing. */
export interface FileCredentials {
  readonly username: string | undefined;
  readonly password: string | undefined;
}

/**
 * Parse `~/.mlflow/credentials`, the INI file MLflow's `mlflow.login()` writes: a `[mlflow]`
 * section with `mlflow_tracking_username` and `mlflow_tracking_password`. Other sections are ignored.
 */
export function parseCredentialsFile(text: string): FileCredentials {
  let section = '';
  let username: string | undefined;
  let password: string | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) {
      continue;
    }
    const header = /^\[(.+)\]$/.exec(line);
    if (header?.[1] !== undefined) {
      section = header[1].trim();
      continue;
    }
    const eq = line.search(/[=:]/);
    if (section !== 'mlflow' || eq < 0) {
      continue;
    }
    const key = line.slice(0, eq).trim().toLowerCase();
    const value = line.slice(eq + 1).trim();
    if (key === 'mlflow_tracking_username') {
      username = value;
    } else if (key === 'mlflow_tracking_password') {
      password = value;
    }
  }
  return { username, password };
}

/** The environment variables MLflow reads for credentials. */
export interface CredentialEnv {
  readonly MLFLOW_TRACKING_USERNAME?: string;
  readonly MLFLOW_TRACKING_PASSWORD?: string;
  readonly MLFLOW_TRACKING_TOKEN?: string;
}

/**
 * Resolve credentials the way MLflow's `rest_utils` does: username/password from the environment,
 * each falling back to the credentials file, give Basic auth; otherwise a token gives Bearer.
 */
export function resolveCredentials(
  env: CredentialEnv,
  file: FileCredentials | undefined,
): HostCredentials | undefined {
  const username = nonEmpty(env.MLFLOW_TRACKING_USERNAME) ?? nonEmpty(file?.username);
  const password = nonEmpty(env.MLFLOW_TRACKING_PASSWORD) ?? nonEmpty(file?.password);
  if (username !== undefined && password !== undefined) {
    return { kind: 'basic', username, password };
  }
  const token = nonEmpty(env.MLFLOW_TRACKING_TOKEN);
  return token === undefined ? undefined : { kind: 'bearer', token };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
