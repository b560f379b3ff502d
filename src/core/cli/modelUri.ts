/** The shapes of model URI `mlflow models serve -m` accepts, as MLflow's artifact repositories read them. */
export type ModelUriKind = 'runs' | 'models-version' | 'models-alias' | 'models-id' | 'local' | 'remote';

const RUN_ID = /^[0-9a-f]{32}$/;
const REMOTE_SCHEMES = [
  's3',
  'gs',
  'wasbs',
  'abfss',
  'hdfs',
  'dbfs',
  'mlflow-artifacts',
  'file',
  'http',
  'https',
  'ftp',
  'sftp',
];

type ModelUriCheck = { ok: true; kind: ModelUriKind } | { ok: false; error: string };

const refuse = (error: string): ModelUriCheck => ({ ok: false, error });

/**
 * Check a model URI before it goes on a command line. Anything starting with "-" would be read as
 * an option (argument injection); control characters have no place in a URI.
 */
export function checkModelUri(uri: string): ModelUriCheck {
  const unsafe = unsafeOnCommandLine(uri);
  if (unsafe !== undefined) {
    return refuse(unsafe);
  }
  if (uri.startsWith('runs:/')) {
    return checkRunsUri(uri.slice('runs:/'.length));
  }
  if (uri.startsWith('models:/')) {
    return checkModelsUri(uri.slice('models:/'.length));
  }
  return checkSchemeOrPath(uri);
}

/** Why `uri` cannot go on a command line whatever its scheme, or undefined when it can. */
function unsafeOnCommandLine(uri: string): string | undefined {
  if (uri === '' || uri.trim() !== uri) {
    return 'The model URI is empty or has surrounding spaces.';
  }
  if (uri.startsWith('-')) {
    return 'A model URI cannot start with "-".';
  }
  if (Array.from(uri).some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
    return 'The model URI contains control characters.';
  }
  return undefined;
}

/** `runs:/<run id>/<artifact path>`, given what follows "runs:/"; the path may not climb out with "..". */
function checkRunsUri(path: string): ModelUriCheck {
  const [runId = '', ...rest] = path.split('/');
  if (!RUN_ID.test(runId) || rest.join('/') === '' || rest.includes('..')) {
    return refuse('A runs:/ URI is runs:/<32-hex run id>/<artifact path>.');
  }
  return { ok: true, kind: 'runs' };
}

/** The registry forms, given what follows "models:/": name@alias, name/version or a logged model's id. */
function checkModelsUri(body: string): ModelUriCheck {
  if (/^([^/@]+)@([A-Za-z0-9_-]+)$/.test(body)) {
    return { ok: true, kind: 'models-alias' };
  }
  if (/^([^/@]+)\/(\d+|latest|Production|Staging|Archived|None)$/.test(body)) {
    return { ok: true, kind: 'models-version' };
  }
  if (/^m-[0-9a-f]{32}$/.test(body)) {
    return { ok: true, kind: 'models-id' };
  }
  return refuse('A models:/ URI is models:/<name>/<version>, models:/<name>@<alias> or models:/<model id>.');
}

/** Any other scheme must be one MLflow reads artifacts from; without one, an absolute local path. */
function checkSchemeOrPath(uri: string): ModelUriCheck {
  // One letter before ":" is a Windows drive, not a scheme.
  const scheme = /^([a-zA-Z][\w+.-]*):/.exec(uri)?.[1]?.toLowerCase();
  if (scheme && scheme.length > 1) {
    return REMOTE_SCHEMES.includes(scheme)
      ? { ok: true, kind: scheme === 'file' ? 'local' : 'remote' }
      : refuse(`Unsupported model URI scheme "${scheme}:".`);
  }
  if (uri.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(uri)) {
    return { ok: true, kind: 'local' };
  }
  return refuse('A local model must be given by its absolute path.');
}
