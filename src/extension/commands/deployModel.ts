import * as vscode from 'vscode';
import { checkModelUri } from '../../core/cli/modelUri';
import {
  buildDeployCommand,
  buildDeployHelpCommand,
  parseDeployConfig,
  parseDeploymentTargets,
  targetUriProblem,
} from '../../core/cli/deployCommand';
import type { ConnectionManager } from '../connection/connectionManager';
import type { CliTaskRunner } from '../process/cliTaskRunner';
import { runToCompletion } from '../process/processRunner';
import { findMlflow } from '../serving/findMlflow';
import { childTrackingUri } from './modelEnv';
import { localModelFromUri, pickLocalModel, requireTrust } from './modelTarget';

/** Answers given up front (by a caller or a test) instead of through the prompts. */
interface DeployAnswers {
  readonly target?: string;
  readonly name?: string;
  readonly config?: string;
}

function isAnswers(v: unknown): v is DeployAnswers {
  return typeof v === 'object' && v !== null && !(v instanceof vscode.Uri);
}

async function modelUriFor(arg: unknown): Promise<{ uri: string; label: string } | undefined> {
  if (typeof arg === 'string') {
    const r = checkModelUri(arg);
    if (!r.ok) {
      throw new Error(r.error);
    }
    return { uri: arg, label: arg };
  }
  const model = arg instanceof vscode.Uri ? await localModelFromUri(arg) : await pickLocalModel('Deploy Model');
  return model ? { uri: model.folder, label: model.label } : undefined;
}

/**
 * "MLflow: Deploy Model…": target (discovered from the installed MLflow and its plugins), target
 * URI, deployment name and `-C` settings, then `mlflow deployments create` with its log streamed
 * to the "MLflow CLI" channel. Resolves to the deployment name, or undefined.
 */
export async function deployModel(
  deps: { readonly runner: CliTaskRunner; readonly connections: ConnectionManager; readonly log: vscode.LogOutputChannel },
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
  const installed = parseDeploymentTargets(help.stdout);
  if (installed.length === 0) {
    throw new Error('This MLflow installation reports no deployment targets. Install a plugin such as azureml-mlflow, or upgrade MLflow.');
  }
  const target =
    answers.target ??
    (await (async () => {
      const picked = await vscode.window.showQuickPick(installed, { title: `Deploy ${model.label}: target`, placeHolder: 'Deployment targets installed with MLflow and its plugins' });
      if (!picked) {
        return undefined;
      }
      return vscode.window.showInputBox({
        title: `Deploy ${model.label}: target URI`,
        prompt: 'The target, optionally with its details (for example sagemaker:/us-east-1)',
        value: picked,
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
    (await vscode.window.showInputBox({ title: `Deploy ${model.label}: deployment name`, value: model.label.replace(/[^\w.-]+/g, '-') }));
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
  const inv = buildDeployCommand({
    python: mlflow.python,
    action: 'create',
    target: target.trim(),
    installedTargets: installed,
    name: name.trim(),
    modelUri: model.uri,
    config: config.pairs,
    trackingUri: childTrackingUri(deps.connections),
  });
  await deps.runner.run(`Deploying ${model.label} to ${target.trim()} as ${name.trim()}…`, inv, undefined);
  void vscode.window.showInformationMessage(`Deployed ${model.label} to ${target.trim()} as ${name.trim()}.`);
  return name.trim();
}
