import { StoreError } from '../common/storeError';
import { ENDPOINTS, type Endpoint } from '../tracking/rest/endpoints';
import type { CallOptions } from '../tracking/rest/restClient';

/**
 * What kept a connection from working, one word per cause the user fixes differently; for
 * `old-server` (severity `ok`) what the working server lacks.
 */
export type ConnectionProblem =
  | 'unreachable'
  | 'tls'
  | 'unauthenticated'
  | 'forbidden'
  | 'host-rejected'
  | 'not-mlflow'
  | 'old-server'
  | 'server-error';

/** The verdict of {@link diagnoseConnection}. */
export interface Diagnosis {
  /**
   * `ok`: the server works (an older one may lack newer endpoints: a fact, not a fault);
   * `error`: it does not work.
   */
  readonly severity: 'ok' | 'error';
  readonly problem: ConnectionProblem | undefined;
  /** One short sentence saying exactly what is wrong (or that all is well); it must fit a notification. */
  readonly summary: string;
  /** What to do about it, empty when nothing is to be done. */
  readonly advice: string;
  /** More than fits a notification (shown on request), when there is more to say. */
  readonly details?: string;
}

/** The part of `RestClient` a diagnosis needs; a test may pass the real client over a scripted server. */
export interface DiagnosableClient {
  call(endpoint: Endpoint, call?: CallOptions): Promise<Record<string, unknown>>;
}

/** Endpoints newer than the oldest servers people still run, with the version that added each. */
const NEWER_ENDPOINTS: ReadonlyArray<{
  readonly endpoint: Endpoint;
  readonly since: string;
  /** A few words for the notification. */
  readonly short: string;
  readonly feature: string;
  readonly call: CallOptions;
}> = [
  {
    endpoint: ENDPOINTS.getMetricHistoryBulkInterval,
    since: '2.11',
    short: 'sampled histories',
    feature: 'sampled metric histories for charts (get-history-bulk-interval)',
    call: { query: [['max_results', 1]] },
  },
  {
    endpoint: ENDPOINTS.searchLoggedModels,
    since: '3.0',
    short: 'logged models',
    feature: 'logged models (logged-models/search)',
    call: { body: { experiment_ids: [], max_results: 1 } },
  },
];

/**
 * Probe an MLflow REST server and say exactly what is wrong: unreachable, TLS, 401/403, an MLflow
 * 3.5+ server refusing the Host header, an address that is not an MLflow API, or a server old
 * enough to lack endpoints the extension uses. Reads only; give the client few or no retries so
 * the answer comes quickly.
 */
export async function diagnoseConnection(
  client: DiagnosableClient,
  signal?: AbortSignal,
): Promise<Diagnosis> {
  let answer: Record<string, unknown>;
  try {
    answer = await client.call(ENDPOINTS.searchExperiments, { body: { max_results: 1 }, signal });
  } catch (err) {
    return diagnoseFailure(err);
  }
  if (!looksLikeExperimentSearch(answer)) {
    return {
      severity: 'error',
      problem: 'not-mlflow',
      summary: 'This address answers JSON, but not MLflow’s: experiments/search returned something else.',
      advice: 'Check the address and its path prefix: it should be what you would give MLFLOW_TRACKING_URI.',
    };
  }
  const missing: Array<(typeof NEWER_ENDPOINTS)[number]> = [];
  for (const probe of NEWER_ENDPOINTS) {
    try {
      await client.call(probe.endpoint, { ...probe.call, signal });
    } catch (err) {
      if (isMissingEndpoint(err)) {
        missing.push(probe);
      }
      // Any other refusal (a 400 for the deliberately empty request) proves the route exists.
    }
  }
  if (missing.length === 0) {
    return {
      severity: 'ok',
      problem: undefined,
      summary: 'Connected: the server answers as MLflow does.',
      advice: '',
    };
  }
  const oldest = missing.reduce((a, b) => (compareVersions(a.since, b.since) <= 0 ? a : b));
  // A healthy older server is information, not a warning: the views work, with fewer features.
  return {
    severity: 'ok',
    problem: 'old-server',
    summary: `Connected (older than MLflow ${oldest.since}: no ${missing.map((m) => m.short).join(' or ')}).`,
    advice: '',
    details:
      `The server answers as MLflow does, but lacks ${missing.map((m) => `${m.feature}, added in MLflow ${m.since}`).join('; ')}. ` +
      'Those parts of the views stay empty or fall back to slower calls; upgrade the server (pip install -U mlflow) to get them.',
  };
}

