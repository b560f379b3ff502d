import type { CliInvocation } from './cliInvocation';
import { checkModelUri } from './modelUri';
import { childEnv, ENV_MANAGERS, type EnvManager } from './serveCommand';

interface Common {
  readonly python: string;
  readonly modelUri: string;
  readonly envManager: EnvManager;
  readonly trackingUri?: string;
  /** Tracking-server credentials, passed only through the environment. */
  readonly credentialEnv?: Readonly<Record<string, string>>;
}

function checked(opts: Common): void {
  const r = checkModelUri(opts.modelUri);
  if (!r.ok) {
    throw new Error(r.error);
  }
  if (!ENV_MANAGERS.includes(opts.envManager)) {
    throw new Error(`Unknown environment manager "${opts.envManager}".`);
  }
}

function absolutePath(p: string, what: string): string {
  if (!(p.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(p)) || p.includes('\0')) {
    throw new Error(`The ${what} must be an absolute path.`);
  }
  return p;
}

/** `mlflow models predict -m URI -i input -t json|csv -o output --env-manager M`. */
export function buildPredictCommand(
  opts: Common & {
    readonly inputPath: string;
    readonly contentType: 'json' | 'csv';
    readonly outputPath: string;
  },
): CliInvocation {
  checked(opts);
  return {
    command: opts.python,
    args: [
      '-m',
      'mlflow',
      'models',
      'predict',
      '-m',
      opts.modelUri,
      '-i',
      absolutePath(opts.inputPath, 'input file'),
      '-t',
      opts.contentType,
      '-o',
      absolutePath(opts.outputPath, 'output file'),
      '--env-manager',
      opts.envManager,
    ],
    env: childEnv(opts.trackingUri, opts.credentialEnv),
  };
}

/** `mlflow models generate-dockerfile -m URI -d DIR --env-manager M`. */
export function buildGenerateDockerfileCommand(opts: Common & { readonly outputDir: string }): CliInvocation {
  checked(opts);
  return {
    command: opts.python,
    args: [
      '-m',
      'mlflow',
      'models',
      'generate-dockerfile',
      '-m',
      opts.modelUri,
      '-d',
      absolutePath(opts.outputDir, 'output folder'),
      '--env-manager',
      opts.envManager,
    ],
    env: childEnv(opts.trackingUri, opts.credentialEnv),
  };
}

/** Docker's own rule for a repository[:tag] name, lower case, no leading separator. */
export function imageNameProblem(name: string): string | undefined {
  return /^[a-z0-9]+(?:[._-]+[a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?$/.test(
    name,
  )
    ? undefined
    : 'An image name is lower-case letters, digits and . _ - / separators, with an optional :tag.';
}

/** `mlflow models build-docker -m URI -n NAME --env-manager M`. */
export function buildDockerCommand(opts: Common & { readonly imageName: string }): CliInvocation {
  checked(opts);
  const problem = imageNameProblem(opts.imageName);
  if (problem) {
    throw new Error(problem);
  }
  return {
    command: opts.python,
    args: [
      '-m',
      'mlflow',
      'models',
      'build-docker',
      '-m',
      opts.modelUri,
      '-n',
      opts.imageName,
      '--env-manager',
      opts.envManager,
    ],
    env: childEnv(opts.trackingUri, opts.credentialEnv),
  };
}
