import { LOGGED_MODEL_URI_PREFIX, SCAFFOLD_MARKER } from '../logScript';

/**
 * `python_env.yaml` in MLflow's format (`python`, `build_dependencies`, `dependencies`, the same
 * keys MLflow's `_PythonEnv` writes next to every logged model), pointing at requirements.txt so
 * the two never disagree. Used by `--env-manager virtualenv|uv` when the project is re-created.
 */
export const PYTHON_ENV_YAML = `python: "3.11"
build_dependencies:
  - pip
  - setuptools
  - wheel
dependencies:
  - -r requirements.txt
`;

/** The lowest MLflow the templates run on: models from code arrived in MLflow 2.12.2. */
export const MIN_MLFLOW = '2.12.2';

/**
 * The Python helpers every `log_model.py` shares: the version check, the MLflow 2/3 difference
 * in how a logged model is named, and the recognizable URI line the editor reads.
 */
export const LOG_HELPERS = `def check_mlflow_version():
    """Models from code (python_model given as a file path) needs MLflow ${MIN_MLFLOW} or later."""
    parts = [int(p) for p in re.findall(r"\\d+", mlflow.__version__)[:3]]
    if tuple(parts) < (2, 12, 2):
        sys.exit(
            f"MLflow {mlflow.__version__} is too old: this project needs MLflow ${MIN_MLFLOW} or later "
            "(pip install -r requirements.txt)."
        )


def name_kwargs():
    """MLflow 3 names a logged model with \`name=\`; MLflow 2 calls the same argument \`artifact_path=\`."""
    major = int(mlflow.__version__.split(".")[0])
    if major >= 3:
        return {"name": MODEL_NAME}
    return {"artifact_path": MODEL_NAME}


def report(model_info):
    """Print the logged model's URI on its own line: the editor offers to serve it from there."""
    print(f"Logged {MODEL_NAME} to {mlflow.get_tracking_uri()}")
    print(f"${LOGGED_MODEL_URI_PREFIX}{model_info.model_uri}", flush=True)
`;

/** The head of every `log_model.py`: the marker line the editor looks for, then the docstring. */
export function logScriptHead(summary: string): string {
  return `${SCAFFOLD_MARKER}
# Run it with "MLflow: Log Model" (the CodeLens above this line) or: python log_model.py
"""${summary}

The model is logged to the tracking server in MLFLOW_TRACKING_URI (the editor sets it to the active
connection) under the experiment in MLFLOW_EXPERIMENT_NAME, if set.
"""`;
}

/** The README section every template ends with: the extension's commands for the next steps. */
export const NEXT_STEPS = `## Next steps in the editor

1. **Log** — open \`log_model.py\` and click **MLflow: Log Model** above its first line (a trusted
   workspace is needed: logging runs this project's code). The output streams to the "MLflow CLI"
   channel; the script prints \`${LOGGED_MODEL_URI_PREFIX}<uri>\` at the end.
2. **Serve** — when the logged model's URI appears, click **Serve** on the notification (or run
   **MLflow: Serve Model Locally…** and paste the URI; **Copy URI** puts it on the clipboard). The
   server binds 127.0.0.1 and shows up in the Serving view.
3. **Try** — **MLflow: Try the Endpoint…** opens a request pre-filled from the input example that
   \`log_model.py\` logged; **MLflow: Predict with Example** runs \`mlflow models predict\` on it.
4. **Deploy** — **MLflow: Build Docker Image…**, **MLflow: Generate Dockerfile…** or
   **MLflow: Deploy Model…** (any \`mlflow deployments\` target you have installed) on the logged model.

Without the editor: \`MLFLOW_TRACKING_URI=<uri> python log_model.py\`, then
\`mlflow models serve -m <printed uri> --env-manager local -p 5001\`.
`;
