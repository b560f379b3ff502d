import { StoreError } from '../common/storeError';
import { displayText } from './displayText';

/** One short sentence for a tree node, and the detail for its tooltip and the log. */
export interface ErrorDescription {
  readonly summary: string;
  readonly detail: string;
  /** Set when entering credentials is what fixes it (the server answered 401). */
  readonly signIn?: boolean;
}

/**
 * Say what went wrong in the words a user acts on: sign in, check the address, narrow the filter.
 * The server's own message is kept (as plain, bounded text) for the detail.
 */
export function describeStoreError(err: unknown): ErrorDescription {
  const message = displayText(err instanceof Error ? err.message : String(err), 500);
  if (!StoreError.is(err)) {
    return { summary: message, detail: message };
  }
  // Most transport and HTTP errors already name the request in their message: say it once.
  // The shown message may be cut (500 characters): name the request unless what is shown names it.
  const where = err.request === undefined || message.includes(err.request) ? '' : ` (${err.request})`;
  const detail = `${message}${where}`;
  switch (err.kind) {
    case 'network':
      return { summary: 'Cannot reach the tracking server', detail };
    case 'tls':
      return { summary: 'The server certificate was not accepted (TLS)', detail };
    case 'host-rejected':
      return { summary: 'The server refused this host name (Invalid Host header)', detail };
    case 'timeout':
      return { summary: 'The tracking server did not answer in time', detail };
    case 'not-mlflow':
      return { summary: 'This address does not answer like an MLflow server', detail };
    case 'too-large':
      return { summary: 'The answer was too large', detail };
    case 'cancelled':
      return { summary: 'Cancelled', detail };
    case 'read-only':
      return { summary: 'Local stores are read-only', detail };
    default:
      break;
  }
  const workspace = workspaceProblem(err);
  if (workspace !== undefined) {
    return { summary: workspace, detail };
  }
  if (err.status === 401) {
    return { summary: 'The server asks for credentials (401)', detail, signIn: true };
  }
  if (err.status === 403) {
    return { summary: 'Permission denied by the server (403)', detail };
  }
  if (err.errorCode === 'INVALID_PARAMETER_VALUE' || err.errorCode === 'BAD_REQUEST') {
    return { summary: `Rejected: ${displayText(err.message, 120)}`, detail };
  }
  return { summary: displayText(err.message, 120), detail };
}

/**
 * MLflow 3.10+ workspaces: ids are global, so an entity of another workspace answers a bare 404;
 * say where it was looked for. A chosen workspace the server no longer has is said as such.
 */
function workspaceProblem(err: StoreError): string | undefined {
  if (!StoreError.isNotFound(err)) {
    return undefined;
  }
  const gone = /^Workspace '([^']{1,100})' not found/.exec(err.message)?.[1];
  if (gone !== undefined) {
    return `Workspace "${displayText(gone, 60)}" does not exist on this server: switch workspace`;
  }
  return err.workspace === undefined
    ? undefined
    : `Not found in workspace "${displayText(err.workspace, 60)}"; it may be in another workspace`;
}
