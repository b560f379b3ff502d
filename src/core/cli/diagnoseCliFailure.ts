/** Known ways an `mlflow` command fails, each with advice a user can act on. */
export type CliFailureKind =
  'no-docker' | 'no-pyenv' | 'no-mlflow' | 'no-conda' | 'not-implemented' | 'no-module' | 'unknown';

/** What a deployment plugin's method does, for "this target cannot …". */
const PLUGIN_METHODS: Readonly<Record<string, string>> = {
  create_deployment: 'create deployments',
  update_deployment: 'update deployments',
  delete_deployment: 'delete deployments',
  list_deployments: 'list deployments',
  get_deployment: 'describe deployments',
  predict: 'answer predictions',
  explain: 'explain predictions',
};

/** Modules whose pip package has another name. */
const PACKAGE_OF_MODULE: Readonly<Record<string, string>> = {
  sklearn: 'scikit-learn',
  yaml: 'pyyaml',
  PIL: 'pillow',
  cv2: 'opencv-python',
};

/**
 * Turn the tail of a failed command's output into one clear sentence. The patterns are the ones
 * the real MLflow 2.17.2 CLI printed (test/fixtures/mlflow-2.17.2/cli/*).
 */
export function diagnoseCliFailure(output: string): {
  readonly kind: CliFailureKind;
  readonly message: string;
} {
  if (
    /DockerException|Error while fetching server API version|Cannot connect to the Docker daemon/.test(output)
  ) {
    return {
      kind: 'no-docker',
      message: 'No Docker engine is available: start Docker (or install it) and try again.',
    };
  }
  if (/Could not find the pyenv binary/.test(output)) {
    return {
      kind: 'no-pyenv',
      message:
        'The virtualenv environment manager needs pyenv, which is not installed. Install pyenv, or set mlflow.serve.envManager to "local" or "uv".',
    };
  }
  if (/Could not find Conda executable|conda: command not found/.test(output)) {
    return {
      kind: 'no-conda',
      message: 'The conda environment manager needs conda on PATH (or MLFLOW_CONDA_HOME).',
    };
  }
  if (/No module named mlflow/.test(output)) {
    return {
      kind: 'no-mlflow',
      message: 'MLflow is not installed for the selected Python: pip install mlflow.',
    };
  }
  // A deployment plugin that leaves a method out raises a bare NotImplementedError from it
  // (deployments-create-databricks.txt, deployments-list-http.txt): name what the target cannot
  // do. Only under `mlflow deployments` (its cli.py frame): a model's own code may raise it too.
  const notImplemented = /, in (\w+)\r?\n\s*raise NotImplementedError\b[^\n]*\r?\nNotImplementedError\b/.exec(
    output,
  );
  if (notImplemented && /mlflow[\\/]deployments[\\/]cli\.py/.test(output)) {
    const method = notImplemented[1] ?? '';
    const what = PLUGIN_METHODS[method] ?? `do this (${method} is not implemented)`;
    return {
      kind: 'not-implemented',
      message: `This target cannot ${what}: its MLflow plugin does not implement ${method}.`,
    };
  }
  const missing = /ModuleNotFoundError: No module named '([\w.]+)'/.exec(output);
  if (missing?.[1] !== undefined) {
    const mod = missing[1].split('.')[0] ?? missing[1];
    const pkg = PACKAGE_OF_MODULE[mod] ?? mod;
    return {
      kind: 'no-module',
      message: `The selected Python lacks the module "${mod}" that this needs: pip install ${pkg}.`,
    };
  }
  const last = output
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.trim() !== '' && !/^\[exit code/.test(l));
  return { kind: 'unknown', message: last?.trim() ?? 'The command failed without output.' };
}
