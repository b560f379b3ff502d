import { collectPages } from '../common/paging';
import { StoreError } from '../common/storeError';
import type { ModelVersion } from '../registry/entities/modelVersion';
import type { RegisteredModel } from '../registry/entities/registeredModel';
import type { RegistryStore } from '../registry/registryStore';
import type { Experiment } from '../tracking/entities/experiment';
import type { Run } from '../tracking/entities/run';
import type { TrackingStore } from '../tracking/trackingStore';

/** One experiment with its newest runs (and, when asked, its MLflow 3 logged models). */
export interface ExperimentOverview {
  readonly experiment: Experiment;
  readonly runs: readonly Run[];
  /** True when the experiment has more runs than were fetched. */
  readonly moreRuns: boolean;
  /** Present with `loggedModels`: the experiment's logged models, or why they could not be read. */
  readonly loggedModels?: LoggedModelsOverview;
}

/** A logged model as the overview lists it: what tells it apart and where it came from. */
export interface LoggedModelSummary {
  readonly modelId: string;
  readonly name: string;
  readonly modelUri: string;
  readonly status: string | undefined;
  readonly sourceRunId: string | undefined;
}

/** The logged models of one experiment (first page), or the store's reason for none. */
export interface LoggedModelsOverview {
  readonly models: readonly LoggedModelSummary[];
  readonly more: boolean;
  /** Why they could not be listed (a 2.x server has no logged-models route), if so. */
  readonly error: string | undefined;
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
  /** Also list each experiment's logged models (one more request per experiment). */
  readonly loggedModels?: boolean;
  /** Logged models fetched per experiment. Default 100. */
  readonly loggedModelsPerExperiment?: number;
  readonly signal?: AbortSignal;
}

/** One page of an experiment's logged models; a store without them answers its error instead. */
async function loggedModelsOf(
  tracking: TrackingStore,
  experiment: Experiment,
  shown: number,
  signal: AbortSignal | undefined,
): Promise<LoggedModelsOverview> {
  try {
    const page = await tracking.searchLoggedModels({
      experimentIds: [experiment.experimentId],
      maxResults: shown + 1,
      signal,
    });
    return {
      models: page.items.slice(0, shown).map((m) => ({
        modelId: m.modelId,
        name: m.name,
        modelUri: `models:/${m.modelId}`,
        status: m.status,
        // A model logged outside a run (git-versioned ones) has an empty source run in sqlite.
        sourceRunId: m.sourceRunId === '' ? undefined : m.sourceRunId,
      })),
      more: page.items.length > shown,
      error: undefined,
    };
  } catch (err: unknown) {
    if (StoreError.is(err, 'cancelled')) {
      throw err;
    }
    return { models: [], more: false, error: err instanceof Error ? err.message : String(err) };
  }
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
    overviews.push({
      experiment,
      runs: page.items.slice(0, shown),
      moreRuns: page.items.length > shown,
      ...(o.loggedModels === true
        ? {
            loggedModels: await loggedModelsOf(
              tracking,
              experiment,
              o.loggedModelsPerExperiment ?? 100,
              signal,
            ),
          }
        : {}),
    });
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
