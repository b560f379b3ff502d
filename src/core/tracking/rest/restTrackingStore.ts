import { optArray, optString } from '../../common/jsonFields';
import type { Page } from '../../common/paging';
import { StoreError } from '../../common/storeError';
import { LOGGED_MODEL_ID, parseLoggedModel, type LoggedModel } from '../entities/loggedModel';
import { parseArtifactFile } from '../entities/artifactFile';
import { parseExperiment, type Experiment } from '../entities/experiment';
import { parseMetric, parseMetricPoint, type Metric, type MetricPoint } from '../entities/metric';
import { parseRun, type Run } from '../entities/run';
import { NOTE_TAG } from '../entities/tag';
import { sourceRunFilter } from '../loggedModelPage';
import { sampleMetricHistories } from '../sampleMetricHistories';
import type { TrackingWriter } from '../trackingWriter';
import type {
  ArtifactListing,
  ArtifactStream,
  ListArtifactsRequest,
  ListLoggedModelArtifactsRequest,
  OpenArtifactStreamRequest,
  MetricHistoryRequest,
  ReadArtifactRequest,
  ReadLoggedModelArtifactRequest,
  SearchLoggedModelsRequest,
  ReadOptions,
  SampledHistoryRequest,
  SearchExperimentsRequest,
  SearchRunsRequest,
  TrackingStore,
} from '../trackingStore';
import { checkArtifactPath, DEFAULT_MAX_ARTIFACT_BYTES } from '../artifactPath';
import { ENDPOINTS } from './endpoints';
import type { RestClient } from './restClient';

/** Page size for `metrics/get-history`; MLflow's own store constant. */
const HISTORY_PAGE = 25_000;

/**
 * {@link TrackingStore} over an MLflow tracking server's REST API (MLflow's `RestStore`).
 * Also the only store that writes.
 */
export class RestTrackingStore implements TrackingStore, TrackingWriter {
  readonly kind = 'rest';

  constructor(private readonly client: RestClient) {}

  async searchExperiments(r: SearchExperimentsRequest): Promise<Page<Experiment>> {
    const json = await this.client.call(ENDPOINTS.searchExperiments, {
      body: {
        max_results: r.maxResults ?? 100,
        page_token: r.pageToken,
        view_type: r.viewType === undefined || r.viewType === 'ACTIVE_ONLY' ? undefined : r.viewType,
        filter: r.filter,
        order_by: r.orderBy,
      },
      signal: r.signal,
    });
    return { items: optArray(json, 'experiments', parseExperiment), nextPageToken: token(json) };
  }

  async getExperiment(experimentId: string, o: ReadOptions = {}): Promise<Experiment> {
    const json = await this.client.call(ENDPOINTS.getExperiment, {
      query: [['experiment_id', experimentId]],
      signal: o.signal,
    });
    return parseExperiment(json.experiment);
  }

  async getExperimentByName(name: string, o: ReadOptions = {}): Promise<Experiment | undefined> {
    try {
      const json = await this.client.call(ENDPOINTS.getExperimentByName, {
        query: [['experiment_name', name]],
        signal: o.signal,
      });
      return parseExperiment(json.experiment);
    } catch (err: unknown) {
      if (StoreError.isNotFound(err)) {
        return undefined;
      }
      throw err;
    }
  }

  async searchRuns(r: SearchRunsRequest): Promise<Page<Run>> {
    const json = await this.client.call(ENDPOINTS.searchRuns, {
      body: {
        experiment_ids: r.experimentIds,
        filter: r.filter,
        run_view_type:
          r.runViewType === undefined || r.runViewType === 'ACTIVE_ONLY' ? undefined : r.runViewType,
        max_results: r.maxResults,
        order_by: r.orderBy,
        page_token: r.pageToken,
      },
      signal: r.signal,
    });
    return { items: optArray(json, 'runs', parseRun), nextPageToken: token(json) };
  }

  async getRun(runId: string, o: ReadOptions = {}): Promise<Run> {
    const json = await this.client.call(ENDPOINTS.getRun, { query: [['run_id', runId]], signal: o.signal });
    return parseRun(json.run);
  }

