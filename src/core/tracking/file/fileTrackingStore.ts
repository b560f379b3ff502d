import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { pageOf } from '../../common/offsetPageToken';
import type { Page } from '../../common/paging';
import { StoreError } from '../../common/storeError';
import { LOGGED_MODEL_ID, loggedModelNotFound, type LoggedModel } from '../entities/loggedModel';
import type { Experiment } from '../entities/experiment';
import type { Metric, MetricPoint } from '../entities/metric';
import type { Run } from '../entities/run';
import { listLocalArtifacts, localArtifactRoot, readLocalArtifact } from '../listLocalArtifacts';
import { openLocalArtifact } from '../openLocalArtifact';
import { DEFAULT_MAX_ARTIFACT_BYTES } from '../artifactPath';
import { loggedModelPage } from '../loggedModelPage';
import { sampleMetricHistories } from '../sampleMetricHistories';
import { inView, searchRunsInMemory } from '../search/runSearch';
import { searchEntities } from '../search/searchEntities';
import type { LocalStoreOptions } from '../sqlite/sqliteTrackingStore';
import type {
  ArtifactListing,
  ArtifactStream,
  ListArtifactsRequest,
  ListLoggedModelArtifactsRequest,
  OpenArtifactStreamRequest,
  MetricHistoryRequest,
  ReadArtifactRequest,
  ReadLoggedModelArtifactRequest,
  SampledHistoryRequest,
  SearchLoggedModelsRequest,
  SearchExperimentsRequest,
  SearchRunsRequest,
  TrackingStore,
} from '../trackingStore';
import { latestMetric, parseMetricFile } from './metricFile';
import { readDatasetInputs } from './readDatasetInputs';
import { metaInt, metaText, readMeta } from './readMeta';
import { readKeyValueDir, subfolders } from './readKeyValueDir';
import {
  MODELS_FOLDER,
  readExperimentLoggedModels,
  readLoggedModel,
  readRunModelLinks,
} from './readLoggedModels';

/** The file store writes run status as the proto enum number. */
const STATUS: Readonly<Record<string, string>> = {
  '1': 'RUNNING',
  '2': 'SCHEDULED',
  '3': 'FINISHED',
  '4': 'FAILED',
  '5': 'KILLED',
};
const NOT_RUNS = new Set(['tags', 'datasets', 'traces', MODELS_FOLDER]);

/**
 * {@link TrackingStore} over an `mlruns` folder (MLflow's file store), read-only. Deleted
 * experiments live in `.trash/`; deleted runs stay in place with `lifecycle_stage: deleted`.
 */
export class FileTrackingStore implements TrackingStore {
  readonly kind = 'file';

  constructor(
    private readonly root: string,
    private readonly options: LocalStoreOptions = {},
  ) {}

  async searchExperiments(r: SearchExperimentsRequest): Promise<Page<Experiment>> {
    const all = (await this.experiments())
      .map((x) => x.experiment)
      .filter((e) => inView(e.lifecycleStage, r.viewType));
    const found = searchEntities(all, r.filter, r.orderBy, {
      valueOf: (e, type, key) =>
        type === 'tags'
          ? e.tags.find((t) => t.key === key)?.value
          : (
              {
                name: e.name,
                creation_time: e.creationTime,
                last_update_time: e.lastUpdateTime,
                experiment_id: e.experimentId,
              } as Record<string, string | number | undefined>
            )[key],
      tieBreakers: [
        { type: 'attributes', key: 'creation_time', ascending: false },
        { type: 'attributes', key: 'experiment_id', ascending: true },
      ],
    });
    return pageOf(found, r.maxResults ?? 1000, r.pageToken);
  }

  async getExperiment(experimentId: string): Promise<Experiment> {
    const e = (await this.experiments()).find((x) => x.experiment.experimentId === experimentId);
    if (e === undefined) {
      throw new StoreError('api', `Could not find experiment with ID ${experimentId}`, {
        errorCode: 'RESOURCE_DOES_NOT_EXIST',
        status: 404,
      });
    }
    return e.experiment;
  }

  async getExperimentByName(name: string): Promise<Experiment | undefined> {
    return (await this.experiments()).find((x) => x.experiment.name === name)?.experiment;
  }

  async searchRuns(r: SearchRunsRequest): Promise<Page<Run>> {
    const dirs = (await this.experiments()).filter((x) =>
      r.experimentIds.includes(x.experiment.experimentId),
    );
    const runs: Run[] = [];
    for (const { dir } of dirs) {
      for (const name of await subfolders(dir)) {
        const run = NOT_RUNS.has(name) ? undefined : await this.readRun(path.join(dir, name));
        if (run !== undefined && inView(run.info.lifecycleStage, r.runViewType)) {
          runs.push(run);
        }
      }
    }
    return pageOf(searchRunsInMemory(runs, r.filter, r.orderBy, 'file'), r.maxResults ?? 1000, r.pageToken);
  }

