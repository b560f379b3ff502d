import { readFile } from 'node:fs/promises';
import * as path from 'node:path';

/** The environment variables the Databricks tools read for the workspace and its token. */
export interface DatabricksEnv {
  readonly DATABRICKS_HOST?: string;
  readonly DATABRICKS_TOKEN?: string;
  readonly DATABRICKS_CONFIG_FILE?: string;
  readonly DATABRICKS_CONFIG_PROFILE?: string;
}

/** Where a Databricks workspace's MLflow API lives, and the personal access token for it if one is configured. */
export interface DatabricksConnection {
  /** `https://<workspace host>` without a trailing slash; MLflow's REST API is below it. */
  readonly host: string;
  readonly token: string | undefined;
  /** Where the host came from, for messages: the environment or `<file> [profile]`. */
  readonly from: string;
}

export type DatabricksResolution =
  | { readonly ok: true; readonly connection: DatabricksConnection }
  | { readonly ok: false; readonly error: string };

/**
 * Parse `~/.databrickscfg`: INI sections named after profiles, `key = value` lines, `#`/`;`
 * comments. Keys are lower-cased; `[DEFAULT]` is kept as the profile named DEFAULT.
 */
export function parseDatabricksConfig(text: string): Map<string, Map<string, string>> {
  const profiles = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const rawLine of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) {
      continue;
    }
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header?.[1] !== undefined) {
      const name = header[1].trim();
      current = profiles.get(name) ?? new Map<string, string>();
      profiles.set(name, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (current !== undefined && eq > 0) {
      current.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
    }
  }
  return profiles;
}

/**
 * Resolve `databricks` / `databricks://<profile>` as MLflow's Databricks client does:
 * - a profile named in the URI is read from the config file and must exist there;
 * - without one, `DATABRICKS_HOST` (with `DATABRICKS_TOKEN`) wins, else the profile named by
 *   `DATABRICKS_CONFIG_PROFILE`, else `DEFAULT`.
 * A host without a token is returned with `token: undefined` (the profile may use OAuth or the
 * Azure CLI, which we do not run); the caller then asks the user for a token.
 * `configText` is undefined when the file does not exist.
 */
export function resolveDatabricks(
  profile: string | undefined,
  env: DatabricksEnv,
  configText: string | undefined,
  configPath: string,
): DatabricksResolution {
  const envHost = nonEmpty(env.DATABRICKS_HOST);
  if (profile === undefined && envHost !== undefined) {
    return connection(envHost, nonEmpty(env.DATABRICKS_TOKEN), 'DATABRICKS_HOST');
  }
  const name = profile ?? nonEmpty(env.DATABRICKS_CONFIG_PROFILE) ?? 'DEFAULT';
  if (configText === undefined) {
    return {
      ok: false,
      error:
        profile === undefined
          ? `No Databricks workspace is configured: set DATABRICKS_HOST and DATABRICKS_TOKEN, or create ${configPath} with a [${name}] profile (host and token).`
          : `Databricks profile "${profile}" needs ${configPath}, which does not exist.`,
    };
  }
  const section = parseDatabricksConfig(configText).get(name);
  if (section === undefined) {
    return { ok: false, error: `${configPath} has no [${name}] profile.` };
  }
  const host = nonEmpty(section.get('host'));
  if (host === undefined) {
    return { ok: false, error: `The [${name}] profile in ${configPath} has no host.` };
  }
  return connection(host, nonEmpty(section.get('token')), `${configPath} [${name}]`);
}

/** The config file MLflow and the Databricks CLI read: `DATABRICKS_CONFIG_FILE`, else `~/.databrickscfg`. */
export function databricksConfigPath(env: DatabricksEnv, homeDir: string): string {
  const configured = nonEmpty(env.DATABRICKS_CONFIG_FILE);
  if (configured === undefined) {
    return path.join(homeDir, '.databrickscfg');
  }
  return configured.startsWith('~')
    ? path.join(homeDir, configured.slice(1))
    : path.resolve(homeDir, configured);
}

/** Read the config file (if any) and resolve the profile. */
export async function loadDatabricksConnection(
  profile: string | undefined,
  env: DatabricksEnv,
  homeDir: string,
): Promise<DatabricksResolution> {
  const file = databricksConfigPath(env, homeDir);
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    text = undefined;
  }
  return resolveDatabricks(profile, env, text, file);
}

function connection(rawHost: string, token: string | undefined, from: string): DatabricksResolution {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(rawHost) ? rawHost : `https://${rawHost}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, error: `The Databricks host from ${from} ("${rawHost}") is not a valid address.` };
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') {
    return {
      ok: false,
      error: `The Databricks host from ${from} ("${rawHost}") must be an https:// address.`,
    };
  }
  const host = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  return { ok: true, connection: { host, token, from } };
}

function nonEmpty(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t === undefined || t === '' ? undefined : t;
}
