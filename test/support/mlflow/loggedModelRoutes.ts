// TEST DOUBLE — not MLflow. The MLflow 3 logged-model routes of the loopback test server
// (mlflowTestServer.ts), answered from the store it is given: search (`POST logged-models/search`,
// experiments, paging, the `source_run_id = '…'` filter the extension sends and a name filter),
// one model (`GET logged-models/<m-id>`), a folder of its artifacts
// (`GET logged-models/<m-id>/artifacts/directories`) and, through {@link loggedModelFileRequest},
// one file (the UI's `GET /ajax-api/2.0/mlflow/logged-models/<m-id>/artifacts/files`).
// Other filters and orderings are refused with 400 rather than ignored: a test that needs them
// should not pass on an answer the real server would not give.
// test/unit/support/mlflowTestServerLoggedModels.test.ts replays the real 3.11.1 answers against it.
import { StoreError } from '../../../src/core/common/storeError';
import type { LoggedModel } from '../../../src/core/tracking/entities/loggedModel';
import type { TrackingStore } from '../../../src/core/tracking/trackingStore';
import { artifactJson } from './toMlflowJson';
import type { RouteAnswer } from './traceRoutes';

type Json = Record<string, unknown>;

const json = (body: unknown): RouteAnswer => ({
  status: 200,
  type: 'application/json',
  body: JSON.stringify(body),
});

function invalid(message: string): StoreError {
  return new StoreError('api', message, { errorCode: 'INVALID_PARAMETER_VALUE', status: 400 });
}

/** MLflow's wire JSON of a logged model: every info field present, metrics with their model and run. */
export function loggedModelJson(m: LoggedModel): Json {
  const data: Json = {};
  if (m.params.length > 0) {
    data.params = m.params.map((p) => ({ key: p.key, value: p.value }));
  }
  if (m.metrics.length > 0) {
    data.metrics = m.metrics.map((x) => ({
      key: x.key,
      value: x.value,
      timestamp: x.timestamp,
      step: x.step,
      model_id: m.modelId,
      // The run that logged the value (an evaluation run may log into another run's model).
      run_id: x.runId ?? m.sourceRunId ?? '',
      ...(x.datasetName === undefined ? {} : { dataset_name: x.datasetName }),
      ...(x.datasetDigest === undefined ? {} : { dataset_digest: x.datasetDigest }),
    }));
  }
  return {
    info: {
      model_id: m.modelId,
      experiment_id: m.experimentId,
      name: m.name,
      creation_timestamp_ms: m.creationTimestampMs,
      last_updated_timestamp_ms: m.lastUpdatedTimestampMs,
      artifact_uri: m.artifactUri,
      status: m.status,
      model_type: m.modelType,
      source_run_id: m.sourceRunId ?? '',
      ...(m.tags.length === 0 ? {} : { tags: m.tags.map((t) => ({ key: t.key, value: t.value })) }),
    },
    data,
  };
}

/** The filters the double understands: the source run (what the extension sends) and the name. */
function parseFilter(filter: unknown): { sourceRunId?: string; name?: string } {
  if (filter === undefined || filter === null || filter === '') {
    return {};
  }
  const m = typeof filter === 'string' ? /^\s*(source_run_id|name)\s*=\s*'([^']*)'\s*$/.exec(filter) : null;
  if (m === null) {
    throw invalid(`The MLflow test double does not evaluate the filter ${JSON.stringify(filter)}.`);
  }
  return m[1] === 'name' ? { name: m[2] } : { sourceRunId: m[2] };
}

async function search(t: TrackingStore, body: Json): Promise<RouteAnswer> {
  if (Array.isArray(body.order_by) && body.order_by.length > 0) {
    throw invalid('The MLflow test double answers logged models newest first only (no order_by).');
  }
  const experimentIds = (Array.isArray(body.experiment_ids) ? body.experiment_ids : []).map(String);
  const { sourceRunId, name } = parseFilter(body.filter);
  const maxResults = typeof body.max_results === 'number' ? body.max_results : undefined;
  const pageToken = typeof body.page_token === 'string' ? body.page_token : undefined;
  if (name !== undefined) {
    // The local stores filter by source run only: gather every page, then keep the name.
    const all: LoggedModel[] = [];
    let token: string | undefined;
    do {
      const page = await t.searchLoggedModels({ experimentIds, pageToken: token, maxResults: 1000 });
      all.push(...page.items);
      token = page.nextPageToken;
    } while (token !== undefined);
    const found = all.filter((m) => m.name === name);
    return json(found.length === 0 ? {} : { models: found.map(loggedModelJson) });
  }
  const page = await t.searchLoggedModels({ experimentIds, sourceRunId, maxResults, pageToken });
  return json({
    ...(page.items.length === 0 ? {} : { models: page.items.map(loggedModelJson) }),
    ...(page.nextPageToken === undefined ? {} : { next_page_token: page.nextPageToken }),
  });
}

/**
 * The answer to a logged-model route, or undefined when the request is not one. Errors are thrown
 * as StoreErrors for the caller to word as MLflow does.
 */
export async function answerLoggedModelRoute(
  t: TrackingStore,
  method: string,
  url: URL,
  body: string,
): Promise<RouteAnswer | undefined> {
  const m = /^\/(ajax-)?api\/2\.0\/mlflow\/logged-models\/([^/]+)(\/artifacts\/(?:directories|files))?$/.exec(
    url.pathname,
  );
  if (m === null) {
    return undefined;
  }
  const [, , id = '', tail] = m;
  if (id === 'search') {
    return method === 'POST' && tail === undefined
      ? search(t, body === '' ? {} : (JSON.parse(body) as Json))
      : undefined;
  }
  if (method !== 'GET') {
    return undefined;
  }
  const modelId = decodeURIComponent(id);
  if (tail === undefined) {
    return json({ model: loggedModelJson(await t.getLoggedModel(modelId)) });
  }
  if (tail === '/artifacts/directories') {
    const listing = await t.listLoggedModelArtifacts({
      modelId,
      path: url.searchParams.get('artifact_directory_path') ?? undefined,
    });
    return json({
      root_uri: listing.rootUri,
      ...(listing.items.length === 0 ? {} : { files: listing.items.map(artifactJson) }),
    });
  }
  // Files (`/ajax-api/…/artifacts/files`) are bytes: mlflowTestServer.ts serves them with the other downloads.
  return undefined;
}

/** The file a logged-model file download asks for, or undefined when the URL is not one. */
export function loggedModelFileRequest(url: URL): { modelId: string; path: string } | undefined {
  const m = /^\/ajax-api\/2\.0\/mlflow\/logged-models\/([^/]+)\/artifacts\/files$/.exec(url.pathname);
  return m === null
    ? undefined
    : { modelId: decodeURIComponent(m[1] ?? ''), path: url.searchParams.get('artifact_file_path') ?? '' };
}
