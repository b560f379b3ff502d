import type { Page } from '../../common/paging';
import type { SqliteDatabase } from '../../tracking/sqlite/sqliteDatabase';
import { text } from '../../tracking/sqlite/sqliteDatabase';
import { sortSpans, type Span } from '../entities/span';
import type { Trace } from '../entities/trace';
import { TRACE_KEYS, type TraceInfo } from '../entities/traceInfo';
import { readTraceDataFile, traceArtifactFolder } from '../file/readTraceArtifact';
import { parseLosslessJson } from '../parse/losslessJson';
import { parseMlflowSpan } from '../parse/parseMlflowSpan';
import { searchTracesInMemory } from '../search/searchTracesInMemory';
import type { SearchTracesRequest, TraceStore } from '../traceStore';
import { traceNotFound } from '../traceNotFound';
import { loadTraceInfos } from './loadTraceInfos';

/**
 * {@link TraceStore} over an MLflow `mlflow.db` (read-only, through the same sql.js database the
 * tracking store opens): `trace_info` + `trace_tags` + `trace_request_metadata` + `assessments`,
 * spans from `spans.content` (MLflow span JSON, read without rounding its nanoseconds). Traces
 * an MLflow 2.x server logged keep their spans in a `traces.json` artifact instead; those are read
 * from the artifact folder when it is on this machine.
 */
export class SqliteTraceStore implements TraceStore {
  readonly kind = 'sqlite';

  constructor(
    private readonly db: SqliteDatabase,
    private readonly options: {
      readonly artifactsDestination?: string;
      /** Close the database on dispose: set when this store opened it alone. */
      readonly ownsDatabase?: boolean;
    } = {},
  ) {}

  searchTraces(r: SearchTracesRequest): Promise<Page<TraceInfo>> {
    return Promise.resolve().then(() =>
      searchTracesInMemory(loadTraceInfos(this.db, { experimentId: r.experimentId }), r),
    );
  }

  async getTraceInfo(traceId: string): Promise<TraceInfo> {
    const [info] = await this.batchGetTraceInfos([traceId]);
    if (info === undefined) {
      throw traceNotFound(traceId);
    }
    return info;
  }

  async getTrace(traceId: string): Promise<Trace> {
    const info = await this.getTraceInfo(traceId);
    return { info, spans: await this.spansOf(info) };
  }

  batchGetTraceInfos(traceIds: readonly string[]): Promise<TraceInfo[]> {
    return Promise.resolve().then(() => {
      const byId = new Map(loadTraceInfos(this.db, { traceIds }).map((t) => [t.traceId, t]));
      return traceIds.flatMap((id) => {
        const t = byId.get(id);
        return t === undefined ? [] : [t];
      });
    });
  }

  async batchGetTraces(traceIds: readonly string[]): Promise<Trace[]> {
    const infos = await this.batchGetTraceInfos(traceIds);
    return Promise.all(infos.map(async (info) => ({ info, spans: await this.spansOf(info) })));
  }

  private async spansOf(info: TraceInfo): Promise<Span[]> {
    const rows = this.db.hasTable('spans')
      ? this.db.all('SELECT content FROM spans WHERE trace_id = ?', [info.traceId])
      : [];
    if (rows.length > 0 || info.tags[TRACE_KEYS.spansLocation] === 'TRACKING_STORE') {
      return sortSpans(rows.map((row) => parseMlflowSpan(parseLosslessJson(text(row.content) ?? 'null'))));
    }
    const folder = traceArtifactFolder(
      info.tags[TRACE_KEYS.artifactLocation],
      this.options.artifactsDestination,
    );
    return sortSpans((await readTraceDataFile(folder === undefined ? [] : [folder])) ?? []);
  }

  dispose(): void {
    // A database shared with the tracking store beside this one is closed by its owner.
    if (this.options.ownsDatabase === true) {
      this.db.close();
    }
  }
}
