import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildGenerateDockerfileCommand } from '../../core/cli/modelCommands';
import type { ConnectionManager } from '../connection';
import type { CliTaskRunner } from '../shared/process/cliTaskRunner';
import { findMlflow } from '../shared/python/findMlflow';
import { childConnectionEnv } from '../connection';
import { configuredEnvManager } from '../shared/modelEnv';
import { requireTrust, resolveLocalModel } from './modelTarget';
import type { SecretCredentials } from '../connection';

/**
 * "MLflow: Generate Dockerfile…": `mlflow models generate-dockerfile` into a folder the user
 * chooses, then opens the Dockerfile. `outArg` (a Uri) skips the folder dialog.
 */
export async function generateDockerfile(
  deps: {
    readonly runner: CliTaskRunner;
    readonly connections: ConnectionManager;
    readonly log: vscode.LogOutputChannel;
    readonly secrets?: SecretCredentials;
  },
  arg?: unknown,
  outArg?: unknown,
): Promise<vscode.Uri | undefined> {
  requireTrust('Generating a Dockerfile');
  const model = await resolveLocalModel(arg, 'Generate Dockerfile');
  if (!model) {
    return undefined;
  }
  let out = outArg instanceof vscode.Uri ? outArg : undefined;
  if (!out) {
    const chosen = await vscode.window.showOpenDialog({
      title: `Folder for ${model.label}'s Dockerfile`,
      openLabel: 'Generate Here',
      canSelectFolders: true,
      canSelectFiles: false,
      defaultUri: vscode.Uri.file(path.dirname(model.folder)),
    });
    out = chosen?.[0];
  }
  if (!out) {
    return undefined;
  }
  const mlflow = await findMlflow(deps.log);
  const env = await childConnectionEnv(deps.connections, deps.secrets);
  const inv = buildGenerateDockerfileCommand({
    python: mlflow.python,
    modelUri: model.folder,
    outputDir: out.fsPath,
    envManager: configuredEnvManager(),
    trackingUri: env.trackingUri,
    credentialEnv: env.credentialEnv,
  });
  await deps.runner.run(`Generating a Dockerfile for ${model.label}…`, inv, model.folder);
  const dockerfile = vscode.Uri.joinPath(out, 'Dockerfile');
  await vscode.window.showTextDocument(dockerfile, { preview: false });
  return dockerfile;
}
