import type { CliInvocation } from './cliInvocation';
import { childEnv, ENV_MANAGERS, type EnvManager } from './serveCommand';

/** A parameter as the MLproject declares it. */
export interface DeclaredParameter {
  readonly type: string;
  readonly default?: string;
}

/** What `mlflow run` is asked to do. */
export interface ProjectRunOptions {
  /** The Python that has MLflow installed; MLflow runs as `python -m mlflow`. */
  readonly python: string;
  /** Absolute path of the directory holding the MLproject. */
  readonly projectDir: string;
  readonly entryPoint: string;
  /** The entry point's declared parameters, to check the values against. */
  readonly declared: Readonly<Record<string, DeclaredParameter>>;
  /** Values to pass as `-P key=value`; declared ones are checked against their type. */
  readonly values: Readonly<Record<string, string>>;
  readonly experimentName?: string;
  readonly envManager?: EnvManager;
  /** Passed to the child as MLFLOW_TRACKING_URI, so the run lands on the active connection. */
  readonly trackingUri?: string;
  readonly credentialEnv?: Readonly<Record<string, string>>;
}

/** Parameter names `mlflow run -P` can carry without ambiguity; a leading "-" would read as an option in the command. */
const PARAMETER_KEY = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/;

/** Why a value does not fit its declared type, or undefined when it fits. */
export function checkParameterValue(type: string, value: string): string | undefined {
  if (value.includes('\0')) {
    return 'contains a NUL character';
  }
  // A line break would let a value forge the "=== Run (ID …) succeeded ===" lines we read back.
  if (/[\r\n\u2028\u2029]/.test(value)) {
    return 'contains a line break';
  }
  if (type === 'float' && (value.trim() === '' || !Number.isFinite(Number(value)))) {
    return 'is not a number';
  }
  if (type === 'int' && !/^[-+]?\d+$/.test(value.trim())) {
    return 'is not a whole number';
  }
  if (type === 'uri' && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(value)) {
    // mlflow run refuses a uri parameter without a scheme ("Expected URI for parameter …").
    return 'is not a URI (it needs a scheme such as s3:, https: or file:)';
  }
  return undefined;
}

function refuseOptionLike(what: string, value: string): void {
  // Anything starting with "-" in a value position could be read as another option by a parser.
  if (value === '' || value.startsWith('-') || value.includes('\0')) {
    throw new Error(`The ${what} "${value}" cannot be passed to mlflow run.`);
  }
}

/**
 * `python -m mlflow run <dir> -e <entry> -P k=v … [--experiment-name …] [--env-manager …]`.
 * Every value is one argv element glued to its key (`-P k=v`), so no value can become an option.
 * Throws on input that must never reach a command line, or values that do not fit their type.
 */
export function buildProjectRunCommand(opts: ProjectRunOptions): CliInvocation {
  refuseOptionLike('project directory', opts.projectDir);
  refuseOptionLike('entry point', opts.entryPoint);
  const args = ['-m', 'mlflow', 'run', opts.projectDir, '-e', opts.entryPoint];
  for (const [key, parameter] of Object.entries(opts.declared)) {
    if (opts.values[key] === undefined && parameter.default === undefined) {
      throw new Error(`The parameter "${key}" has no default and needs a value.`);
    }
  }
  for (const [key, value] of Object.entries(opts.values)) {
    if (!PARAMETER_KEY.test(key)) {
      throw new Error(`"${key}" is not a valid parameter name (letters, digits, "_", "." and "-").`);
    }
    const declared = Object.hasOwn(opts.declared, key) ? opts.declared[key] : undefined;
    const problem = checkParameterValue(declared?.type ?? 'string', value);
    if (problem !== undefined) {
      throw new Error(`The value of "${key}" ${problem}.`);
    }
    args.push('-P', `${key}=${value}`);
  }
  if (opts.experimentName !== undefined) {
    refuseOptionLike('experiment name', opts.experimentName);
    args.push('--experiment-name', opts.experimentName);
  }
  if (opts.envManager !== undefined) {
    if (!ENV_MANAGERS.includes(opts.envManager)) {
      throw new Error(`Unknown environment manager "${opts.envManager}".`);
    }
    args.push('--env-manager', opts.envManager);
  }
  return { command: opts.python, args, env: childEnv(opts.trackingUri, opts.credentialEnv) };
}
