import { collectPages } from '../common/paging';
import type { TraceInfo } from '../traces/entities/traceInfo';
import { isNoTraces, MAX_TRACES_PAGE, type TraceStore } from '../traces/traceStore';

/** More traces than one evaluation shows; past it the view says it stopped. */
export const MAX_EVALUATION_TRACES = 5000;

/**
 * The traces an evaluation run produced: those whose `mlflow.sourceRun` names it, searched with
 * `trace.run_id` (what MLflow's UI asks) in the run's experiment, oldest first (the order evaluate
 * made them). A store without traces answers an empty list.
 */
export async function listEvaluationTraces(
  store: TraceStore,
  experimentId: string,
  runId: string,
  signal?: AbortSignal,
): Promise<TraceInfo[]> {
  // Run ids are letters, digits, - and _ (checked by the callers), so quoting is safe.
  const filter = `trace.run_id = '${runId}'`;
  const all = await collectPages(
    async (pageToken) => {
      const page = await store.searchTraces({
        experimentId,
        filter,
        maxResults: MAX_TRACES_PAGE,
        pageToken,
        signal,
      });
      return isNoTraces(page) ? { items: [], nextPageToken: undefined } : page;
    },
    { maxItems: MAX_EVALUATION_TRACES },
  );
  return all
    .filter((t) => t.sourceRunId === runId)
    .sort((a, b) => a.requestTimeMs - b.requestTimeMs || (a.traceId < b.traceId ? -1 : 1));
}
