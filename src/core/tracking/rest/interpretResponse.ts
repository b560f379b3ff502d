import { StoreError } from '../../common/storeError';

/**
 * Turn an HTTP answer into the JSON object it should hold, or the {@link StoreError} it means.
 * MLflow errors are `{error_code, message}` JSON; an HTML page (a login portal, a proxy, Flask's
 * 404/405 for an unknown route) means we are not talking to the MLflow API at that address.
 */
export function interpretResponse(
  status: number,
  contentType: string | undefined,
  body: string,
  request: string,
  location?: string,
): Record<string, unknown> | StoreError {
  const refused = statusProblem(status, body, request, location);
  if (refused !== undefined) {
    return refused;
  }
  const looksHtml = /text\/html/i.test(contentType ?? '') || /^\s*<(!doctype|html)/i.test(body);
  if (looksHtml) {
    return new StoreError(
      'not-mlflow',
      `${request} answered an HTML page (HTTP ${status}) instead of JSON: this address is not an MLflow API, the path prefix is wrong, or the server does not support this call.`,
      { status, request },
    );
  }
  return jsonAnswer(status, body, request);
}

/**
 * The statuses that say, whatever the body holds, that this is not an MLflow answer: a redirect, a
 * success other than 200, and MLflow 3.5+'s refusal of the Host header.
 */
function statusProblem(
  status: number,
  body: string,
  request: string,
  location: string | undefined,
): StoreError | undefined {
  // Never followed: the Authorization header would go wherever it points (often an SSO login).
  if (status >= 300 && status < 400) {
    const where = location === undefined ? 'without saying where' : `to ${safeLocation(location)}`;
    return new StoreError(
      'not-mlflow',
      `${request} was redirected (HTTP ${status}) ${where}: this address is not the MLflow API itself (a login page or proxy in front of it?). Use the address the server really answers at.`,
      { status, request },
    );
  }
  // MLflow answers every call with a JSON object; "no content" is not an empty result.
  if (status === 204 || (status >= 200 && status < 300 && status !== 200)) {
    return new StoreError(
      'invalid-response',
      `${request} answered HTTP ${status} with no MLflow JSON; expected 200 and a JSON object.`,
      { status, request },
    );
  }
  // MLflow 3.5+'s DNS-rebinding guard answers a plain-text 403 before any route runs.
  if (status === 403 && /invalid host header/i.test(body.slice(0, 500))) {
    return new StoreError(
      'host-rejected',
      `The server refused the Host header it was reached by (HTTP 403 "Invalid Host header"): MLflow 3.5+ only accepts localhost and private addresses by default. Start it with --allowed-hosts <this host name> or set MLFLOW_SERVER_ALLOWED_HOSTS on the server.`,
      { status, request },
    );
  }
  return undefined;
}

/** A body that is not HTML: the JSON object of a success, or the MLflow error of a failure. */
function jsonAnswer(status: number, body: string, request: string): Record<string, unknown> | StoreError {
  let parsed: unknown;
  try {
    parsed = body.trim() === '' ? {} : JSON.parse(body);
  } catch {
    if (status >= 400) {
      return httpError(status, undefined, body.slice(0, 200), request);
    }
    return new StoreError(
      'invalid-response',
      `${request} answered a body that is not JSON (HTTP ${status}).`,
      { status, request },
    );
  }
  const obj =
    typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  if (status >= 400) {
    const code = typeof obj?.error_code === 'string' ? obj.error_code : undefined;
    const message = typeof obj?.message === 'string' ? obj.message : undefined;
    return httpError(status, code, message, request);
  }
  if (obj === undefined) {
    return new StoreError('invalid-response', `${request} answered JSON that is not an object.`, {
      status,
      request,
    });
  }
  return obj;
}

function httpError(
  status: number,
  errorCode: string | undefined,
  message: string | undefined,
  request: string,
): StoreError {
  if (status === 401 || status === 403) {
    const what = status === 401 ? 'Authentication failed' : 'Access denied';
    return new StoreError(
      'api',
      `${what} (HTTP ${status})${message ? `: ${message}` : ''}. Check the tracking server credentials.`,
      {
        status,
        errorCode,
        request,
      },
    );
  }
  const text = message ?? `HTTP ${status}`;
  return new StoreError('api', errorCode === undefined ? `${request}: ${text}` : `${text} (${errorCode})`, {
    status,
    errorCode,
    request,
  });
}

/** A redirect target as shown to the user: no credentials, no control characters, not too long. */
function safeLocation(location: string): string {
  let shown = location;
  try {
    const u = new URL(location);
    u.username = '';
    u.password = '';
    shown = u.toString();
  } catch {
    // a relative or malformed target: shown as given, neutralised below
  }
  const clean = Array.from(shown, (c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? '?' : c)).join(
    '',
  );
  return clean.length > 200 ? `${clean.slice(0, 197)}…` : clean;
}
