import * as vscode from 'vscode';
import { checkModelUri } from '../../core/cli/modelUri';
import {
  buildDeployCommand,
  buildDeploymentGetCommand,
  buildDeployHelpCommand,
  parseDeploymentTargets,
} from '../../core/cli/deployCommand';
import { modelDeploymentTargets, type DeploymentTarget } from '../../core/cli/deploymentTargets';
import type { ConnectionManager } from '../connection';
import type { CliTaskRunner } from '../shared/process/cliTaskRunner';
import { runToCompletion } from '../shared/process/processRunner';
import { findMlflow } from '../shared/python/findMlflow';
import { childConnectionEnv } from '../connection';
import { treeModelTargets } from './treeModelTarget';
import { localModelFromUri, requireTrust } from './modelTarget';
import { askForModelTarget } from './serveModel';
import type { SecretCredentials } from '../connection';
import { askDeployChoice, type DeployAnswers } from './deployPrompts';

function isAnswers(v: unknown): v is DeployAnswers {
  // Explorer and editor menus pass the selected resources (an array) as the second argument.
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof vscode.Uri);
}

async function modelUriFor(arg: unknown): Promise<{ uri: string; label: string } | undefined> {
  if (typeof arg === 'string') {
    const r = checkModelUri(arg);
    if (!r.ok) {
      throw new Error(r.error);
    }
    return { uri: arg, label: arg };
  }
  if (arg instanceof vscode.Uri) {
    const model = await localModelFromUri(arg);
    return { uri: model.folder, label: model.label };
  }
  const fromTree = treeModelTargets(arg);
  if (fromTree && fromTree.length > 1) {
    const picked = await vscode.window.showQuickPick(
      fromTree.map((t) => ({ label: t.label, description: t.modelUri, target: t })),
      { title: 'Deploy Model', placeHolder: 'Deploy this version, or what an alias points at' },
    );
    return picked ? { uri: picked.target.modelUri, label: picked.target.label } : undefined;
  }
  const target = fromTree?.[0] ?? (await askForModelTarget('Deploy Model'));
  return target ? { uri: target.modelUri, label: target.label } : undefined;
}

/** Whether the deployment already exists: `mlflow deployments get` exits 0 only then. */
async function deploymentExists(inv: Parameters<typeof runToCompletion>[0]): Promise<boolean> {
  const r = await runToCompletion(inv, { timeoutMs: 120_000 });
  return r.code === 0;
}

/**
 * The targets the installed MLflow (with its plugins) can deploy a model to, with their names;
 * throws when none can take a model.
 */
async function deployableTargets(
  python: string,
): Promise<{ targets: DeploymentTarget[]; installed: string[] }> {
  const help = await runToCompletion(buildDeployHelpCommand(python), { timeoutMs: 60_000 });
  const listed = parseDeploymentTargets(help.stdout);
  // MLflow lists its endpoint clients (databricks, http, https, openai) among the targets, but
  // they cannot take a model: offer only the targets that can.
  const targets = modelDeploymentTargets(listed);
  const installed = targets.map((t) => t.name);
  if (installed.length === 0) {
    const endpointOnly =
      listed.length > 0
        ? ` (${listed.join(', ')} ${listed.length === 1 ? 'is an endpoint client' : 'are endpoint clients'}, which cannot create deployments)`
        : '';
    throw new Error(
      `This MLflow installation has no target that can deploy a model${endpointOnly}. Install a deployment plugin such as azureml-mlflow.`,
    );
  }
  return { targets, installed };
}

/**
 * "MLflow: Deploy Model…": target (discovered from the installed MLflow and its plugins), target
 * URI, deployment name and `-C` settings; `mlflow deployments get` tells whether the name exists,
 * then `mlflow deployments create` (or `update`) runs with its log streamed to the "MLflow CLI"
 * channel. The model is a local folder, a runs:/ or models:/ URI, or a tree node. Resolves to
 * the deployment name, or undefined.
 */
export async function deployModel(
  deps: {
    readonly runner: CliTaskRunner;
    readonly connections: ConnectionManager;
    readonly log: vscode.LogOutputChannel;
    readonly secrets?: SecretCredentials;
  },
  modelArg?: unknown,
  answersArg?: unknown,
): Promise<string | undefined> {
  requireTrust('Deploying');
  const answers: DeployAnswers = isAnswers(answersArg) ? answersArg : {};
  const model = await modelUriFor(modelArg);
  if (!model) {
    return undefined;
  }
  const mlflow = await findMlflow(deps.log);
  const { targets, installed } = await deployableTargets(mlflow.python);
  const choice = await askDeployChoice(model.label, targets, installed, answers);
  if (!choice) {
    return undefined;
  }
  const env = await childConnectionEnv(deps.connections, deps.secrets);
  const where = {
    python: mlflow.python,
    target: choice.target,
    installedTargets: installed,
    name: choice.name,
    trackingUri: env.trackingUri,
    credentialEnv: env.credentialEnv,
  };
  const exists = await deploymentExists(buildDeploymentGetCommand(where));
  if (exists && !isAnswers(answersArg)) {
    const ok = await vscode.window.showWarningMessage(
      `A deployment named ${where.name} already exists on ${where.target}. Update it with ${model.label}?`,
      { modal: true },
      'Update',
    );
    if (ok !== 'Update') {
      return undefined;
    }
  }
  const action = exists ? 'update' : 'create';
  const inv = buildDeployCommand({ ...where, action, modelUri: model.uri, config: choice.config });
  await deps.runner.run(
    `${exists ? 'Updating' : 'Deploying'} ${model.label} on ${where.target} as ${where.name}…`,
    inv,
    undefined,
  );
  void vscode.window.showInformationMessage(
    `${exists ? 'Updated' : 'Deployed'} ${model.label} on ${where.target} as ${where.name}.`,
  );
  return where.name;
}
