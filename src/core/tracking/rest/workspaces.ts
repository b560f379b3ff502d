import { StoreError } from '../../common/storeError';
import type { Endpoint } from './endpoints';
import type { RestClient } from './restClient';

/** The header that picks a workspace on an MLflow 3.10+ server started with `--enable-workspaces`. */
export const WORKSPACE_HEADER = 'X-MLFLOW-WORKSPACE';

/** The workspace a request without the header lands in, and where legacy resources live. */
export const DEFAULT_WORKSPACE = 'default';

/** What `GET /api/3.0/mlflow/server-info` says about a server (or what its absence means). */
export interface ServerInfo {
  /** `SqlStore`, `FileStore`…, or undefined when the server has no server-info route (before 3.x). */
  readonly storeType: string | undefined;
  readonly workspacesEnabled: boolean;
}

/** One workspace of a server, as its list answers it. */
export interface Workspace {
  readonly name: string;
  readonly description: string | undefined;
}

const SERVER_INFO: Endpoint = { method: 'GET', path: '/api/3.0/mlflow/server-info', idempotent: true };
const LIST_WORKSPACES: Endpoint = { method: 'GET', path: '/api/3.0/mlflow/workspaces', idempotent: true };

/** A server older than the route: the same as one without workspaces. */
const NO_SERVER_INFO: ServerInfo = { storeType: undefined, workspacesEnabled: false };

/** The server-info answer as a {@link ServerInfo}; a field of the wrong type reads as absent. */
export function serverInfoFromJson(body: Readonly<Record<string, unknown>>): ServerInfo {
  return {
    storeType: typeof body.store_type === 'string' ? body.store_type : undefined,
    workspacesEnabled: body.workspaces_enabled === true,
  };
}

/**
 * Ask a server whether it has workspaces. A server that does not know the route (MLflow 2.x
 * answers Flask's HTML 404; proxies may answer other HTML or an MLflow 404) has none: that is an
 * answer, not a failure. Failures to reach the server or to be let in (network, TLS, 401, 403,
 * timeouts) are thrown as they are, since they say nothing about workspaces.
 */
export async function detectServerInfo(client: RestClient, signal?: AbortSignal): Promise<ServerInfo> {
  try {
    return serverInfoFromJson(await client.call(SERVER_INFO, { signal }));
  } catch (err: unknown) {
    if (meansNoRoute(err)) {
      return NO_SERVER_INFO;
    }
    throw err;
  }
}

function meansNoRoute(err: unknown): boolean {
  if (!StoreError.is(err)) {
    return false;
  }
  if (err.kind === 'not-mlflow' && err.status !== undefined && err.status >= 400 && err.status < 500) {
    return true;
  }
  return (
    err.status === 404 ||
    err.status === 405 ||
    err.status === 501 ||
    err.errorCode === 'ENDPOINT_NOT_FOUND' ||
    err.errorCode === 'NOT_IMPLEMENTED'
  );
}

/** The workspaces of a server that has them (`GET /api/3.0/mlflow/workspaces`), in its order. */
export async function listWorkspaces(client: RestClient, signal?: AbortSignal): Promise<Workspace[]> {
  const body = await client.call(LIST_WORKSPACES, { signal });
  const raw = Array.isArray(body.workspaces) ? (body.workspaces as unknown[]) : [];
  return raw.flatMap((w): Workspace[] => {
    if (typeof w !== 'object' || w === null) {
      return [];
    }
    const o = w as Record<string, unknown>;
    return typeof o.name === 'string' && isWorkspaceName(o.name)
      ? [{ name: o.name, description: typeof o.description === 'string' ? o.description : undefined }]
      : [];
  });
}

/**
 * Whether a name can go in the header: MLflow's names are Kubernetes-style (lower-case letters,
 * digits, dashes); anything with spaces or control characters could split or forge a header.
 */
export function isWorkspaceName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/.test(name);
}

/**
 * The headers a connection sends: the workspace header only when a workspace is chosen and the
 * server has workspaces (a server without them answers 500 FEATURE_DISABLED to the header).
 */
export function workspaceHeaders(
  workspace: string | undefined,
  info: ServerInfo | undefined,
): Readonly<Record<string, string>> {
  if (workspace === undefined || info?.workspacesEnabled !== true || !isWorkspaceName(workspace)) {
    return {};
  }
  return { [WORKSPACE_HEADER]: workspace };
}

/**
 * A "does not exist" answer inside a workspace, reworded: experiment ids are global, so an id from
 * another workspace is simply absent here. The workspace's own absence keeps its message.
 */
export function scopedNotFound(error: StoreError, workspace: string): StoreError {
  if (!StoreError.isNotFound(error) || /^Workspace '/.test(error.message)) {
    return error;
  }
  return new StoreError(
    error.kind,
    `${error.message.replace(/\.?\s*$/, '')}: not found in workspace "${workspace}"; it may be in another workspace.`,
    {
      status: error.status,
      errorCode: error.errorCode,
      request: error.request,
      cause: error,
      workspace,
    },
  );
}
