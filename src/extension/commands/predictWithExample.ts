import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { buildPredictCommand } from '../../core/cli/modelCommands';
import type { ConnectionManager } from '../connection/connectionManager';
import type { CliTaskRunner } from '../process/cliTaskRunner';
import { findMlflow } from '../serving/findMlflow';
import { childConnectionEnv } from '../serving/childEnvironment';
import { configuredEnvManager } from './modelEnv';
import { openResultDocument } from './resultDocuments';
import { requireTrust, resolveLocalModel } from './modelTarget';
import type { SecretCredentials } from '../connection/storeSession';

/** The example a model was logged with: the serving payload first, then the raw input example. */
export function exampleInput(folder: string): string | undefined {
  return ['serving_input_example.json', 'input_example.json']
    .map((f) => path.join(folder, f))
    .find((f) => fs.existsSync(f));
}

/**
 * "MLflow: Predict with Example": `mlflow models predict` on the model's own input example, with
 * the predictions opened in a read-only editor. Returns the predictions text (for callers and tests).
 */
export async function predictWithExample(
  deps: { readonly runner: CliTaskRunner; readonly connections: ConnectionManager; readonly log: vscode.LogOutputChannel; readonly secrets?: SecretCredentials },
  arg?: unknown,
): Promise<string | undefined> {
  requireTrust('Predicting');
  const model = await resolveLocalModel(arg, 'Predict with Example');
  if (!model) {
    return undefined;
  }
  const input = exampleInput(model.folder);
  if (!input) {
    throw new Error(`${model.label} was logged without an input example (no serving_input_example.json or input_example.json next to its MLmodel).`);
  }
  const mlflow = await findMlflow(deps.log);
  const env = await childConnectionEnv(deps.connections, deps.secrets);
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-predict-'));
  try {
    const output = path.join(outDir, 'predictions.json');
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