  /**
   * Always sends `max_results` and follows `next_page_token`: MLflow 3.x answers a request without
   * it with a token and no metrics, while 2.x ignores it and returns everything at once.
   */
  async getMetricHistory(r: MetricHistoryRequest): Promise<Metric[]> {
    const all: Metric[] = [];
    const seen = new Set<string>();
    let pageToken: string | undefined;
    for (;;) {
      const json = await this.client.call(ENDPOINTS.getMetricHistory, {
        query: [
          ['run_id', r.runId],
          ['metric_key', r.metricKey],
          ['max_results', HISTORY_PAGE],
          ['page_token', pageToken],
        ],
        signal: r.signal,
      });
      all.push(...optArray(json, 'metrics', parseMetric));
      pageToken = token(json);
      if (pageToken === undefined) {
        return all;
      }
      if (seen.has(pageToken)) {
        throw new StoreError('invalid-response', 'The server repeated a metric history page token.');
      }
      seen.add(pageToken);
    }
  }

  /** Uses `get-history-bulk-interval` (MLflow ≥ 2.11); older servers get full histories sampled here. */
  async getSampledMetricHistory(r: SampledHistoryRequest): Promise<MetricPoint[]> {
    try {
      const json = await this.client.call(ENDPOINTS.getMetricHistoryBulkInterval, {
        query: [
          ...r.runIds.map((id) => ['run_ids', id] as const),
          ['metric_key', r.metricKey],
          ['start_step', r.startStep],
          ['end_step', r.endStep],
          ['max_results', r.maxResults],
        ],
        signal: r.signal,
      });
      return optArray(json, 'metrics', parseMetricPoint);
    } catch (err: unknown) {
      if (!isMissingEndpoint(err)) {
        throw err;
      }
    }
    const histories = [];
    for (const runId of r.runIds) {
      histories.push({
        runId,
        history: await this.getMetricHistory({ runId, metricKey: r.metricKey, signal: r.signal }),
      });
    }
    return sampleMetricHistories(histories, r.maxResults, r.startStep, r.endStep);
  }

  async listArtifacts(r: ListArtifactsRequest): Promise<ArtifactListing> {
    const json = await this.client.call(ENDPOINTS.listArtifacts, {
      query: [
        ['run_id', r.runId],
        ['path', r.path],
        ['page_token', r.pageToken],
      ],
      signal: r.signal,
    });
    return {
      rootUri: optString(json, 'root_uri'),
      items: optArray(json, 'files', parseArtifactFile),
      nextPageToken: token(json),
    };
  }

  /**
   * List a folder under an `mlflow-artifacts:` URI through the server's artifact proxy, as MLflow's
   * `HttpArtifactRepository` does. For roots that belong to no run (a model version's source, an
   * MLflow 3 logged model), where `artifacts/list` has no run id to go by. Paths in the answer are
   * made relative to `rootUri`, like {@link listArtifacts}.
   */
  async listProxiedArtifacts(
    rootUri: string,
    o: ReadOptions & { readonly path?: string } = {},
  ): Promise<ArtifactListing> {
    const root = proxiedPath(rootUri);
    if (root === undefined) {
      throw new StoreError('unsupported', `Not an mlflow-artifacts: URI: ${rootUri}`);
    }
    const rel = checkArtifactPath(o.path);
    const folder = [root, rel].filter((s) => s !== '').join('/');
    const json = await this.client.call(ENDPOINTS.listProxiedArtifacts, {
      query: [['path', folder]],
      signal: o.signal,
    });
    const items = optArray(json, 'files', parseArtifactFile).map((f) =>
      rel === '' ? f : { ...f, path: `${rel}/${f.path}` },
    );
    return { rootUri, items, nextPageToken: undefined };
  }

