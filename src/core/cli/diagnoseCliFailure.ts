/** Known ways an `mlflow` command fails, each with advice a user can act on. */
export type CliFailureKind = 'no-docker' | 'no-pyenv' | 'no-mlflow' | 'no-conda' | 'unknown';

/**
 * Turn the tail of a failed command's output into one clear sentence. The patterns are the ones
 * the real MLflow 2.17.2 CLI printed (test/fixtures/mlflow-2.17.2/cli/*).
 */
export function diagnoseCliFailure(output: string): { readonly kind: CliFailureKind; readonly message: string } {
  if (/DockerException|Error while fetching server API version|Cannot connect to the Docker daemon/.test(output)) {
    return { kind: 'no-docker', message: 'No Docker engine is available: start Docker (or install it) and try again.' };
  }
  if (/Could not find the pyenv binary/.test(output)) {
    return {
      kind: 'no-pyenv',
      message: 'The virtualenv environment manager needs pyenv, which is not installed. Install pyenv, or set mlflow.serve.envManager to "local" or "uv".',
    };
  }
  if (/Could not find Conda executable|conda: command not found/.test(output)) {
    return { kind: 'no-conda', message: 'The conda environment manager needs conda on PATH (or MLFLOW_CONDA_HOME).' };
  }
  if (/No module named mlflow/.test(output)) {
    return { kind: 'no-mlflow', message: 'MLflow is not installed for the selected Python: pip install mlflow.' };
  }
  const last = output
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.trim() !== '' && !/^\[exit code/.test(l));
  return { kind: 'unknown', message: last?.trim() ?? 'The command failed without output.' };
}
