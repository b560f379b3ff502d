import { pageOf } from '../../common/offsetPageToken';
import type { Page } from '../../common/paging';
import { StoreError } from '../../common/storeError';
import { loggedModelNotFound, type LoggedModel } from '../entities/loggedModel';
import type { Experiment } from '../entities/experiment';
import type { Metric, MetricPoint } from '../entities/metric';
import type { Run } from '../entities/run';
import type { Tag } from '../entities/tag';
import { listLocalArtifacts, localArtifactRoot, readLocalArtifact } from '../listLocalArtifacts';
import { openLocalArtifact } from '../openLocalArtifact';
import { DEFAULT_MAX_ARTIFACT_BYTES } from '../artifactPath';
import { loggedModelPage } from '../loggedModelPage';
import { sampleMetricHistories } from '../sampleMetricHistories';
import { inView, searchRunsInMemory } from '../search/runSearch';
import { searchEntities } from '../search/searchEntities';
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
  SampledHistoryRequest,
  SearchExperimentsRequest,
  SearchRunsRequest,
  TrackingStore,
} from '../trackingStore';
import { loadLoggedModels } from './loadLoggedModels';
import { loadRuns, metricFromRow } from './loadRuns';
import { int, text, type SqliteDatabase } from './sqliteDatabase';
import { inWorkspace } from './sqliteWorkspaces';

/** Options of the local stores. */
export interface LocalStoreOptions {
  /** Where `mlflow-artifacts:/` URIs point (the server's `--artifacts-destination`). */
  readonly artifactsDestination?: string;
  /** The MLflow workspace to show (3.10+ stores keep one per experiment); default `default`, as the server. */
  readonly workspace?: string;
}

/** {@link TrackingStore} over an MLflow `mlflow.db`, read-only, in the server's answer order. */
export class SqliteTrackingStore implements TrackingStore {
  readonly kind = 'sqlite';
  private readonly idCache = new Map<string, readonly string[]>();

  constructor(
    private readonly db: SqliteDatabase,
    private readonly options: LocalStoreOptions = {},
  ) {}