  async getRun(runId: string): Promise<Run> {
    const dir = await this.runDir(runId);
    const run = dir === undefined ? undefined : await this.readRun(dir);
    if (run === undefined) {
      throw new StoreError('api', `Run '${runId}' not found`, {
        errorCode: 'RESOURCE_DOES_NOT_EXIST',
        status: 404,
      });
    }
    return run;
  }

  async getMetricHistory(r: MetricHistoryRequest): Promise<Metric[]> {
    const dir = await this.runDir(r.runId);
    if (dir === undefined) {
      throw new StoreError('api', `Run '${r.runId}' not found`, {
        errorCode: 'RESOURCE_DOES_NOT_EXIST',
        status: 404,
      });
    }
    const file = path.join(dir, 'metrics', r.metricKey);
    if (r.metricKey.split('/').includes('..') || !file.startsWith(path.join(dir, 'metrics') + path.sep)) {
      throw new StoreError('api', 'Invalid metric key', {
        errorCode: 'INVALID_PARAMETER_VALUE',
        status: 400,
      });
    }
    try {
      return parseMetricFile(r.metricKey, await readFile(file, 'utf8'));
    } catch {
      return [];
    }
  }

  async getSampledMetricHistory(r: SampledHistoryRequest): Promise<MetricPoint[]> {
    const histories = [];
    for (const runId of r.runIds) {
      histories.push({ runId, history: await this.getMetricHistory({ runId, metricKey: r.metricKey }) });
    }
    return sampleMetricHistories(histories, r.maxResults, r.startStep, r.endStep);
  }

  async listArtifacts(r: ListArtifactsRequest): Promise<ArtifactListing> {
    const { rootUri, root } = await this.artifactRoot(r.runId);
    return { rootUri, items: await listLocalArtifacts(root, r.path), nextPageToken: undefined };
  }

  async readArtifact(r: ReadArtifactRequest): Promise<Uint8Array> {
    return readLocalArtifact(
      (await this.artifactRoot(r.runId)).root,
      r.path,
      r.maxBytes ?? DEFAULT_MAX_ARTIFACT_BYTES,
    );
  }

  async openArtifactStream(r: OpenArtifactStreamRequest): Promise<ArtifactStream> {
    return openLocalArtifact((await this.artifactRoot(r.runId)).root, r.path, r.signal);
  }

  private async artifactRoot(runId: string): Promise<{ rootUri: string | undefined; root: string }> {
    const dir = await this.runDir(runId);
    const rootUri = (await this.getRun(runId)).info.artifactUri;
    let root =
      rootUri === undefined ? undefined : localArtifactRoot(rootUri, this.options.artifactsDestination);
    // A copied or moved mlruns keeps absolute file:// URIs of the old place; use the run's own folder.
    if (
      (root === undefined || !existsSync(root)) &&
      dir !== undefined &&
      existsSync(path.join(dir, 'artifacts'))
    ) {
      root = path.join(dir, 'artifacts');
    }
    if (root === undefined) {
      throw new StoreError(
        'unsupported',
        `Artifacts at ${rootUri ?? '(none)'} can only be read through a tracking server.`,
      );
    }
    return { rootUri, root };
  }

  /** MLflow 3 keeps logged models in `<experiment>/models/<m-id>/`; a 2.x mlruns has none. */
  async searchLoggedModels(r: SearchLoggedModelsRequest): Promise<Page<LoggedModel>> {
    const all: LoggedModel[] = [];
    for (const { dir, experiment } of await this.experiments()) {
      if (r.experimentIds.includes(experiment.experimentId)) {
        all.push(...(await readExperimentLoggedModels(dir, experiment.experimentId)));
      }
    }
    // One sort over every experiment, as MLflow sorts the models it gathered.
    all.sort(
      (a, b) =>
        (b.creationTimestampMs ?? 0) - (a.creationTimestampMs ?? 0) ||
        (a.modelId < b.modelId ? -1 : a.modelId > b.modelId ? 1 : 0),
    );
    const found = r.sourceRunId === undefined ? all : all.filter((m) => m.sourceRunId === r.sourceRunId);
    return loggedModelPage(found, r);
  }

  async getLoggedModel(modelId: string): Promise<LoggedModel> {
    const found = await this.loggedModelDir(modelId);
    if (found === undefined) {
      throw loggedModelNotFound(modelId);
    }
    return found.model;
  }

  /**
   * Files under the model's artifact location; when that is an absolute `file://` URI of another
   * machine (a copied mlruns), the model's own `artifacts/` folder next to its meta.yaml.
   */
  async readLoggedModelArtifact(r: ReadLoggedModelArtifactRequest): Promise<Uint8Array> {
    const { root } = await this.loggedModelRoot(r.modelId);
    return readLocalArtifact(root, r.path, r.maxBytes ?? DEFAULT_MAX_ARTIFACT_BYTES);
  }

  async listLoggedModelArtifacts(r: ListLoggedModelArtifactsRequest): Promise<ArtifactListing> {
    const { rootUri, root } = await this.loggedModelRoot(r.modelId);
    return { rootUri, items: await listLocalArtifacts(root, r.path), nextPageToken: undefined };
  }

