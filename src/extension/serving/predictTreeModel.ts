import { StoreError } from '../../core/common/storeError';
import { readOwnerArtifact } from '../../core/explorer/artifactOwner';
import { fetchedPredictRequest } from '../../core/serving/predictExample';
import type { StoreSession } from '../connection';
import { nodeOf } from '../explorer';
import { runPredict, type PredictDeps } from './runPredict';

/** An example file is a small JSON request; anything bigger is not one. */
const MAX_EXAMPLE_BYTES = 5 * 1024 * 1024;

export interface TreePredictDeps extends PredictDeps {
  readonly stores: StoreSession;
}

/**
 * "Predict with Example" on a model in the Experiments view (a run's model or an MLflow 3 logged
 * model): its example is read from the tracking store (a logged model's own artifacts, or the
 * model folder under the run's), written to a temporary file, and `mlflow models predict` is
 * given the model's URI (`models:/m-<id>`, `runs:/<id>/<path>`), which MLflow downloads itself.
 * Undefined when `arg` is no such node.
 */
export async function predictTreeModel(deps: TreePredictDeps, arg: unknown): Promise<string | undefined> {
  const node = nodeOf(arg, 'loggedModel');
  if (!node) {
    return undefined;
  }
  const { model } = node;
  const { tracking } = await deps.stores.stores();
  const owner = model.modelId ?? node.runId;
  const prefix = model.modelId === undefined ? `${model.artifactPath ?? model.label}/` : '';
  const request = await fetchedPredictRequest(async (name) => {
    try {
      const bytes = await readOwnerArtifact(tracking, owner, `${prefix}${name}`, MAX_EXAMPLE_BYTES);
      return new TextDecoder().decode(bytes);
    } catch (err: unknown) {
      if (StoreError.is(err, 'not-found')) {
        return undefined;
      }
      throw err;
    }
  });
  if (request === undefined) {
    throw new Error(
      `${model.label} was logged without an input example (no serving_input_example.json or input_example.json beside its MLmodel).`,
    );
  }
  return runPredict(deps, { modelUri: model.modelUri, label: model.label, input: { body: request.body } });
}