  searchExperiments(r: SearchExperimentsRequest): Promise<Page<Experiment>> {
    const all = this.experiments().filter((e) => inView(e.lifecycleStage, r.viewType));
    const found = searchEntities(all, r.filter, r.orderBy, {
      bareType: 'attributes',
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
    return Promise.resolve(pageOf(found, r.maxResults ?? 1000, r.pageToken));
  }

  getExperiment(experimentId: string): Promise<Experiment> {
    const e = this.experiments().find((x) => x.experimentId === experimentId);
    if (e === undefined) {
      return Promise.reject(notFound(`No Experiment with id=${experimentId} exists`));
    }
    return Promise.resolve(e);
  }

  getExperimentByName(name: string): Promise<Experiment | undefined> {
    return Promise.resolve(this.experiments().find((x) => x.name === name));
  }

  searchRuns(r: SearchRunsRequest): Promise<Page<Run>> {
    if (r.experimentIds.length === 0) {
      return Promise.resolve({ items: [], nextPageToken: undefined });
    }
    // Pages come from an ordered list of run ids, computed once per query: "Load more" through a
    // 10,000-run experiment then reads 100 runs per page instead of every run every time.
    const page = pageOf(this.orderedRunIds(r), r.maxResults ?? 1000, r.pageToken);
    return Promise.resolve({ items: this.runsById(page.items), nextPageToken: page.nextPageToken });
  }

  /** Run ids matching a search, in MLflow's order; cached per query (the database never changes). */
  private orderedRunIds(r: SearchRunsRequest): readonly string[] {
    const key = JSON.stringify([
      r.experimentIds,
      r.filter ?? '',
      r.orderBy ?? [],
      r.runViewType ?? 'ACTIVE_ONLY',
    ]);
    const cached = this.idCache.get(key);
    if (cached !== undefined) {
      return cached;
    }
    const marks = r.experimentIds.map(() => '?').join(',');
    let ids: string[];
    if ((r.filter ?? '').trim() === '' && (r.orderBy ?? []).length === 0) {
      // MLflow's default order (start_time DESC, missing last, then run id) straight from SQL.
      const stage =
        r.runViewType === 'ALL'
          ? ''
          : r.runViewType === 'DELETED_ONLY'
            ? "AND lifecycle_stage = 'deleted'"
            : "AND lifecycle_stage != 'deleted'";
      ids = this.db
        .all(
          `SELECT run_uuid FROM runs WHERE experiment_id IN (${marks}) ${stage} ORDER BY start_time IS NULL, start_time DESC, run_uuid ASC`,
          r.experimentIds,
        )
        .map((row) => String(row.run_uuid));
    } else {
      const runs = loadRuns(this.db, `r.experiment_id IN (${marks})`, r.experimentIds).filter((x) =>
        inView(x.info.lifecycleStage, r.runViewType),
      );
      ids = searchRunsInMemory(runs, r.filter, r.orderBy, 'sql').map((x) => x.info.runId);
    }
    if (this.idCache.size >= 16) {
      this.idCache.delete(this.idCache.keys().next().value ?? '');
    }
    this.idCache.set(key, ids);
    return ids;
  }

  /** Whole runs for these ids, in this order; read in chunks to stay under SQLite's variable limit. */
  private runsById(ids: readonly string[]): Run[] {
    const byId = new Map<string, Run>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      for (const run of loadRuns(this.db, `r.run_uuid IN (${chunk.map(() => '?').join(',')})`, chunk)) {
        byId.set(run.info.runId, run);
      }
    }
    return ids.map((id) => byId.get(id)).filter((x): x is Run => x !== undefined);
  }

  getRun(runId: string): Promise<Run> {
    const run = loadRuns(this.db, 'r.run_uuid = ?', [runId], { modelInputs: true })[0];
    return run === undefined
      ? Promise.reject(notFound(`Run with id=${runId} not found`))
      : Promise.resolve(run);
  }

  getMetricHistory(r: MetricHistoryRequest): Promise<Metric[]> {
    // Four cells per row as arrays: a history is long, and an object per row cost 10× the query.
    const rows = this.db.values(
      'SELECT value, timestamp, step, is_nan FROM metrics WHERE run_uuid = ? AND key = ? ORDER BY rowid',
      [r.runId, r.metricKey],
    );
    return Promise.resolve(
      rows.map(([value, timestamp, step, isNan]) =>
        metricFromRow({
          key: r.metricKey,
          value: value ?? null,
          timestamp: timestamp ?? null,
          step: step ?? null,
          is_nan: isNan ?? null,
        }),
      ),
    );
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
    const rootUri = (await this.getRun(runId)).info.artifactUri;
    const root =
      rootUri === undefined ? undefined : localArtifactRoot(rootUri, this.options.artifactsDestination);
    if (root === undefined) {
      throw new StoreError(
        'unsupported',
        `Artifacts at ${rootUri ?? '(none)'} can only be read through a tracking server.`,
      );
    }
    return { rootUri, root };
  }

  searchLoggedModels(r: SearchLoggedModelsRequest): Promise<Page<LoggedModel>> {
    const all = loadLoggedModels(this.db, { experimentIds: r.experimentIds, sourceRunId: r.sourceRunId });
    return Promise.resolve(loggedModelPage(all, r));
  }

  getLoggedModel(modelId: string): Promise<LoggedModel> {
    const model = loadLoggedModels(this.db, { modelId })[0];
    return model === undefined ? Promise.reject(loggedModelNotFound(modelId)) : Promise.resolve(model);
  }

  async readLoggedModelArtifact(r: ReadLoggedModelArtifactRequest): Promise<Uint8Array> {
    const { root } = await this.loggedModelRoot(r.modelId);
    return readLocalArtifact(root, r.path, r.maxBytes ?? DEFAULT_MAX_ARTIFACT_BYTES);
  }

  async listLoggedModelArtifacts(r: ListLoggedModelArtifactsRequest): Promise<ArtifactListing> {
    const { rootUri, root } = await this.loggedModelRoot(r.modelId);
    return { rootUri, items: await listLocalArtifacts(root, r.path), nextPageToken: undefined };
  }

  private async loggedModelRoot(modelId: string): Promise<{ rootUri: string | undefined; root: string }> {
    const rootUri = (await this.getLoggedModel(modelId)).artifactUri;
    const root =
      rootUri === undefined ? undefined : localArtifactRoot(rootUri, this.options.artifactsDestination);
    if (root === undefined) {
      throw new StoreError(
        'unsupported',
        `Artifacts at ${rootUri ?? '(none)'} can only be read through a tracking server.`,
      );
    }
    return { rootUri, root };
  }

  dispose(): void {
    this.db.close();
  }

  private experiments(): Experiment[] {
    const tags = new Map<string, Tag[]>();
    for (const t of this.db.all('SELECT * FROM experiment_tags ORDER BY rowid')) {
      const id = String(t.experiment_id);
      tags.set(id, [...(tags.get(id) ?? []), { key: String(t.key), value: text(t.value) ?? '' }]);
    }
    const rows = this.db
      .all('SELECT * FROM experiments')
      .filter((row) => inWorkspace(row, this.options.workspace));
    return rows.map((row): Experiment => {
      const id = String(row.experiment_id);
      return {
        experimentId: id,
        name: String(row.name),
        artifactLocation: text(row.artifact_location),
        lifecycleStage: text(row.lifecycle_stage) ?? 'active',
        creationTime: int(row.creation_time),
        lastUpdateTime: int(row.last_update_time),
        tags: tags.get(id) ?? [],
      };
    });
  }
}

function notFound(message: string): StoreError {
  return new StoreError('api', message, { errorCode: 'RESOURCE_DOES_NOT_EXIST', status: 404 });
}
