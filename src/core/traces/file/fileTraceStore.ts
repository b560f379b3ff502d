import * as path from 'node:path';
import type { Page } from '../../common/paging';
import { subfolders } from '../../tracking/file/readKeyValueDir';
import { sortSpans } from '../entities/span';
import type { Trace } from '../entities/trace';
import { TRACE_KEYS, type TraceInfo } from '../entities/traceInfo';
import { searchTracesInMemory } from '../search/searchTracesInMemory';
import { traceNotFound } from '../traceNotFound';
import type { SearchTracesRequest, TraceStore } from '../traceStore';
import { readTraceDataFile, traceArtifactFolder } from './readTraceArtifact';
import { readTraceFolder } from './readTraceFolder';

/** A trace id that can only name a folder directly under `traces/`. */
const SAFE_ID = /^[\w-]+$/;

/**
 * {@link TraceStore} over an `mlruns` folder (MLflow's file store), read-only. Spans come from the
 * trace's own `artifacts/traces.json` (what a client with a `file:` URI writes), else from its
 * `mlflow.artifactLocation` (`mlflow-artifacts:/…` under the server's artifacts destination).
 */
export class FileTraceStore implements TraceStore {
  readonly kind = 'file';

  constructor(
    private readonly root: string,
    private readonly options: { readonly artifactsDestination?: string } = {},
  ) {}

  async searchTraces(r: SearchTracesRequest): Promise<Page<TraceInfo>> {
    return searchTracesInMemory(
      SAFE_ID.test(r.experimentId) ? await this.experimentTraces(r.experimentId) : [],
      r,
    );
  }

  async getTraceInfo(traceId: string): Promise<TraceInfo> {
    const found = await this.find(traceId);
    if (found === undefined) {
      throw traceNotFound(traceId);
    }
    return found.info;
  }

  async getTrace(traceId: string): Promise<Trace> {
    const found = await this.find(traceId);
    if (found === undefined) {
      throw traceNotFound(traceId);
    }
    return this.withSpans(found.info, found.folder);
  }

  async batchGetTraceInfos(traceIds: readonly string[]): Promise<TraceInfo[]> {
    const found = await Promise.all(traceIds.map((id) => this.find(id)));
    return found.flatMap((f) => (f === undefined ? [] : [f.info]));
  }

  async batchGetTraces(traceIds: readonly string[]): Promise<Trace[]> {
    const found = await Promise.all(traceIds.map((id) => this.find(id)));
    return Promise.all(found.flatMap((f) => (f === undefined ? [] : [this.withSpans(f.info, f.folder)])));
  }

  dispose(): void {
    // Nothing held: every call reads the files afresh.
  }

  private async experimentTraces(experimentId: string): Promise<TraceInfo[]> {
    const dir = path.join(this.root, experimentId, 'traces');
    const infos = await Promise.all((await subfolders(dir)).map((id) => readTraceFolder(path.join(dir, id))));
    return infos.filter((t): t is TraceInfo => t !== undefined);
  }

  /** The trace's folder: trace ids are global, so each experiment is looked in. */
  private async find(traceId: string): Promise<{ info: TraceInfo; folder: string } | undefined> {
    if (!SAFE_ID.test(traceId)) {
      return undefined;
    }
    for (const experiment of await subfolders(this.root)) {
      if (experiment.startsWith('.')) {
        continue;
      }
      const folder = path.join(this.root, experiment, 'traces', traceId);
      const info = await readTraceFolder(folder);
      if (info !== undefined) {
        return { info, folder };
      }
    }
    return undefined;
  }

  private async withSpans(info: TraceInfo, folder: string): Promise<Trace> {
    const tagged = traceArtifactFolder(
      info.tags[TRACE_KEYS.artifactLocation],
      this.options.artifactsDestination,
    );
    const folders = [path.join(folder, 'artifacts'), ...(tagged === undefined ? [] : [tagged])];
    return { info, spans: sortSpans((await readTraceDataFile(folders)) ?? []) };
  }
}