  /**
   * Files under the model's artifact location; when that is an absolute `file://` URI of another
   * machine (a copied mlruns), the model's own `artifacts/` folder next to its meta.yaml.
   */
  private async loggedModelRoot(modelId: string): Promise<{ rootUri: string | undefined; root: string }> {
    const found = await this.loggedModelDir(modelId);
    if (found === undefined) {
      throw loggedModelNotFound(modelId);
    }
    const uri = found.model.artifactUri;
    let root = uri === undefined ? undefined : localArtifactRoot(uri, this.options.artifactsDestination);
    if ((root === undefined || !existsSync(root)) && existsSync(path.join(found.dir, 'artifacts'))) {
      root = path.join(found.dir, 'artifacts');
    }
    if (root === undefined) {
      throw new StoreError(
        'unsupported',
        `Artifacts at ${uri ?? '(none)'} can only be read through a tracking server.`,
      );
    }
    return { rootUri: uri, root };
  }

  private async loggedModelDir(modelId: string): Promise<{ dir: string; model: LoggedModel } | undefined> {
    if (!LOGGED_MODEL_ID.test(modelId)) {
      return undefined;
    }
    for (const { dir: experimentDir, experiment } of await this.experiments()) {
      const dir = path.join(experimentDir, MODELS_FOLDER, modelId);
      const model = existsSync(dir) ? await readLoggedModel(dir) : undefined;
      if (model !== undefined && model.experimentId === experiment.experimentId) {
        return { dir, model };
      }
    }
    return undefined;
  }

  dispose(): void {
    // Nothing held open between calls.
  }

  private async experiments(): Promise<Array<{ dir: string; experiment: Experiment }>> {
    const out: Array<{ dir: string; experiment: Experiment }> = [];
    const trash = path.join(this.root, '.trash');
    const dirs = [
      ...(await subfolders(this.root))
        .filter((n) => n !== '.trash' && n !== 'models')
        .map((n) => path.join(this.root, n)),
      ...(await subfolders(trash)).map((n) => path.join(trash, n)),
    ];
    for (const dir of dirs) {
      const meta = await readMeta(path.join(dir, 'meta.yaml'));
      const id = meta === undefined ? undefined : metaText(meta, 'experiment_id');
      if (meta === undefined || id === undefined) {
        continue;
      }
      out.push({
        dir,
        experiment: {
          experimentId: id,
          name: metaText(meta, 'name') ?? '',
          artifactLocation: metaText(meta, 'artifact_location'),
          lifecycleStage: dir.startsWith(trash + path.sep)
            ? 'deleted'
            : (metaText(meta, 'lifecycle_stage') ?? 'active'),
          creationTime: metaInt(meta, 'creation_time'),
          lastUpdateTime: metaInt(meta, 'last_update_time'),
          tags: (await readKeyValueDir(path.join(dir, 'tags'))).map(([key, value]) => ({ key, value })),
        },
      });
    }
    return out;
  }

  private async runDir(runId: string): Promise<string | undefined> {
    if (!/^[\w-]+$/.test(runId)) {
      return undefined;
    }
    for (const { dir } of await this.experiments()) {
      if (existsSync(path.join(dir, runId, 'meta.yaml'))) {
        return path.join(dir, runId);
      }
    }
    return undefined;
  }

  private async readRun(dir: string): Promise<Run | undefined> {
    const meta = await readMeta(path.join(dir, 'meta.yaml'));
    const runId = meta === undefined ? undefined : (metaText(meta, 'run_id') ?? metaText(meta, 'run_uuid'));
    if (meta === undefined || runId === undefined) {
      return undefined;
    }
    const tags = (await readKeyValueDir(path.join(dir, 'tags'))).map(([key, value]) => ({ key, value }));
    const metrics = (await readKeyValueDir(path.join(dir, 'metrics')))
      .map(([key, text]) => latestMetric(parseMetricFile(key, text)))
      .filter((m): m is Metric => m !== undefined);
    const status = metaText(meta, 'status') ?? '1';
    const { modelInputs, modelOutputs } = await readRunModelLinks(dir);
    return {
      info: {
        runId,
        runName: metaText(meta, 'run_name') || tags.find((t) => t.key === 'mlflow.runName')?.value,
        experimentId: metaText(meta, 'experiment_id') ?? '',
        userId: metaText(meta, 'user_id'),
        status: STATUS[status] ?? status,
        startTime: metaInt(meta, 'start_time'),
        endTime: metaInt(meta, 'end_time'),
        artifactUri: metaText(meta, 'artifact_uri'),
        lifecycleStage: metaText(meta, 'lifecycle_stage') ?? 'active',
      },
      data: {
        metrics,
        params: (await readKeyValueDir(path.join(dir, 'params'))).map(([key, value]) => ({ key, value })),
        tags,
      },
      inputs: { datasetInputs: await readDatasetInputs(dir), modelInputs },
      outputs: { modelOutputs },
    };
  }
}
