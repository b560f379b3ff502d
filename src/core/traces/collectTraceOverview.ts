import { collectPages, type Page } from '../common/paging';
import type { Experiment } from '../tracking/entities/experiment';
import type { TrackingStore } from '../tracking/trackingStore';
import type { TraceState } from './entities/traceInfo';
import { isNoTraces, MAX_TRACES_PAGE, type TraceStore } from './traceStore';

/** One trace as `inspect --traces` lists it. */
export interface TraceLine {
  readonly traceId: string;
  readonly state: TraceState;
  readonly name: string | undefined;
  readonly requestTimeMs: number;
  readonly spanCount: number;
}

/** One experiment's traces, newest first. */
export interface ExperimentTraces {
  readonly experimentId: string;
  readonly name: string;
  readonly traces: readonly TraceLine[];
}

/** Every trace of every experiment, or why the store has none. */
export type TraceOverview =
  | { readonly experiments: readonly ExperimentTraces[]; readonly noTraces?: undefined }
  | { readonly experiments: readonly []; readonly noTraces: string };

/** Full traces fetched per batch to count their spans. */
const BATCH = 50;

/**
 * List every trace of each experiment (or of the one named) with its span count, walking every
 * search page: the data behind `npm run inspect -- --traces`, which answers "why don't I see
 * my traces" without VS Code.
 */
export async function collectTraceOverview(
  tracking: TrackingStore,
  traces: TraceStore,
  options: { readonly experimentName?: string; readonly signal?: AbortSignal } = {},
): Promise<TraceOverview> {
  const experiments: Experiment[] = await collectPages((pageToken) =>
    tracking.searchExperiments({ pageToken, signal: options.signal }),
  );
  const chosen = experiments.filter(
    (e) => options.experimentName === undefined || e.name === options.experimentName,
  );
  const out: ExperimentTraces[] = [];
  for (const e of chosen) {
    let none: string | undefined;
    const infos = await collectPages(async (pageToken) => {
      const page = await traces.searchTraces({
        experimentId: e.experimentId,
        maxResults: MAX_TRACES_PAGE,
        pageToken,
        signal: options.signal,
      });
      if (isNoTraces(page)) {
        none = page.reason;
        return { items: [], nextPageToken: undefined } satisfies Page<never>;
      }
      return page;
    });
    if (none !== undefined) {
      return { experiments: [], noTraces: none };
    }
    const spanCounts = new Map<string, number>();
    for (let i = 0; i < infos.length; i += BATCH) {
      const full = await traces.batchGetTraces(
        infos.slice(i, i + BATCH).map((t) => t.traceId),
        { signal: options.signal },
      );
      for (const t of full) {
        spanCounts.set(t.info.traceId, t.spans.length);
      }
    }
    out.push({
      experimentId: e.experimentId,
      name: e.name,
      traces: infos.map((t) => ({
        traceId: t.traceId,
        state: t.state,
        name: t.name,
        requestTimeMs: t.requestTimeMs,
        spanCount: spanCounts.get(t.traceId) ?? 0,
      })),
    });
  }
  return { experiments: out };
}
