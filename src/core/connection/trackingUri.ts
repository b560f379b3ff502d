import * as path from 'node:path';

/**
 * Where a tracking URI points, in the three shapes our stores understand plus the managed
 * services that speak MLflow's REST API behind their own authentication.
 * The scheme rules follow MLflow's own resolution (`mlflow/tracking/_tracking_service/utils.py`):
 * no scheme means a local `mlruns` path, `sqlite:///rel.db` is relative and `sqlite:////abs.db`
 * absolute (SQLAlchemy's rule), `databricks[://profile]` names a profile in `~/.databrickscfg`.
 */
export type TrackingTarget =
  | { readonly kind: 'rest'; readonly uri: string; readonly baseUrl: string; readonly display: string }
  | {
      readonly kind: 'databricks';
      readonly uri: string;
      readonly profile: string | undefined;
      readonly display: string;
    }
  | { readonly kind: 'azureml'; readonly uri: string; readonly baseUrl: string; readonly display: string }
  | { readonly kind: 'sqlite'; readonly uri: string; readonly path: string; readonly display: string }
  | { readonly kind: 'file'; readonly uri: string; readonly path: string; readonly display: string };

export type TrackingKind = TrackingTarget['kind'];

export type ParseResult =
  { readonly ok: true; readonly target: TrackingTarget } | { readonly ok: false; readonly error: string };

/** Database schemes MLflow accepts for a server's backend store but that we cannot open directly. */
const SERVER_ONLY_DB_SCHEMES = ['postgresql', 'mysql', 'mssql', 'oracle'];

/**
 * Parse a tracking URI as MLflow would read it. `baseDir` resolves relative paths (MLflow uses the
 * process's working directory; the extension passes the workspace folder).
 */
export function parseTrackingUri(raw: string, baseDir: string): ParseResult {
  const uri = raw.trim();
  if (uri === '') {
    return fail('The tracking URI is empty.');
  }
  if (Array.from(uri).some((c) => c.charCodeAt(0) < 0x20)) {
    return fail('The tracking URI contains control characters.');
  }
  // MLflow treats the bare word "databricks" as the default Databricks profile, not a folder.
  const scheme = uri.toLowerCase() === 'databricks' ? 'databricks' : schemeOf(uri);
  if (scheme === undefined) {
    const abs = path.resolve(baseDir, uri);
    return ok({ kind: 'file', uri, path: abs, display: abs });
  }
  switch (scheme) {
    case 'http':
    case 'https':
      return parseHttp(uri);
    case 'databricks':
      return parseDatabricks(uri);
    case 'azureml':
      return parseAzureMl(uri);
    case 'sqlite':
      return parseSqlite(uri, baseDir);
    case 'file':
      return parseFile(uri, baseDir);
    default: {
      const base = scheme.split('+')[0] ?? scheme;
      if (SERVER_ONLY_DB_SCHEMES.includes(base)) {
        return fail(
          `A ${base} database can only be read through an MLflow tracking server: run \`mlflow server --backend-store-uri ${redactUri(uri)}\` and connect to its http:// address.`,
        );
      }
      return fail(
        `Unsupported tracking URI scheme "${scheme}:". Use http(s)://host[:port][/prefix], databricks[://profile], azureml://…, sqlite:///path/to/mlflow.db, file:///path/to/mlruns or a plain path.`,
      );
    }
  }
}

/** A URI safe to show or log: any password or token in the user-info part is replaced. */
export function redactUri(uri: string): string {
  // Greedy up to the authority's last "@": a password may itself contain "@".
  return uri.replace(/^([a-zA-Z][\w+.-]*:\/\/)([^/?#]*)@/, (_m, prefix: string, userInfo: string) => {
    const user = userInfo.split(':')[0] ?? '';
    return `${prefix}${user === '' ? '' : `${user}:`}***@`;
  });
}

function schemeOf(uri: string): string | undefined {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(uri);
  if (!m?.[1]) {
    return undefined;
  }
  // A Windows drive letter ("C:\runs") is a path, not a scheme.
  if (m[1].length === 1) {
    return undefined;
  }
  return m[1].toLowerCase();
}

function parseHttp(uri: string): ParseResult {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return fail(`"${redactUri(uri)}" is not a valid URL.`);
  }
  if (url.hostname === '') {
    return fail(`"${redactUri(uri)}" has no host name.`);
  }
  if (url.search !== '' || url.hash !== '') {
    return fail('A tracking server URL takes no query string or fragment; give its base address only.');
  }
  const baseUrl = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  return ok({
    kind: 'rest',
    uri,
    baseUrl,
    display: redactUri(
      `${url.protocol}//${url.username ? `${url.username}@` : ''}${url.host}${url.pathname.replace(/\/+$/, '')}`,
    ),
  });
}

