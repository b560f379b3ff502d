import type { Readable } from 'node:stream';
import type { Page, PageRequest } from '../common/paging';
import type { LoggedModel } from './entities/loggedModel';
import type { ArtifactFile } from './entities/artifactFile';
import type { Experiment } from './entities/experiment';
import type { Metric, MetricPoint } from './entities/metric';
import type { Run } from './entities/run';

/** Which lifecycle stages a search returns (MLflow's `ViewType`). */
export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';

/** Arguments of {@link TrackingStore.searchExperiments}. */
export interface SearchExperimentsRequest extends PageRequest {
  readonly viewType?: ViewType;
  /** MLflow's filter grammar over `name`, `creation_time`, `last_update_time` and `tags.<key>`. */
  readonly filter?: string;
  readonly orderBy?: readonly string[];
}

/** Arguments of {@link TrackingStore.searchRuns}. */
export interface SearchRunsRequest extends PageRequest {
  readonly experimentIds: readonly string[];
  /** MLflow's run filter grammar (AND-ed clauses over metrics/params/tags/attributes). */
  readonly filter?: string;
  readonly runViewType?: ViewType;
  readonly orderBy?: readonly string[];
}

/** Arguments of {@link TrackingStore.getMetricHistory}. */
export interface MetricHistoryRequest {
  readonly runId: string;
  readonly metricKey: string;
  readonly signal?: AbortSignal;
}

/** Arguments of {@link TrackingStore.getSampledMetricHistory}. */
export interface SampledHistoryRequest {
  /** At most 100 runs per call, as MLflow's bulk-interval endpoint allows. */
  readonly runIds: readonly string[];
  readonly metricKey: string;
  /** Points per run (MLflow caps this at 2,500). */
  readonly maxResults: number;
  readonly startStep?: number;
  readonly endStep?: number;
  readonly signal?: AbortSignal;
}

/** Arguments of {@link TrackingStore.listArtifacts}. */
export interface ListArtifactsRequest extends PageRequest {
  readonly runId: string;
  /** A folder relative to the run's artifact root; the root when absent. */
  readonly path?: string;
}

/** Arguments of {@link TrackingStore.readArtifact}. */
export interface ReadArtifactRequest {
  readonly runId: string;
  /** A file relative to the run's artifact root. */
  readonly path: string;
  /** Refuse files larger than this. Default 50 MB. */
  readonly maxBytes?: number;
  readonly signal?: AbortSignal;
}

/** Arguments of {@link TrackingStore.openArtifactStream}. */
export interface OpenArtifactStreamRequest {
  readonly runId: string;
  /** A file relative to the run's artifact root. */
  readonly path: string;
  /** Aborts the request (or the file read) and destroys the stream. */
  readonly signal?: AbortSignal;
}

/**
 * One artifact file as a stream, for downloads to disk: no size cap, since nothing is held in
 * memory. The stream fails with a `StoreError` when the bytes stop coming, are cut short
 * of `size`, or the signal fires.
 */
export interface ArtifactStream {
  readonly body: Readable;
  /** Bytes the store promised (Content-Length, the file's size), when it said. */
  readonly size: number | undefined;
}

/** Artifact listing plus the root it is relative to. */
export interface ArtifactListing extends Page<ArtifactFile> {
  readonly rootUri: string | undefined;
}

/** Arguments of {@link TrackingStore.searchLoggedModels}. */
export interface SearchLoggedModelsRequest extends PageRequest {
  readonly experimentIds: readonly string[];
  /** Only the models this run produced (MLflow's filter `source_run_id = '<id>'`). */
  readonly sourceRunId?: string;
}

/** Arguments of {@link TrackingStore.readLoggedModelArtifact}. */
export interface ReadLoggedModelArtifactRequest {
  /** `m-<32 hex>`. */
  readonly modelId: string;
  /** A file relative to the logged model's artifact root (`MLmodel`, `requirements.txt`). */
  readonly path: string;
  /** Refuse files larger than this. Default 50 MB. */
  readonly maxBytes?: number;
  readonly signal?: AbortSignal;
}

/** Arguments of {@link TrackingStore.listLoggedModelArtifacts}. */
export interface ListLoggedModelArtifactsRequest {
  /** `m-<32 hex>`. */
  readonly modelId: string;
  /** A folder relative to the logged model's artifact root; its root when omitted. */
  readonly path?: string;
  readonly signal?: AbortSignal;
}

/** Options every single-object read accepts. */
export interface ReadOptions {
  readonly signal?: AbortSignal;
}

/**
 * Read access to experiments, runs, metrics and artifacts, mirroring MLflow's
 * `AbstractStore` (`mlflow/store/tracking/abstract_store.py`). Implemented over REST, SQLite
 * and the file store. Every search returns one page and a token; nothing is silently truncated.
 */
export interface TrackingStore {
  /** What backs this store, for messages. */
  readonly kind: 'rest' | 'sqlite' | 'file';
  searchExperiments(request: SearchExperimentsRequest): Promise<Page<Experiment>>;
  getExperiment(experimentId: string, options?: ReadOptions): Promise<Experiment>;
  /** The experiment with this name, or undefined when there is none. */
  getExperimentByName(name: string, options?: ReadOptions): Promise<Experiment | undefined>;
  searchRuns(request: SearchRunsRequest): Promise<Page<Run>>;
  getRun(runId: string, options?: ReadOptions): Promise<Run>;
  /** Every logged value of one metric of one run, in the order the backend returns them. */
  getMetricHistory(request: MetricHistoryRequest): Promise<Metric[]>;
  /** A down-sampled history of one metric over several runs (for charts). */
  getSampledMetricHistory(request: SampledHistoryRequest): Promise<MetricPoint[]>;
  listArtifacts(request: ListArtifactsRequest): Promise<ArtifactListing>;
  /** The bytes of one artifact file: the artifact proxy or `/get-artifact` over REST, the disk locally. */
  readArtifact(request: ReadArtifactRequest): Promise<Uint8Array>;
  /** The same file as {@link readArtifact}, streamed, for downloads of any size. */
  openArtifactStream(request: OpenArtifactStreamRequest): Promise<ArtifactStream>;
  /**
   * MLflow 3 logged models of some experiments, newest first. Stores and servers that predate
   * them answer an empty page rather than an error, so callers need no version check.
   */
  searchLoggedModels(request: SearchLoggedModelsRequest): Promise<Page<LoggedModel>>;
  /** One MLflow 3 logged model by id (`m-…`); RESOURCE_DOES_NOT_EXIST when there is none. */
  getLoggedModel(modelId: string, options?: ReadOptions): Promise<LoggedModel>;
  /**
   * The bytes of one file of an MLflow 3 logged model. Its artifacts live under the experiment
   * (`<experiment>/models/<m-id>/artifacts`), not under its source run, so {@link readArtifact}
   * cannot reach them.
   */
  readLoggedModelArtifact(request: ReadLoggedModelArtifactRequest): Promise<Uint8Array>;
  /**
   * One folder of an MLflow 3 logged model's artifacts (MLflow's `listLoggedModelArtifacts`), paths
   * relative to the model's artifact root as {@link listArtifacts} gives them for a run.
   */
  listLoggedModelArtifacts(request: ListLoggedModelArtifactsRequest): Promise<ArtifactListing>;
  /** Release resources (a database handle); the store must not be used afterwards. */
  dispose(): void;
}
