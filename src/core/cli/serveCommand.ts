import type { CliInvocation } from './cliInvocation';
import { checkModelUri } from './modelUri';

/** The environment managers `mlflow models serve --env-manager` accepts. */
export const ENV_MANAGERS = ['local', 'virtualenv', 'uv', 'conda'] as const;
export type EnvManager = (typeof ENV_MANAGERS)[number];

export interface ServeOptions {
  /** The Python that has MLflow installed; MLflow runs as `python -m mlflow`. */
  readonly python: string;
  readonly modelUri: string;
  readonly port: number;
  readonly envManager: EnvManager;
  readonly workers?: number;
  /** Passed to the child as MLFLOW_TRACKING_URI so models:/ and runs:/ URIs resolve. */
  readonly trackingUri?: string;
  /** Credentials for the tracking server, passed only through the environment. */
  readonly credentialEnv?: Readonly<Record<string, string>>;
}

/**
 * `python -m mlflow models serve …`, always bound to 127.0.0.1: a model server runs the model's
 * code and has no authentication, so it must not be reachable from the network.
 * Throws on input that must never reach a command line.
 */
export function buildServeCommand(opts: ServeOptions): CliInvocation {
  const uri = checkModelUri(opts.modelUri);
  if (!uri.ok) {
    throw new Error(uri.error);
  }
  checkPort(opts.port);
  if (!ENV_MANAGERS.includes(opts.envManager)) {
    throw new Error(`Unknown environment manager "${opts.envManager}".`);
  }
  const workers = opts.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    throw new Error('Workers must be a whole number from 1 to 64.');
  }
  return {
    command: opts.python,
    args: [
      '-m',
      'mlflow',
      'models',
      'serve',
      '-m',
      opts.modelUri,
      '--env-manager',
      opts.envManager,
      '-h',
      '127.0.0.1',
      '-p',
      String(opts.port),
      '-w',
      String(workers),
    ],
    env: childEnv(opts.trackingUri, opts.credentialEnv),
  };
}

/** A TCP port a user process may listen on. */
export function checkPort(port: number): void {
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    throw new Error(`Port ${String(port)} is not a usable port (1024–65535).`);
  }
}

/** The child environment: the tracking URI and credentials, nothing on the command line. */
export function childEnv(
  trackingUri: string | undefined,
  credentialEnv: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  const env: Record<string, string> = { ...(credentialEnv ?? {}) };
  if (trackingUri) {
    env.MLFLOW_TRACKING_URI = trackingUri;
  }
  return env;
}
