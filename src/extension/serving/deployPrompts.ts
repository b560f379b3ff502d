// The questions "Deploy Model…" asks before it runs anything: where to deploy, under which name and
// with which settings. An answer given up front (by a caller or a test) skips its question.
import * as vscode from 'vscode';
import { parseDeployConfig, targetUriProblem } from '../../core/cli/deployCommand';
import type { DeploymentTarget } from '../../core/cli/deploymentTargets';

/** Answers given up front (by a caller or a test) instead of through the prompts. */
export interface DeployAnswers {
  readonly target?: string;
  readonly name?: string;
  readonly config?: string;
}

/** What the user chose: the target URI and deployment name (both trimmed) and the `-C` pairs. */
export interface DeployChoice {
  readonly target: string;
  readonly name: string;
  readonly config: [string, string][];
}

/** Pick a target, then type its URI (prefilled with the target's name); undefined if cancelled. */
async function askTargetUri(
  label: string,
  targets: readonly DeploymentTarget[],
  installed: readonly string[],
): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(
    targets.map((t) => ({ label: t.name, detail: t.needs, target: t })),
    {
      title: `Deploy ${label}: target`,
      placeHolder: 'Targets of your MLflow and its plugins that can deploy a model',
      matchOnDetail: true,
    },
  );
  if (!picked) {
    return undefined;
  }
  return vscode.window.showInputBox({
    title: `Deploy ${label}: target URI`,
    prompt: `The target URI: ${picked.target.uriHint}`,
    value: picked.target.name,
    validateInput: (v) => targetUriProblem(v.trim(), installed),
  });
}

/**
 * Asks for the target URI, the deployment name and the target settings, in that order. Undefined
 * when a question is cancelled; throws when an answer given up front is invalid.
 */
export async function askDeployChoice(
  label: string,
  targets: readonly DeploymentTarget[],
  installed: readonly string[],
  answers: DeployAnswers,
): Promise<DeployChoice | undefined> {
  const target = answers.target ?? (await askTargetUri(label, targets, installed));
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
      title: `Deploy ${label}: deployment name`,
      value: label.replace(/[^\w.-]+/g, '-'),
    }));
  if (!name) {
    return undefined;
  }
  const configText =
    answers.config ??
    (await vscode.window.showInputBox({
      title: `Deploy ${label}: settings for ${target}`,
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
  return { target: target.trim(), name: name.trim(), config: config.pairs };
}