function parseDatabricks(uri: string): ParseResult {
  if (uri.toLowerCase() === 'databricks') {
    return ok({ kind: 'databricks', uri, profile: undefined, display: 'Databricks (default profile)' });
  }
  const m = /^databricks:\/\/([^/?#]*)$/i.exec(uri);
  if (!m) {
    return fail('A Databricks tracking URI is "databricks" or "databricks://<profile>".');
  }
  // "databricks://profile:prefix" names a secret scope prefix; the profile is what precedes it.
  const profile = (m[1] ?? '').split(':')[0] ?? '';
  if (profile === '') {
    return ok({ kind: 'databricks', uri, profile: undefined, display: 'Databricks (default profile)' });
  }
  return ok({ kind: 'databricks', uri, profile, display: `Databricks (profile ${profile})` });
}

/**
 * Where Azure ML's MLflow endpoints live: `<region>.api.azureml.ms` (public cloud, private-link
 * hosts end the same way), `.api.ml.azure.cn` (Azure China) and `.api.ml.azure.us` (US Government).
 */
const AZURE_ML_HOST_SUFFIXES = ['.api.azureml.ms', '.api.ml.azure.cn', '.api.ml.azure.us'];

function parseAzureMl(uri: string): ParseResult {
  // azureml://<region>.api.azureml.ms/mlflow/v1.0/subscriptions/…/workspaces/<name>: the same
  // address over https is the workspace's MLflow endpoint (what azureml-mlflow does).
  let url: URL;
  try {
    url = new URL(`https://${uri.slice('azureml://'.length)}`);
  } catch {
    return fail(`"${uri}" is not a valid Azure Machine Learning tracking URI.`);
  }
  if (!/^azureml:\/\//i.test(uri) || url.hostname === '' || !/\/workspaces\/[^/]+/i.test(url.pathname)) {
    return fail(
      'An Azure Machine Learning tracking URI looks like azureml://<region>.api.azureml.ms/mlflow/v1.0/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.MachineLearningServices/workspaces/<name>.',
    );
  }
  const host = url.hostname.toLowerCase();
  // The user's Microsoft session token goes to this host: only Azure ML's own endpoints get it.
  if (!AZURE_ML_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix)) || url.username !== '') {
    return fail(
      `"${url.host}" is not an Azure Machine Learning endpoint (…${AZURE_ML_HOST_SUFFIXES.join(', …')}); your Microsoft sign-in is sent only there.`,
    );
  }
  const workspace = /\/workspaces\/([^/]+)/i.exec(url.pathname)?.[1] ?? '';
  const baseUrl = `https://${url.host}${url.pathname.replace(/\/+$/, '')}`;
  // the host is part of the name, so a look-alike workspace name cannot hide where it points
  return ok({
    kind: 'azureml',
    uri,
    baseUrl,
    display: `Azure ML workspace ${decodeURIComponent(workspace)} (${host})`,
  });
}

function parseSqlite(uri: string, baseDir: string): ParseResult {
  const m = /^sqlite:\/\/(.*)$/i.exec(uri);
  const rest = m?.[1];
  if (rest === undefined || !rest.startsWith('/') || rest.length < 2) {
    return fail('A SQLite tracking URI is sqlite:///relative/mlflow.db or sqlite:////absolute/mlflow.db.');
  }
  const withoutQuery = rest.split('?')[0] ?? rest;
  const afterSlash = decodePath(withoutQuery.slice(1));
  if (afterSlash === undefined || afterSlash === '' || afterSlash === ':memory:') {
    return fail('A SQLite tracking URI must name a database file.');
  }
  const file =
    path.isAbsolute(afterSlash) || /^[a-zA-Z]:[\\/]/.test(afterSlash)
      ? afterSlash
      : path.resolve(baseDir, afterSlash);
  return ok({ kind: 'sqlite', uri, path: file, display: file });
}

function parseFile(uri: string, baseDir: string): ParseResult {
  let p: string | undefined;
  if (/^file:\/\//i.test(uri)) {
    const rest = uri.slice('file://'.length);
    const slash = rest.indexOf('/');
    const host = slash < 0 ? rest : rest.slice(0, slash);
    if (host !== '' && host !== 'localhost') {
      return fail(
        `file:// URIs on another host ("${host}") are not supported; mount the folder and use its local path.`,
      );
    }
    p = decodePath(slash < 0 ? '' : rest.slice(slash));
    // file:///C:/runs on Windows
    if (p !== undefined && /^\/[a-zA-Z]:\//.test(p)) {
      p = p.slice(1);
    }
  } else {
    p = decodePath(uri.slice('file:'.length));
  }
  if (p === undefined || p === '') {
    return fail('A file tracking URI must name a folder.');
  }
  const abs = path.isAbsolute(p) || /^[a-zA-Z]:[\\/]/.test(p) ? p : path.resolve(baseDir, p);
  return ok({ kind: 'file', uri, path: abs, display: abs });
}

function decodePath(p: string): string | undefined {
  try {
    return decodeURIComponent(p);
  } catch {
    return undefined;
  }
}

function ok(target: TrackingTarget): ParseResult {
  return { ok: true, target };
}

function fail(error: string): ParseResult {
  return { ok: false, error };
}
