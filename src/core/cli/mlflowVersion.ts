import type { CliInvocation } from './cliInvocation';

/** `python -m mlflow --version`: the check that MLflow is installed for an interpreter. */
export function buildVersionCommand(python: string): CliInvocation {
  return { command: python, args: ['-m', 'mlflow', '--version'], env: {} };
}

/**
 * Read the version out of `mlflow --version` ("mlflow, version 2.17.2"; older releases print
 * "mlflow, version 1.30.0" the same way). Undefined when the output is not MLflow's.
 */
export function parseMlflowVersion(stdout: string): string | undefined {
  return /\bmlflow, version (\d+\.\d+\.\d+(?:[.-]?\w+)*)/i.exec(stdout)?.[1];
}

/**
 * The advice shown when the interpreter has no MLflow: what to install, with which Python, and
 * the setting that points the extension at a Python that has it.
 */
export function missingMlflowAdvice(python: string, stderr: string): string {
  if (/No module named mlflow/i.test(stderr)) {
    return `MLflow is not installed for ${python}. Install it with "${python} -m pip install mlflow", or set mlflow.pythonPath to a Python that has it.`;
  }
  if (/ENOENT|not found/i.test(stderr)) {
    return `No Python interpreter at ${python}. Set mlflow.pythonPath to a Python that has MLflow, or pick one with "Python: Select Interpreter".`;
  }
  return `${python} -m mlflow --version failed (${stderr.trim().split('\n').slice(-1)[0] ?? 'no output'}). Set mlflow.pythonPath to a Python that has MLflow.`;
}
