import type { CliInvocation } from '../cli/cliInvocation';
import { childEnv } from '../cli/serveCommand';

/** What running a scaffolded `log_model.py` needs. */
export interface LogScriptOptions {
  /** An interpreter that has MLflow (the one serving uses). */
  readonly python: string;
  /** Absolute path of the `log_model.py` to run. */
  readonly scriptPath: string;
  readonly trackingUri?: string;
  /** Tracking-server credentials, passed only through the environment. */
  readonly credentialEnv?: Readonly<Record<string, string>>;
}

/**
 * `python /abs/path/log_model.py`, with the active connection's tracking URI and credentials in
 * the environment only. The script path must be absolute (so it can never be read as an option)
 * and must be a file named log_model.py. PYTHONUNBUFFERED makes the log stream as it is written.
 */
export function buildLogScriptCommand(opts: LogScriptOptions): CliInvocation {
  const p = opts.scriptPath;
  const absolute = p.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(p);
  if (!absolute || p.includes('\0') || /[\r\n]/.test(p)) {
    throw new Error('The log_model.py path must be an absolute file path.');
  }
  if (p.split(/[\\/]/).pop() !== 'log_model.py') {
    throw new Error('Only a scaffolded log_model.py can be run this way.');
  }
  return {
    command: opts.python,
    args: [p],
    env: { ...childEnv(opts.trackingUri, opts.credentialEnv), PYTHONUNBUFFERED: '1' },
  };
}
