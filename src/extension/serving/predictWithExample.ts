import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { buildPredictCommand } from '../../core/cli/modelCommands';
import { predictExample, type PredictExample } from '../../core/serving/predictExample';
import type { ConnectionManager } from '../connection';
import type { CliTaskRunner } from '../shared/process/cliTaskRunner';
import { findMlflow } from '../shared/python/findMlflow';
import { childConnectionEnv } from '../connection';
import { configuredEnvManager } from '../shared/modelEnv';
import { openResultDocument } from '../shared/resultDocuments';
import { requireTrust, resolveLocalModel } from './modelTarget';
import type { SecretCredentials, StoreSession } from '../connection';
import { nodeOf } from '../explorer';
import { predictTreeModel } from './predictTreeModel';

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
  deps: {
    readonly runner: CliTaskRunner;
    readonly connections: ConnectionManager;
    readonly log: vscode.LogOutputChannel;
    readonly secrets?: SecretCredentials;
    readonly stores: StoreSession;
  },
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
  const mlflow = await findMlflow(deps.log);
  const env = await childConnectionEnv(deps.connections, deps.secrets);
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-predict-'));
  try {
    const output = path.join(outDir, 'predictions.json');
    // A raw input example (MLflow < 2.14 wrote no serving payload) goes in wrapped as a request.
    const input =
      example.kind === 'file' ? path.join(model.folder, example.name) : path.join(outDir, 'input.json');
    if (example.kind === 'wrapped') {
      fs.writeFileSync(input, example.body);
    }
    const inv = buildPredictCommand({
      python: mlflow.python,
      modelUri: model.folder,
      inputPath: input,
      contentType: 'json',
      outputPath: output,
      envManager: configuredEnvManager(),
      trackingUri: env.trackingUri,
      credentialEnv: env.credentialEnv,
    });
    await deps.runner.run(`Predicting with ${model.label}’s example…`, inv, model.folder);
    const text = fs.readFileSync(output, 'utf8');
    await openResultDocument(`${model.label} predictions.json`, text);
    return text;
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}
