import * as vscode from 'vscode';
import { checkModelUri } from '../../core/cli/modelUri';
import {
  buildDeployCommand,
  buildDeploymentGetCommand,
  buildDeployHelpCommand,
  parseDeployConfig,
  parseDeploymentTargets,
  targetUriProblem,
} from '../../core/cli/deployCommand';
import { modelDeploymentTargets } from '../../core/cli/deploymentTargets';
import type { ConnectionManager } from '../connection';
import type { CliTaskRunner } from '../shared/process/cliTaskRunner';
import { runToCompletion } from '../shared/process/processRunner';
import { findMlflow } from '../shared/python/findMlflow';
import { childConnectionEnv } from '../connection';
import { treeModelTargets } from './treeModelTarget';
import { localModelFromUri, requireTrust } from './modelTarget';
import { askForModelTarget } from './serveModel';
import type { SecretCredentials } from '../connection';

/** Answers given up front (by a caller or a test) instead of through the prompts. */
interface DeployAnswers {
  readonly target?: string;
  readonly name?: string;
  readonly config?: string;
}

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
  const help = await runToCompletion(buildDeployHelpCommand(mlflow.python), { timeoutMs: 60_000 });
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
  const target =
    answers.target ??
    (await (async () => {
      const picked = await vscode.window.showQuickPick(
        targets.map((t) => ({ label: t.name, detail: t.needs, target: t })),
        {
          title: `Deploy ${model.label}: target`,
          placeHolder: 'Targets of your MLflow and its plugins that can deploy a model',
          matchOnDetail: true,
        },
      );
      if (!picked) {
        return undefined;
      }
      return vscode.window.showInputBox({
        title: `Deploy ${model.label}: target URI`,
        prompt: `The target URI: ${picked.target.uriHint}`,
        value: picked.target.name,
        validateInput: (v) => targetUriProblem(v.trim(), installed),
      });
    })());
  if (!target) {
    return undefined;
  }
  const problem = targetUriProblem(target.trim(), installed);
  if (problem) {
    throw new Error(problem);
  }
  const name =
    answers.name ??
    (await vscode.window.showInputBox({
      title: `Deploy ${model.label}: deployment name`,
      value: model.label.replace(/[^\w.-]+/g, '-'),
    }));
  if (!name) {
    return undefined;
  }
  const configText =
    answers.config ??
    (await vscode.window.showInputBox({
      title: `Deploy ${model.label}: settings for ${target}`,
      prompt: 'Optional target settings as key=value, separated by commas (passed as -C key=value)',
      validateInput: (v) => {
        const r = parseDeployConfig(v);
        return r.ok ? undefined : r.error;
      },
    }));
  if (configText === undefined) {
    return undefined;
  }
  const config = parseDeployConfig(configText);
  if (!config.ok) {
    throw new Error(config.error);
  }
  const env = await childConnectionEnv(deps.connections, deps.secrets);
  const where = {
    python: mlflow.python,
    target: target.trim(),
    installedTargets: installed,
    name: name.trim(),
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
  const inv = buildDeployCommand({ ...where, action, modelUri: model.uri, config: config.pairs });
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
