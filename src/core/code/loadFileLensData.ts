import type { TrackingStore } from '../tracking/trackingStore';
import type { Experiment } from '../tracking/entities/experiment';
import { runsOfFile, type FileLensData } from './metricLenses';
import type { MlflowCall } from './mlflowCalls';

/** Runs read per experiment for the lenses: the count shows `500+` beyond it. */
export const LENS_RUNS_READ = 500;

/** Which experiment a file's runs go to: its `set_experiment` name, a `start_run(experiment_id=…)`, else MLflow's default. */
export type ExperimentRef = { readonly name: string } | { readonly id: string };

export function experimentRef(calls: readonly MlflowCall[]): ExperimentRef {
  const named = calls.find((c) => c.kind === 'setExperiment' && c.name !== undefined)?.name;
  if (named !== undefined) {
    return { name: named };
  }
  const id = calls.find((c) => c.kind === 'startRun' && c.experimentId !== undefined)?.experimentId;
  return { id: id ?? '0' };
}

export function experimentRefKey(ref: ExperimentRef): string {
  return 'name' in ref ? `name:${ref.name}` : `id:${ref.id}`;
}

/**
 * Read what a file's lenses show: one experiment lookup and one search of its newest runs (the
 * same two requests on every store kind), never one per metric or per keystroke.
 */
export async function loadFileLensData(
  store: TrackingStore,
  ref: ExperimentRef,
  filePath: string,
  signal?: AbortSignal,
): Promise<FileLensData> {
  let experiment: Experiment | undefined;
  if ('name' in ref) {
    experiment = await store.getExperimentByName(ref.name, { signal });
  } else {
    experiment = await store.getExperiment(ref.id, { signal }).catch(() => undefined);
  }
  if (experiment === undefined) {
    return { experiment: undefined, latestRun: undefined, fileRuns: [] };
  }
  const page = await store.searchRuns({
    experimentIds: [experiment.experimentId],
    maxResults: LENS_RUNS_READ,
    orderBy: ['attributes.start_time DESC'],
    runViewType: 'ACTIVE_ONLY',
    signal,
  });
  return {
    experiment: {
      experimentId: experiment.experimentId,
      name: experiment.name,
      runCount: page.items.length,
      more: page.nextPageToken !== undefined && page.nextPageToken !== '',
    },
    latestRun: page.items[0],
    fileRuns: runsOfFile(page.items, filePath),
  };
}
