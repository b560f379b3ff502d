import { collectPages } from '../common/paging';
import { StoreError } from '../common/storeError';
import type { ModelVersion } from '../registry/entities/modelVersion';
import type { RegisteredModel } from '../registry/entities/registeredModel';
import type { RegistryStore } from '../registry/registryStore';
import type { Experiment } from '../tracking/entities/experiment';
import type { Run } from '../tracking/entities/run';
import type { TrackingStore } from '../tracking/trackingStore';

/** One experiment with its newest runs. */
export interface ExperimentOverview {
  readonly experiment: Experiment;
  readonly runs: readonly Run[];
  /** True when the experiment has more runs than were fetched. */
  readonly moreRuns: boolean;
}

/** One registered model with its versions (aliases are on the model). */
export interface ModelOverview {
  readonly model: RegisteredModel;
  readonly versions: readonly ModelVersion[];
}

/** What the explorer shows for a store: experiments, recent runs, registered models. */
export interface StoreOverview {
  readonly experiments: readonly ExperimentOverview[];
  readonly models: readonly ModelOverview[];
  /** Why models could not be listed (a server without a registry), if so. */
  readonly modelsError: string | undefined;
}

/** Limits and selection for {@link collectOverview}. */
export interface OverviewOptions {
  /** Only the experiment with this name. */
  readonly experimentName?: string;
  /** Runs fetched per experiment (one page, newest first). Default 10. */
  readonly runsPerExperiment?: number;
  readonly signal?: AbortSignal;
}

/**
 * Gather the explorer's view of a store in a few paged calls, every list bounded. Used by
 * `npm run inspect` to answer "why don't I see my runs" from the command line.
 */
export async function collectOverview(
  tracking: TrackingStore,
  registry: RegistryStore,
  o: OverviewOptions = {},
): Promise<StoreOverview> {
  const signal = o.signal;
  let experiments: Experiment[];
  if (o.experimentName === undefined) {
    experiments = await collectPages(
      (pageToken) => tracking.searchExperiments({ maxResults: 1000, pageToken, signal }),
      { maxItems: 100_000 },
    );
  } else {
    const found = await tracking.getExperimentByName(o.experimentName, { signal });
    if (found === undefined) {
      throw new StoreError('not-found', `No experiment named "${o.experimentName}".`);
    }
    experiments = [found];
  }
  const overviews: ExperimentOverview[] = [];
  const shown = o.runsPerExperiment ?? 10;
  for (const experiment of experiments) {
    // One run more than shown: MLflow 2.x servers send a next-page token with every full page,
    // also when nothing follows, so the token cannot say whether there are more runs.
    const page = await tracking.searchRuns({
      experimentIds: [experiment.experimentId],
      maxResults: shown + 1,
      signal,
    });
    overviews.push({ experiment, runs: page.items.slice(0, shown), moreRuns: page.items.length > shown });
  }
  try {
    const models = await collectPages(
      (pageToken) => registry.searchRegisteredModels({ maxResults: 100, pageToken, signal }),
      { maxItems: 10_000 },
    );
    const withVersions: ModelOverview[] = [];
    for (const model of models) {
      const versions = model.name.includes("'")
        ? model.latestVersions
        : await collectPages(
            (pageToken) =>
              registry.searchModelVersions({
                filter: `name='${model.name}'`,
                maxResults: 1000,
                pageToken,
                signal,
              }),
            { maxItems: 100_000 },
          );
      withVersions.push({
        model,
        versions: [...versions].sort((a, b) => Number(b.version) - Number(a.version)),
      });
    }
    return { experiments: overviews, models: withVersions, modelsError: undefined };
  } catch (err: unknown) {
    if (StoreError.is(err, 'cancelled')) {
      throw err;
    }
    return {
      experiments: overviews,
      models: [],
      modelsError: err instanceof Error ? err.message : String(err),
    };
  }
}
