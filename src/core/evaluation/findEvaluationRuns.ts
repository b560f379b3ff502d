import { collectPages } from '../common/paging';
import type { Run } from '../tracking/entities/run';
import type { TrackingStore } from '../tracking/trackingStore';
import { EVALUATION_RUN_TYPE, RUN_TYPE_TAG } from './evaluationRun';

/** Experiments asked about per run search (MLflow servers cap the list of ids). */
const IDS_PER_SEARCH = 50;
/** At most this many evaluation runs are offered in a pick list. */
export const MAX_EVALUATION_RUNS = 1000;

/** Every active evaluation run of the store, newest first, for a pick list. */
export async function findEvaluationRuns(tracking: TrackingStore, signal?: AbortSignal): Promise<Run[]> {
  const experiments = await collectPages(
    (pageToken) => tracking.searchExperiments({ maxResults: 1000, pageToken, signal }),
    { maxItems: 10_000 },
  );
  const ids = experiments.map((e) => e.experimentId);
  const found: Run[] = [];
  for (let i = 0; i < ids.length && found.length < MAX_EVALUATION_RUNS; i += IDS_PER_SEARCH) {
    const page = await tracking.searchRuns({
      experimentIds: ids.slice(i, i + IDS_PER_SEARCH),
      filter: `tags.\`${RUN_TYPE_TAG}\` = '${EVALUATION_RUN_TYPE}'`,
      maxResults: MAX_EVALUATION_RUNS,
      signal,
    });
    found.push(...page.items);
  }
  return found
    .sort((a, b) => (b.info.startTime ?? 0) - (a.info.startTime ?? 0))
    .slice(0, MAX_EVALUATION_RUNS);
}