  /** Proxied roots (`mlflow-artifacts:`) go through the artifact proxy, others through `/get-artifact`. */
  async readArtifact(r: ReadArtifactRequest): Promise<Uint8Array> {
    const rel = checkArtifactPath(r.path);
    const run = await this.getRun(r.runId, { signal: r.signal });
    const proxied = proxiedPath(run.info.artifactUri ?? '');
    const options = { signal: r.signal, maxBytes: r.maxBytes ?? DEFAULT_MAX_ARTIFACT_BYTES };
    if (proxied !== undefined) {
      const segments = [...proxied.split('/'), ...rel.split('/')]
        .filter((s) => s !== '')
        .map(encodeURIComponent);
      return this.client.download(
        `${ENDPOINTS.downloadProxiedArtifact.path}/${segments.join('/')}`,
        [],
        options,
      );
    }
    return this.client.download(
      ENDPOINTS.getArtifact.path,
      [
        ['path', rel],
        ['run_uuid', r.runId],
      ],
      options,
    );
  }

  /** The routes of {@link readArtifact}, streamed: no size cap, an idle timeout instead of a deadline. */
  async openArtifactStream(r: OpenArtifactStreamRequest): Promise<ArtifactStream> {
    const rel = checkArtifactPath(r.path);
    const run = await this.getRun(r.runId, { signal: r.signal });
    const proxied = proxiedPath(run.info.artifactUri ?? '');
    if (proxied !== undefined) {
      const segments = [...proxied.split('/'), ...rel.split('/')]
        .filter((s) => s !== '')
        .map(encodeURIComponent);
      return this.client.openDownload(`${ENDPOINTS.downloadProxiedArtifact.path}/${segments.join('/')}`, [], {
        signal: r.signal,
      });
    }
    return this.client.openDownload(
      ENDPOINTS.getArtifact.path,
      [
        ['path', rel],
        ['run_uuid', r.runId],
      ],
      { signal: r.signal },
    );
  }

  async searchLoggedModels(r: SearchLoggedModelsRequest): Promise<Page<LoggedModel>> {
    // The id goes inside a quoted filter string: anything but a plain id could change its meaning.
    if (r.sourceRunId !== undefined && !/^[\w-]+$/.test(r.sourceRunId)) {
      throw new StoreError('api', `Invalid run id ${JSON.stringify(r.sourceRunId)}.`, {
        errorCode: 'INVALID_PARAMETER_VALUE',
      });
    }
    try {
      const json = await this.client.call(ENDPOINTS.searchLoggedModels, {
        body: {
          experiment_ids: r.experimentIds,
          filter: r.sourceRunId === undefined ? undefined : sourceRunFilter(r.sourceRunId),
          max_results: r.maxResults,
          page_token: r.pageToken,
        },
        signal: r.signal,
      });
      return { items: optArray(json, 'models', parseLoggedModel), nextPageToken: token(json) };
    } catch (err: unknown) {
      if (isMissingEndpoint(err)) {
        return { items: [], nextPageToken: undefined };
      }
      throw err;
    }
  }

  async getLoggedModel(modelId: string, o: ReadOptions = {}): Promise<LoggedModel> {
    const json = await this.client.call(
      { ...ENDPOINTS.getLoggedModel, path: `${ENDPOINTS.getLoggedModel.path}/${checkedModelId(modelId)}` },
      { signal: o.signal },
    );
    return parseLoggedModel(json.model);
  }

  /**
   * Through the artifact proxy when the model's artifacts are `mlflow-artifacts:` (what MLflow's
   * own client does), else through the server's logged-model file route, which reads any store.
   */
  async readLoggedModelArtifact(r: ReadLoggedModelArtifactRequest): Promise<Uint8Array> {
    const rel = checkArtifactPath(r.path);
    const model = await this.getLoggedModel(r.modelId, { signal: r.signal });
    const proxied = proxiedPath(model.artifactUri ?? '');
    const options = { signal: r.signal, maxBytes: r.maxBytes ?? DEFAULT_MAX_ARTIFACT_BYTES };
    if (proxied !== undefined) {
      const segments = [...proxied.split('/'), ...rel.split('/')]
        .filter((s) => s !== '')
        .map(encodeURIComponent);
      return this.client.download(
        `${ENDPOINTS.downloadProxiedArtifact.path}/${segments.join('/')}`,
        [],
        options,
      );
    }
    return this.client.download(
      `${ENDPOINTS.downloadLoggedModelArtifact.path}/${model.modelId}/artifacts/files`,
      [['artifact_file_path', rel]],
      options,
    );
  }

