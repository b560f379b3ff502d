// TEST SPY — not a store of its own. Wraps a real TrackingStore, forwards every call unchanged and
// records which methods were called with which arguments, so tests can count requests (e.g. how
// many bulk-interval calls a 250-run chart load makes) without changing what the store answers.
import type { Page } from '../../../src/core/common/paging';
import type { LoggedModel } from '../../../src/core/tracking/entities/loggedModel';
import type { Experiment } from '../../../src/core/tracking/entities/experiment';
import type { Metric, MetricPoint } from '../../../src/core/tracking/entities/metric';
import type { Run } from '../../../src/core/tracking/entities/run';
import type {
  ArtifactListing,
  ArtifactStream,
  ListArtifactsRequest,
  OpenArtifactStreamRequest,
  MetricHistoryRequest,
  ReadArtifactRequest,
  ReadLoggedModelArtifactRequest,
  ListLoggedModelArtifactsRequest,
  ReadOptions,
  SampledHistoryRequest,
  SearchExperimentsRequest,
  SearchLoggedModelsRequest,
  SearchRunsRequest,
  TrackingStore,
} from '../../../src/core/tracking/trackingStore';

/** One recorded call. */
export interface RecordedCall {
  readonly method: keyof TrackingStore;
  readonly args: readonly unknown[];
}

/** A TrackingStore that forwards to `inner` and remembers every call in `calls`. */
export class CountingTrackingStore implements TrackingStore {
  readonly calls: RecordedCall[] = [];

  constructor(private readonly inner: TrackingStore) {}

  get kind(): TrackingStore['kind'] {
    return this.inner.kind;
  }

  /** The recorded calls of one method. */
  callsOf(method: keyof TrackingStore): readonly RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  private record(method: keyof TrackingStore, ...args: unknown[]): void {
    this.calls.push({ method, args });
  }

  searchExperiments(r: SearchExperimentsRequest): Promise<Page<Experiment>> {
    this.record('searchExperiments', r);
    return this.inner.searchExperiments(r);
  }
  getExperiment(id: string, o?: ReadOptions): Promise<Experiment> {
    this.record('getExperiment', id, o);
    return this.inner.getExperiment(id, o);
  }
  getExperimentByName(name: string, o?: ReadOptions): Promise<Experiment | undefined> {
    this.record('getExperimentByName', name, o);
    return this.inner.getExperimentByName(name, o);
  }
  searchRuns(r: SearchRunsRequest): Promise<Page<Run>> {
    this.record('searchRuns', r);
    return this.inner.searchRuns(r);
  }
  getRun(runId: string, o?: ReadOptions): Promise<Run> {
    this.record('getRun', runId, o);
    return this.inner.getRun(runId, o);
  }
  getMetricHistory(r: MetricHistoryRequest): Promise<Metric[]> {
    this.record('getMetricHistory', r);
    return this.inner.getMetricHistory(r);
  }
  getSampledMetricHistory(r: SampledHistoryRequest): Promise<MetricPoint[]> {
    this.record('getSampledMetricHistory', r);
    return this.inner.getSampledMetricHistory(r);
  }
  listArtifacts(r: ListArtifactsRequest): Promise<ArtifactListing> {
    this.record('listArtifacts', r);
    return this.inner.listArtifacts(r);
  }
  readArtifact(r: ReadArtifactRequest): Promise<Uint8Array> {
    this.record('readArtifact', r);
    return this.inner.readArtifact(r);
  }

  openArtifactStream(r: OpenArtifactStreamRequest): Promise<ArtifactStream> {
    this.record('openArtifactStream', r);
    return this.inner.openArtifactStream(r);
  }
  searchLoggedModels(r: SearchLoggedModelsRequest): Promise<Page<LoggedModel>> {
    this.record('searchLoggedModels', r);
    return this.inner.searchLoggedModels(r);
  }
  getLoggedModel(modelId: string, o?: ReadOptions): Promise<LoggedModel> {
    this.record('getLoggedModel', modelId);
    return this.inner.getLoggedModel(modelId, o);
  }
  readLoggedModelArtifact(r: ReadLoggedModelArtifactRequest): Promise<Uint8Array> {
    this.record('readLoggedModelArtifact', r);
    return this.inner.readLoggedModelArtifact(r);
  }
  listLoggedModelArtifacts(r: ListLoggedModelArtifactsRequest): Promise<ArtifactListing> {
    this.record('listLoggedModelArtifacts', r);
    return this.inner.listLoggedModelArtifacts(r);
  }
  dispose(): void {
    this.inner.dispose();
  }
}
