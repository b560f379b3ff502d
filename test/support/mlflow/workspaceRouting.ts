// TEST DOUBLE — not MLflow. How the test server treats MLflow 3.10+ workspaces, as the real
// 3.11.1 server answered in test/fixtures/mlflow-3.11.1/rest-workspaces/ (started with
// --enable-workspaces) and rest/003-008 (started without): server-info, the workspace list and
// get, the X-MLFLOW-WORKSPACE header choosing the stores, and the refusals of a server without them.
// test/unit/core/tracking/mlflowTestServerWorkspaces.test.ts holds it to those recordings.
import type { RegistryStore } from '../../../src/core/registry/registryStore';
import type { TrackingStore } from '../../../src/core/tracking/trackingStore';

/** One workspace of a test server started "with --enable-workspaces", with its own stores. */
export interface TestWorkspace {
  readonly name: string;
  readonly description?: string;
  readonly tracking: TrackingStore;
  readonly registry: RegistryStore;
}

/** An answer given before any route runs, or the workspace whose stores answer. */
export type WorkspaceDecision =
  | { readonly kind: 'answer'; readonly status: number; readonly type: string; readonly body: string }
  | { readonly kind: 'route'; readonly workspace: TestWorkspace | undefined };

const JSON_TYPE = 'application/json';

const json = (status: number, body: unknown): WorkspaceDecision => ({
  kind: 'answer',
  status,
  type: JSON_TYPE,
  body: JSON.stringify(body),
});

const notFound = (name: string): WorkspaceDecision =>
  json(404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Workspace '${name}' not found` });

const described = (w: TestWorkspace): Record<string, string> =>
  w.description === undefined ? { name: w.name } : { name: w.name, description: w.description };

/**
 * What the server does with a request, given its workspaces (undefined: started without
 * `--enable-workspaces`), the request's path (without query) and its X-MLFLOW-WORKSPACE header.
 */
export function decideWorkspace(
  workspaces: readonly TestWorkspace[] | undefined,
  method: string,
  pathname: string,
  header: string | undefined,
): WorkspaceDecision {
  const enabled = workspaces !== undefined;
  if (method === 'GET' && /^\/(?:ajax-)?api\/3\.0\/mlflow\/server-info$/.test(pathname)) {
    // Answered whatever the header says (rest/008).
    return json(200, { store_type: 'SqlStore', workspaces_enabled: enabled });
  }
  const listing = /^\/(?:ajax-)?api\/3\.0\/mlflow\/workspaces(?:\/([^/]+))?$/.exec(pathname);
  if (!enabled) {
    if (listing !== null) {
      return {
        kind: 'answer',
        status: 503,
        type: 'text/html; charset=utf-8',
        body: `Endpoint: ${pathname} disabled because the server is running without workspaces support. To enable workspace, run \`mlflow server\` with \`--enable-workspaces\``,
      };
    }
    if (header !== undefined) {
      return json(500, {
        error_code: 'FEATURE_DISABLED',
        message: 'Workspace APIs are not available: workspaces are not enabled on this server',
      });
    }
    return { kind: 'route', workspace: undefined };
  }
  if (listing !== null && method === 'GET') {
    const name = listing[1] === undefined ? undefined : decodeURIComponent(listing[1]);
    if (name === undefined) {
      return json(200, { workspaces: workspaces.map(described) });
    }
    const one = workspaces.find((w) => w.name === name);
    return one === undefined ? notFound(name) : json(200, { workspace: described(one) });
  }
  const name = header ?? 'default';
  const chosen = workspaces.find((w) => w.name === name);
  return chosen === undefined ? notFound(name) : { kind: 'route', workspace: chosen };
}
