import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StoreSession } from '../connection';
import { predictExample, type PredictExample } from '../../core/serving/predictExample';
import { nodeOf } from '../explorer';
import { requireTrust, resolveLocalModel } from './modelTarget';
import { predictTreeModel } from './predictTreeModel';
import { runPredict, type PredictDeps } from './runPredict';

/** The example a model was logged with, as `mlflow models predict` needs it (see predictExample). */
export function exampleInput(folder: string): PredictExample | undefined {
  const file = (name: string): string => path.join(folder, name);
  const text = (name: string): string | undefined => {
    try {
      return fs.readFileSync(file(name), 'utf8');
    } catch {
      return undefined;
    }
  };
  return predictExample(text('MLmodel'), (name) => fs.existsSync(file(name)), text);
}

/**
 * "MLflow: Predict with Example": `mlflow models predict` on the model's own input example (a
 * workspace model folder, or a model of the Experiments view: see predictTreeModel), with the
 * predictions opened in a read-only editor. Returns the predictions text (for callers and tests).
 */
export async function predictWithExample(
  deps: PredictDeps & { readonly stores: StoreSession },
  arg?: unknown,
): Promise<string | undefined> {
  requireTrust('Predicting');
  if (nodeOf(arg, 'loggedModel')) {
    return predictTreeModel(deps, arg);
  }
  const model = await resolveLocalModel(arg, 'Predict with Example');
  if (!model) {
    return undefined;
  }
  const example = exampleInput(model.folder);
  if (!example) {
    throw new Error(
      `${model.label} was logged without an input example (no serving_input_example.json or input_example.json next to its MLmodel).`,
    );
  }
  // A raw input example (MLflow < 2.14 wrote no serving payload) goes in wrapped as a request.
  return runPredict(deps, {
    modelUri: model.folder,
    label: model.label,
    input: example.kind === 'file' ? { file: path.join(model.folder, example.name) } : { body: example.body },
    cwd: model.folder,
  });
}
