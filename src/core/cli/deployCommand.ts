import type { CliInvocation } from './cliInvocation';
import { endpointOnlyProblem } from './deploymentTargets';
import { checkModelUri } from './modelUri';
import { childEnv } from './serveCommand';

/**
 * The deployment targets installed in the user's environment, read from `mlflow deployments
 * create --help` ("Support is currently installed for deployment to: databricks, http, …").
 * Plugins such as azureml-mlflow add themselves to that list, so it is discovered, not hard-coded.
 */
export function parseDeploymentTargets(helpText: string): string[] {
  const flat = helpText.replace(/\s+/g, ' ');
  const m = /installed for deployment to:\s*([\w\s,.-]+?)(?:\s+See all|\s*\[required\]|$)/i.exec(flat);
  if (!m?.[1]) {
    return [];
  }
  return m[1]
    .split(',')
    .map((t) => t.trim())
    .filter((t) => /^[a-z][\w.-]*$/i.test(t));
}

/** `mlflow deployments create --help`, the source of {@link parseDeploymentTargets}. */
export function buildDeployHelpCommand(python: string): CliInvocation {
  return { command: python, args: ['-m', 'mlflow', 'deployments', 'create', '--help'], env: {} };
}

/**
 * A target URI: a target name, optionally followed by ":/" and a target-specific part, naming an
 * installed target that can create deployments (not one of MLflow's endpoint clients).
 */
export function targetUriProblem(target: string, installed: readonly string[]): string | undefined {
  const name = target.split(':')[0] ?? '';
  const endpointOnly = endpointOnlyProblem(target);
  if (endpointOnly !== undefined) {
    return endpointOnly;
  }
  if (!installed.includes(name)) {
    return `"${name}" is not an installed deployment target (installed: ${installed.join(', ') || 'none'}).`;
  }
  return /^[a-z][\w.-]*(?::\/[\w./:@-]*)?$/i.test(target)
    ? undefined
    : 'A target URI is <target> or <target>:/<details>, e.g. sagemaker:/us-east-1.';
}

/** Parse "key=value" settings typed by the user into `-C` pairs; keys are identifiers. */
export function parseDeployConfig(
  text: string,
): { ok: true; pairs: [string, string][] } | { ok: false; error: string } {
  const pairs: [string, string][] = [];
  for (const part of text
    .split(/[\n,]/)
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    const key = eq > 0 ? part.slice(0, eq).trim() : '';
    if (!/^[A-Za-z_][\w.-]*$/.test(key)) {
      return { ok: false, error: `"${part}" is not key=value.` };
    }
    pairs.push([key, part.slice(eq + 1).trim()]);
  }
  return { ok: true, pairs };
}

function checkTargetAndName(target: string, installed: readonly string[], name: string): void {
  const targetProblem = targetUriProblem(target, installed);
  if (targetProblem) {
    throw new Error(targetProblem);
  }
  if (!/^[A-Za-z0-9][\w.-]{0,62}$/.test(name)) {
    throw new Error(
      'A deployment name is letters, digits, ".", "_" and "-", starting with a letter or digit.',
    );
  }
}

/**
 * `mlflow deployments get -t TARGET --name NAME`: exit 0 when the deployment exists, which is
 * how Deploy decides between `create` and `update` (every target plugin implements `get`).
 */
export function buildDeploymentGetCommand(opts: {
  readonly python: string;
  readonly target: string;
  readonly installedTargets: readonly string[];
  readonly name: string;
  readonly trackingUri?: string;
  readonly credentialEnv?: Readonly<Record<string, string>>;
}): CliInvocation {
  checkTargetAndName(opts.target, opts.installedTargets, opts.name);
  return {
    command: opts.python,
    args: ['-m', 'mlflow', 'deployments', 'get', '-t', opts.target, '--name', opts.name],
    env: childEnv(opts.trackingUri, opts.credentialEnv),
  };
}

/** `mlflow deployments create|update -t TARGET --name NAME -m URI [-C k=v …]`. */
export function buildDeployCommand(opts: {
  readonly python: string;
  readonly action: 'create' | 'update';
  readonly target: string;
  readonly installedTargets: readonly string[];
  readonly name: string;
  readonly modelUri: string;
  readonly config: readonly (readonly [string, string])[];
  readonly trackingUri?: string;
  readonly credentialEnv?: Readonly<Record<string, string>>;
}): CliInvocation {
  checkTargetAndName(opts.target, opts.installedTargets, opts.name);
  const uri = checkModelUri(opts.modelUri);
  if (!uri.ok) {
    throw new Error(uri.error);
  }
  return {
    command: opts.python,
    args: [
      '-m',
      'mlflow',
      'deployments',
      opts.action,
      '-t',
      opts.target,
      '--name',
      opts.name,
      '-m',
      opts.modelUri,
      ...opts.config.flatMap(([k, v]) => ['-C', `${k}=${v}`]),
    ],
    env: childEnv(opts.trackingUri, opts.credentialEnv),
  };
}
