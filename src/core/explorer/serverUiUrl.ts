/**
 * Where the web UI of a remote tracking store lives. An MLflow server (and a reverse proxy in
 * front of it) serves its UI at the same base as its API; a Databricks workspace at its host; an
 * Azure ML workspace has no MLflow UI at all, only Azure ML studio, which needs the workspace's
 * resource id (`wsid`), cut from the tracking endpoint.
 */
export type UiTarget =
  | { readonly kind: 'rest'; readonly baseUrl: string }
  | { readonly kind: 'databricks'; readonly host: string }
  | { readonly kind: 'azureml'; readonly baseUrl: string };

/** What to open: an experiment, a run, a registered model or one of its versions. */
export type UiObject =
  | { readonly kind: 'experiment'; readonly experimentId: string }
  | { readonly kind: 'run'; readonly experimentId: string; readonly runId: string }
  | { readonly kind: 'registeredModel'; readonly name: string }
  | { readonly kind: 'modelVersion'; readonly name: string; readonly version: string };

const enc = encodeURIComponent;

/**
 * The browser URL showing `object` in the target's own UI, or undefined when there is none (an
 * Azure ML address without a workspace id). Every id is percent-encoded, so a model named
 * `a/b#c` cannot change the route.
 */
export function serverUiUrl(target: UiTarget, object: UiObject): string | undefined {
  switch (target.kind) {
    case 'rest':
      // MLflow's UI routes by fragment (`/#/experiments/…`) below wherever the server is mounted.
      return `${trimSlash(target.baseUrl)}/#${mlflowRoute(object)}`;
    case 'databricks':
      return `${trimSlash(target.host)}/ml${mlflowRoute(object)}`;
    case 'azureml':
      return azureStudioUrl(target.baseUrl, object);
  }
}

function mlflowRoute(object: UiObject): string {
  switch (object.kind) {
    case 'experiment':
      return `/experiments/${enc(object.experimentId)}`;
    case 'run':
      return `/experiments/${enc(object.experimentId)}/runs/${enc(object.runId)}`;
    case 'registeredModel':
      return `/models/${enc(object.name)}`;
    case 'modelVersion':
      return `/models/${enc(object.name)}/versions/${enc(object.version)}`;
  }
}

/** Azure ML studio's pages, scoped to the workspace by `?wsid=/subscriptions/…/workspaces/<name>`. */
function azureStudioUrl(baseUrl: string, object: UiObject): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return undefined;
  }
  const wsid =
    /\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.MachineLearningServices\/workspaces\/[^/]+/i.exec(
      url.pathname,
    )?.[0];
  if (wsid === undefined) {
    return undefined;
  }
  const studio = studioOrigin(url.hostname);
  const query = `?wsid=${wsid}`;
  switch (object.kind) {
    case 'experiment':
      return `${studio}/experiments/id/${enc(object.experimentId)}${query}`;
    case 'run':
      return `${studio}/runs/${enc(object.runId)}${query}`;
    case 'registeredModel':
      return `${studio}/model/list${query}`;
    case 'modelVersion':
      return `${studio}/model/${enc(`${object.name}:${object.version}`)}/details${query}`;
  }
}

/** Studio's address for the cloud the tracking endpoint belongs to (public cloud unless it says otherwise). */
function studioOrigin(apiHost: string): string {
  const host = apiHost.toLowerCase();
  if (host.endsWith('.ml.azure.us')) {
    return 'https://ml.azure.us';
  }
  if (host.endsWith('.ml.azure.cn')) {
    return 'https://studio.ml.azure.cn';
  }
  return 'https://ml.azure.com';
}

function trimSlash(s: string): string {
  return s.replace(/\/+$/, '');
}