/** The diagnosis for a failed first call. Exported for the explorer's error wording to match. */
export function diagnoseFailure(err: unknown): Diagnosis {
  const message = err instanceof Error ? err.message : String(err);
  if (!StoreError.is(err)) {
    return { severity: 'error', problem: 'server-error', summary: message, advice: '' };
  }
  switch (err.kind) {
    case 'network':
    case 'timeout':
      return {
        severity: 'error',
        problem: 'unreachable',
        summary: `Unreachable: ${message}`,
        advice:
          'Check that the server is running and the host and port are right (mlflow server --host 0.0.0.0 to listen beyond localhost), and that no firewall or VPN is in the way.',
      };
    case 'tls':
      return { severity: 'error', problem: 'tls', summary: message, advice: '' };
    case 'host-rejected':
      return {
        severity: 'error',
        problem: 'host-rejected',
        summary:
          'The server refused the Host header (HTTP 403 "Invalid Host header"): MLflow 3.5+ accepts only localhost and private addresses unless told otherwise.',
        advice:
          'On the server, add this host name with --allowed-hosts (or MLFLOW_SERVER_ALLOWED_HOSTS), e.g. mlflow server --allowed-hosts "mlflow.example.com,localhost".',
      };
    case 'not-mlflow':
    case 'invalid-response':
      return {
        severity: 'error',
        problem: 'not-mlflow',
        summary: `Not an MLflow server: ${message}`,
        advice: 'Check the address and its path prefix (a proxy or a login page may be answering instead).',
      };
    default:
      break;
  }
  if (err.status === 401) {
    return {
      severity: 'error',
      problem: 'unauthenticated',
      summary: 'The server asks for credentials (HTTP 401) and none, or wrong ones, were sent.',
      advice:
        'Sign in with a username and password or a token, or set MLFLOW_TRACKING_USERNAME/MLFLOW_TRACKING_PASSWORD or MLFLOW_TRACKING_TOKEN.',
    };
  }
  if (err.status === 403) {
    return {
      severity: 'error',
      problem: 'forbidden',
      summary: `The server refused access (HTTP 403): ${message}`,
      advice:
        'These credentials are valid but lack permission to read experiments; ask the server’s administrator, or sign in as another user.',
    };
  }
  if (err.status === 404 || err.errorCode === 'ENDPOINT_NOT_FOUND') {
    return {
      severity: 'error',
      problem: 'not-mlflow',
      summary: `Not an MLflow API at this address: experiments/search is not found (${message}).`,
      advice: 'Check the path prefix: give the address below which /api/2.0/mlflow/ lives.',
    };
  }
  return {
    severity: 'error',
    problem: 'server-error',
    summary: `The server failed: ${message}`,
    advice: 'See the server’s own logs.',
  };
}

function looksLikeExperimentSearch(answer: Record<string, unknown>): boolean {
  const keys = Object.keys(answer);
  if (keys.some((k) => k !== 'experiments' && k !== 'next_page_token')) {
    return false;
  }
  return answer.experiments === undefined || Array.isArray(answer.experiments);
}

/** A server too old for an endpoint answers ENDPOINT_NOT_FOUND, or Flask's HTML 404/405. */
function isMissingEndpoint(err: unknown): boolean {
  return (
    StoreError.is(err) &&
    (err.errorCode === 'ENDPOINT_NOT_FOUND' ||
      ((err.kind === 'not-mlflow' || err.kind === 'api') &&
        (err.status === 404 || err.status === 405) &&
        err.errorCode !== 'RESOURCE_DOES_NOT_EXIST'))
  );
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) {
      return d;
    }
  }
  return 0;
}
