import { collectPages } from '../common/paging';
import { StoreError } from '../common/storeError';
import type { LoggedModel } from '../tracking/entities/loggedModel';
import type { Run } from '../tracking/entities/run';
import type { TrackingStore } from '../tracking/trackingStore';
import {
  loggedModelHistory,
  loggedModelUri,
  runsModelUri,
  type LoggedModelEntry,
} from './loggedModelHistory';

/**
 * A model a run logged, whichever way MLflow recorded it: a 2.x run lists its models in the
 * `mlflow.log-model.history` tag (artifacts under the run, `runs:/<run>/<path>`); an MLflow 3 run
 * produces logged models (`models:/m-<id>`, artifacts under the experiment) that it names in
 * `outputs.model_outputs` and that name it as `source_run_id`.
 */
export interface RunModel {
  /** The artifact path (2.x) or the logged model's name (3.x). */
  readonly label: string;
  /** What `mlflow models serve -m` and `load_model` take. */
  readonly modelUri: string;
  /** Known from the 2.x tag only; a 3.x search does not say. */
  readonly flavors: readonly string[];
  /** The MLflow 3 logged model id; undefined for a model known only from the 2.x tag. */
  readonly modelId: string | undefined;
  /** The folder under the run's artifacts (2.x). */
  readonly artifactPath: string | undefined;
  /** Where a 3.x logged model's files are. */
  readonly artifactUri: string | undefined;
  /** `LOGGED_MODEL_READY`, `LOGGED_MODEL_PENDING`… (3.x). */
  readonly status: string | undefined;
  /**
   * True for a model the run used without logging it: named in its MLflow 3 `inputs.model_inputs`
   * (an evaluation run's model), not in its outputs.
   */
  readonly used?: boolean;
}

/** At most this many logged models are read for one run (a run logging more is a loop gone wrong). */
const MAX_MODELS = 1000;

function fromTag(runId: string, m: LoggedModelEntry): RunModel {
  return {
    label: m.artifactPath,
    modelUri: runsModelUri(runId, m.artifactPath),
    flavors: m.flavors,
    modelId: undefined,
    artifactPath: m.artifactPath,
    artifactUri: undefined,
    status: undefined,
  };
}

/** A logged model as the commands on a model node take it (URI, label, status, artifacts). */
export function fromLoggedModel(m: LoggedModel): RunModel {
  return {
    label: m.name || m.modelId,
    modelUri: loggedModelUri(m.modelId),
    flavors: [],
    modelId: m.modelId,
    artifactPath: undefined,
    artifactUri: m.artifactUri,
    status: m.status,
  };
}

/** Model ids the run's outputs name, once each, in their order. */
function outputIds(run: Run): string[] {
  return [...new Set(run.outputs.modelOutputs.map((o) => o.modelId))];
}

/** Model ids the run's inputs name and its outputs do not: the models it used. */
function usedIds(run: Run): string[] {
  const outputs = new Set(outputIds(run));
  return [...new Set(run.inputs.modelInputs.map((i) => i.modelId))].filter((id) => !outputs.has(id));
}

/**
 * How many models a run shows without asking the store: its 2.x tag entries plus the logged
 * models its outputs and inputs name (an entry whose `model_uuid` is one of those ids counted
 * once). The tree decides from it, without a request per run, whether a run has a Models section.
 */
export function runModelCount(run: Run): number {
  const ids = outputIds(run);
  return (
    loggedModelHistory(run).filter((m) => m.modelUuid === undefined || !ids.includes(m.modelUuid)).length +
    ids.length +
    usedIds(run).length
  );
}

/**
 * The models a run logged, oldest first (and, with `includeUsed`, then those it only used): 2.x tag entries, then MLflow 3 logged models found by
 * `source_run_id` in the run's experiment, plus any model the run's outputs name that the search
 * did not return (a model created elsewhere, then logged as this run's output). Each model once.
 * A store that cannot search (an old server answers an empty page already) or fails to, for a run
 * whose outputs name no model, still gets the tag entries: the search is only a second source.
 */
export async function listRunModels(
  store: TrackingStore,
  run: Run,
  signal?: AbortSignal,
  options: { readonly includeUsed?: boolean } = {},
): Promise<RunModel[]> {
  const runId = run.info.runId;
  const ids = outputIds(run);
  let found: LoggedModel[] = [];
  try {
    found = await collectPages(
      (pageToken) =>
        store.searchLoggedModels({
          experimentIds: [run.info.experimentId],
          sourceRunId: runId,
          pageToken,
          signal,
        }),
      { maxItems: MAX_MODELS },
    );
  } catch (err) {
    if (ids.length > 0 || signal?.aborted === true) {
      throw err;
    }
  }
  const byId = new Map(found.map((m) => [m.modelId, m]));
  for (const id of ids) {
    if (!byId.has(id)) {
      try {
        byId.set(id, await store.getLoggedModel(id, { signal }));
      } catch (err) {
        // A deleted model stays named in the run's outputs; MLflow no longer serves it.
        if (!StoreError.isNotFound(err)) {
          throw err;
        }
      }
    }
  }
  const logged = [...byId.values()].sort(
    (a, b) => (a.creationTimestampMs ?? 0) - (b.creationTimestampMs ?? 0) || (a.modelId < b.modelId ? -1 : 1),
  );
  const tagged = loggedModelHistory(run).filter((m) => m.modelUuid === undefined || !byId.has(m.modelUuid));
  const own = [...tagged.map((m) => fromTag(runId, m)), ...logged.map(fromLoggedModel)];
  if (options.includeUsed !== true) {
    return own;
  }
  // With includeUsed, the models named only in the run's inputs follow, marked as used.
  const used: RunModel[] = [];
  for (const id of usedIds(run).filter((i) => !byId.has(i))) {
    try {
      used.push({ ...fromLoggedModel(await store.getLoggedModel(id, { signal })), used: true });
    } catch (err) {
      if (!StoreError.isNotFound(err)) {
        throw err;
      }
    }
  }
  return [...own, ...used];
}
