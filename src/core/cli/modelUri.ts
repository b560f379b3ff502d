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

/**
 * Check a model URI before it goes on a command line. Anything starting with "-" would be read as
 * an option (argument injection); control characters have no place in a URI.
 */
export function checkModelUri(uri: string): { ok: true; kind: ModelUriKind } | { ok: false; error: string } {
  if (uri === '' || uri.trim() !== uri) {
    return { ok: false, error: 'The model URI is empty or has surrounding spaces.' };
  }
  if (uri.startsWith('-')) {
    return { ok: false, error: 'A model URI cannot start with "-".' };
  }
  if (Array.from(uri).some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
    return { ok: false, error: 'The model URI contains control characters.' };
  }
  if (uri.startsWith('runs:/')) {
    const [runId = '', ...rest] = uri.slice('runs:/'.length).split('/');
    if (!RUN_ID.test(runId) || rest.join('/') === '' || rest.includes('..')) {
      return { ok: false, error: 'A runs:/ URI is runs:/<32-hex run id>/<artifact path>.' };
    }
    return { ok: true, kind: 'runs' };
  }
  if (uri.startsWith('models:/')) {
    const body = uri.slice('models:/'.length);
    const alias = /^([^/@]+)@([A-Za-z0-9_-]+)$/.exec(body);
    if (alias) {
      return { ok: true, kind: 'models-alias' };
    }
    const version = /^([^/@]+)\/(\d+|latest|Production|Staging|Archived|None)$/.exec(body);
    if (version) {
      return { ok: true, kind: 'models-version' };
    }
    if (/^m-[0-9a-f]{32}$/.test(body)) {
      return { ok: true, kind: 'models-id' };
    }
    return {
      ok: false,
      error: 'A models:/ URI is models:/<name>/<version>, models:/<name>@<alias> or models:/<model id>.',
    };
  }
  const scheme = /^([a-zA-Z][\w+.-]*):/.exec(uri)?.[1]?.toLowerCase();
  if (scheme && scheme.length > 1) {
    return REMOTE_SCHEMES.includes(scheme)
      ? { ok: true, kind: scheme === 'file' ? 'local' : 'remote' }
      : { ok: false, error: `Unsupported model URI scheme "${scheme}:".` };
  }
  if (uri.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(uri)) {
    return { ok: true, kind: 'local' };
  }
  return { ok: false, error: 'A local model must be given by its absolute path.' };
}
