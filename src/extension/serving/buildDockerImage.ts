import * as vscode from 'vscode';
import { buildDockerCommand, imageNameProblem } from '../../core/cli/modelCommands';
import type { ConnectionManager } from '../connection';
import type { CliTaskRunner } from '../shared/process/cliTaskRunner';
import { findMlflow } from '../shared/python/findMlflow';
import { childConnectionEnv } from '../connection';
import { configuredEnvManager } from '../shared/modelEnv';
import { requireTrust, resolveLocalModel } from './modelTarget';
import type { SecretCredentials } from '../connection';

/**
 * "MLflow: Build Docker Image…": `mlflow models build-docker -n <name>`. Without a Docker
 * engine the CLI fails deep in a traceback; the runner turns that into "No Docker engine…".
 * `nameArg` skips the name prompt.
 */
export async function buildDockerImage(
  deps: {
    readonly runner: CliTaskRunner;
    readonly connections: ConnectionManager;
    readonly log: vscode.LogOutputChannel;
    readonly secrets?: SecretCredentials;
  },
  arg?: unknown,
  nameArg?: unknown,
): Promise<string | undefined> {
  requireTrust('Building a Docker image');
  const model = await resolveLocalModel(arg, 'Build Docker Image');
  if (!model) {
    return undefined;
  }
  const suggested = `mlflow-${model.label.toLowerCase().replace(/[^a-z0-9._-]+/g, '-')}`;
  const name =
    typeof nameArg === 'string'
      ? nameArg
      : await vscode.window.showInputBox({
          title: `Build a Docker Image of ${model.label}`,
          prompt: 'Image name (the image serves the model on port 8080)',
          value: suggested,
          validateInput: (v) => imageNameProblem(v.trim()),
        });
  if (!name) {
    return undefined;
  }
  const mlflow = await findMlflow(deps.log);
  const env = await childConnectionEnv(deps.connections, deps.secrets);
  const inv = buildDockerCommand({
    python: mlflow.python,
    modelUri: model.folder,
    imageName: name.trim(),
    envManager: configuredEnvManager(),
    trackingUri: env.trackingUri,
    credentialEnv: env.credentialEnv,
  });
  await deps.runner.run(`Building Docker image ${name.trim()}…`, inv, model.folder);
  void vscode.window.showInformationMessage(
    `Built Docker image ${name.trim()}. Run it with: docker run -p 8080:8080 ${name.trim()}`,
  );
  return name.trim();
}
