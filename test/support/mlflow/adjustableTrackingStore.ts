// TEST DOUBLE support — not MLflow. Wraps a tracking store (behind the loopback test server) so
// that an in-host test can change what the server answers while the extension watches: a run's
// status (a RUNNING run finishing), extra entries in an artifact listing (a 60 MB file whose bytes
// do not exist), a folder that nests itself for ever (a hostile server), and a count of the
// artifact reads and listings the server was asked for.
import type { ArtifactFile } from '../../../src/core/tracking/entities/artifactFile';
import type { Run, RunStatus } from '../../../src/core/tracking/entities/run';
import type { TrackingStore } from '../../../src/core/tracking/trackingStore';

/** The knobs of an {@link adjustableTrackingStore}. */
export interface TrackingAdjustments {
  /** run id → the status the server reports from now on. */
  readonly status: Map<string, RunStatus>;
  /** run id → entries listed at the run's artifact root besides the real ones. */
  readonly extraArtifacts: Map<string, ArtifactFile[]>;
  /** `<run id>/<path>` of every artifact read the server was asked for, in order. */
  readonly reads: string[];
  /** Run ids whose root lists a folder `again` that holds `again/again`, and so on for ever. */
  readonly selfNesting: Set<string>;
  /** `<run id>/<path>` of every artifact listing the server was asked for, in order. */
  readonly lists: string[];
}

/** Wrap `tracking`; the returned adjustments apply to every answer from then on. */
export function adjustableTrackingStore(tracking: TrackingStore): {
  tracking: TrackingStore;
  adjust: TrackingAdjustments;
} {
  const adjust: TrackingAdjustments = {
    status: new Map(),
    extraArtifacts: new Map(),
    reads: [],
    selfNesting: new Set(),
    lists: [],
  };
  const run = (r: Run): Run => {
    const status = adjust.status.get(r.info.runId);
    return status === undefined
      ? r
      : {
          ...r,
          info: {
            ...r.info,
            status,
            endTime: status === 'RUNNING' ? undefined : (r.info.endTime ?? r.info.startTime),
          },
        };
  };
  const wrapped: TrackingStore = {
    kind: tracking.kind,
    searchExperiments: (r) => tracking.searchExperiments(r),
    getExperiment: (id, o) => tracking.getExperiment(id, o),
    getExperimentByName: (n, o) => tracking.getExperimentByName(n, o),
    searchRuns: async (r) => {
      const page = await tracking.searchRuns(r);
      return { ...page, items: page.items.map(run) };
    },
    getRun: async (id, o) => run(await tracking.getRun(id, o)),
    getMetricHistory: (r) => tracking.getMetricHistory(r),
    getSampledMetricHistory: (r) => tracking.getSampledMetricHistory(r),
    listArtifacts: async (r) => {
      adjust.lists.push(`${r.runId}/${r.path ?? ''}`);
      const root = r.path === undefined || r.path === '';
      if (adjust.selfNesting.has(r.runId) && r.path !== undefined && /^again(\/again)*$/.test(r.path)) {
        return {
          rootUri: undefined,
          items: [{ path: `${r.path}/again`, isDir: true, fileSize: undefined }],
          nextPageToken: undefined,
        };
      }
      const listing = await tracking.listArtifacts(r);
      const extra = root
        ? [
            ...(adjust.extraArtifacts.get(r.runId) ?? []),
            ...(adjust.selfNesting.has(r.runId) ? [{ path: 'again', isDir: true, fileSize: undefined }] : []),
          ]
        : [];
      return { ...listing, items: [...listing.items, ...extra] };
    },
    readArtifact: (r) => {
      adjust.reads.push(`${r.runId}/${r.path}`);
      return tracking.readArtifact(r);
    },
    openArtifactStream: (r) => {
      adjust.reads.push(`${r.runId}/${r.path}`);
      return tracking.openArtifactStream(r);
    },
    searchLoggedModels: (r) => tracking.searchLoggedModels(r),
    getLoggedModel: (id, o) => tracking.getLoggedModel(id, o),
    readLoggedModelArtifact: (r) => tracking.readLoggedModelArtifact(r),
    listLoggedModelArtifacts: (r) => tracking.listLoggedModelArtifacts(r),
    dispose: () => {
      tracking.dispose();
    },
  };
  return { tracking: wrapped, adjust };
}