  /**
   * `logged-models/<id>/artifacts/directories`, which lists any artifact store the server can
   * reach; a file's path answers an empty listing, as for runs.
   */
  async listLoggedModelArtifacts(r: ListLoggedModelArtifactsRequest): Promise<ArtifactListing> {
    const rel = checkArtifactPath(r.path);
    const json = await this.client.call(
      {
        ...ENDPOINTS.listLoggedModelArtifacts,
        path: `${ENDPOINTS.listLoggedModelArtifacts.path}/${checkedModelId(r.modelId)}/artifacts/directories`,
      },
      { query: rel === '' ? [] : [['artifact_directory_path', rel]], signal: r.signal },
    );
    return {
      rootUri: optString(json, 'root_uri'),
      items: optArray(json, 'files', parseArtifactFile),
      nextPageToken: token(json),
    };
  }

  async renameRun(runId: string, name: string, o: ReadOptions = {}): Promise<void> {
    await this.client.call(ENDPOINTS.updateRun, {
      body: { run_id: runId, run_name: name },
      signal: o.signal,
    });
  }

  async setRunTag(runId: string, key: string, value: string, o: ReadOptions = {}): Promise<void> {
    await this.client.call(ENDPOINTS.setRunTag, { body: { run_id: runId, key, value }, signal: o.signal });
  }

  async deleteRunTag(runId: string, key: string, o: ReadOptions = {}): Promise<void> {
    await this.client.call(ENDPOINTS.deleteRunTag, { body: { run_id: runId, key }, signal: o.signal });
  }

  setRunNote(runId: string, markdown: string, o: ReadOptions = {}): Promise<void> {
    return this.setRunTag(runId, NOTE_TAG, markdown, o);
  }

  setExperimentNote(experimentId: string, markdown: string, o: ReadOptions = {}): Promise<void> {
    return this.setExperimentTag(experimentId, NOTE_TAG, markdown, o);
  }

  async setExperimentTag(
    experimentId: string,
    key: string,
    value: string,
    o: ReadOptions = {},
  ): Promise<void> {
    await this.client.call(ENDPOINTS.setExperimentTag, {
      body: { experiment_id: experimentId, key, value },
      signal: o.signal,
    });
  }

  async deleteRun(runId: string, o: ReadOptions = {}): Promise<void> {
    await this.client.call(ENDPOINTS.deleteRun, { body: { run_id: runId }, signal: o.signal });
  }

  async restoreRun(runId: string, o: ReadOptions = {}): Promise<void> {
    await this.client.call(ENDPOINTS.restoreRun, { body: { run_id: runId }, signal: o.signal });
  }

  dispose(): void {
    // Nothing held: each request opens and closes its own connection state inside axios.
  }
}

/** The token of a page; MLflow omits it (or sends "") on the last page. */
export function token(json: Record<string, unknown>): string | undefined {
  const t = optString(json, 'next_page_token');
  return t === '' ? undefined : t;
}

/** The path under the proxy of an `mlflow-artifacts:[//host]/path` URI, or undefined for other schemes. */
function proxiedPath(uri: string): string | undefined {
  return /^mlflow-artifacts:(?:\/\/[^/]*)?\/?(.*)$/i.exec(uri)?.[1]?.replace(/\/+$/, '');
}

/** A logged-model id before it goes into a URL path. */
function checkedModelId(modelId: string): string {
  if (!LOGGED_MODEL_ID.test(modelId)) {
    throw new StoreError('api', `Invalid logged model id ${JSON.stringify(modelId)}.`, {
      errorCode: 'INVALID_PARAMETER_VALUE',
    });
  }
  return modelId;
}

/** A server too old for an endpoint answers Flask's HTML 404/405, or ENDPOINT_NOT_FOUND. */
function isMissingEndpoint(err: unknown): boolean {
  return (
    StoreError.is(err) &&
    ((err.kind === 'not-mlflow' && (err.status === 404 || err.status === 405)) ||
      err.errorCode === 'ENDPOINT_NOT_FOUND')
  );
}
