import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { buildPredictCommand } from '../../core/cli/modelCommands';
import { childConnectionEnv, type ConnectionManager, type SecretCredentials } from '../connection';
import type { CliTaskRunner } from '../shared/process/cliTaskRunner';
import { configuredEnvManager } from '../shared/modelEnv';
import { findMlflow } from '../shared/python/findMlflow';
import { openResultDocument } from '../shared/resultDocuments';

export interface PredictDeps {
  readonly runner: CliTaskRunner;
  readonly connections: ConnectionManager;
  readonly log: vscode.LogOutputChannel;
  readonly secrets?: SecretCredentials;
}

/** What to predict with: the model URI MLflow loads, and the request file beside it or a body to write. */
export interface PredictRequest {
  readonly modelUri: string;
  readonly label: string;
  readonly input: { readonly file: string } | { readonly body: string };
  /** Where the child runs (a model folder, else the temporary folder). */
  readonly cwd?: string;
}

/**
 * `mlflow models predict` with the connection's environment, in a temporary folder that holds
 * the written request and the predictions; the predictions open in a read-only editor and are
 * returned. The folder is removed whatever happens.
 */
export async function runPredict(deps: PredictDeps, request: PredictRequest): Promise<string> {
  const mlflow = await findMlflow(deps.log);
  const env = await childConnectionEnv(deps.connections, deps.secrets);
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-predict-'));
  try {
    const output = path.join(outDir, 'predictions.json');
    let input: string;
    if ('file' in request.input) {
      input = request.input.file;
    } else {
      input = path.join(outDir, 'input.json');
      fs.writeFileSync(input, request.input.body);
    }
    const inv = buildPredictCommand({
      python: mlflow.python,
      modelUri: request.modelUri,
      inputPath: input,
      contentType: 'json',
      outputPath: output,
      envManager: configuredEnvManager(),
      trackingUri: env.trackingUri,
      credentialEnv: env.credentialEnv,
    });
    await deps.runner.run(`Predicting with ${request.label}’s example…`, inv, request.cwd ?? outDir);
    const text = fs.readFileSync(output, 'utf8');
    await openResultDocument(`${request.label} predictions.json`, text);
    return text;
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}
