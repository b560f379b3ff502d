import { fillTemplate } from '../fillTemplate';
import { modelClassName } from '../modelName';
import type { ScaffoldFile } from '../scaffoldTypes';
import { LOG_HELPERS, MIN_MLFLOW, NEXT_STEPS, PYTHON_ENV_YAML, logScriptHead } from './sharedFiles';

const MODEL_PY = `"""{{name}}: a custom MLflow model written as code (models from code).

log_model.py logs this file itself (python_model="model.py"); MLflow runs it again when the model
is loaded, so the model is whatever \`mlflow.models.set_model\` is given below. Nothing is pickled:
the code you read here is the code that serves. Replace the rules with your own logic (calls to a
service, a prompt template, a small hand-written model).
"""
import mlflow
import pandas as pd

# Placeholder logic: route a support message to a team by keyword.
RULES = {
    "billing": ("invoice", "refund", "charge", "payment"),
    "technical": ("error", "crash", "bug", "install"),
}
FALLBACK = "general"


def _texts(model_input):
    """A DataFrame's "text" column (or its first column), a list of strings, or one string."""
    if isinstance(model_input, pd.DataFrame):
        column = "text" if "text" in model_input.columns else model_input.columns[0]
        return [str(value) for value in model_input[column].tolist()]
    if isinstance(model_input, str):
        return [model_input]
    return [str(value) for value in model_input]


class {{className}}(mlflow.pyfunc.PythonModel):
    """Labels each text with the first team whose keywords it mentions."""

    def load_context(self, context):
        # Nothing to load: the rules are code. Read context.artifacts here if you add files.
        self.rules = RULES

    def predict(self, context, model_input, params=None):
        labels = []
        for text in _texts(model_input):
            lowered = text.lower()
            label = next((team for team, words in self.rules.items() if any(w in lowered for w in words)), FALLBACK)
            labels.append(label)
        return labels


mlflow.models.set_model({{className}}())
`;

const LOG_MODEL_PY = `{{head}}
import re
import sys
from pathlib import Path

import mlflow
import pandas as pd
from mlflow.models import infer_signature

HERE = Path(__file__).resolve().parent
MODEL_NAME = "{{name}}"


{{helpers}}

def main():
    check_mlflow_version()
    input_example = pd.DataFrame({"text": ["I was charged twice for my invoice", "The app crashes on start"]})
    signature = infer_signature(input_example, ["billing", "technical"])
    with mlflow.start_run(run_name=MODEL_NAME):
        model_info = mlflow.pyfunc.log_model(
            python_model=str(HERE / "model.py"),
            signature=signature,
            input_example=input_example,
            pip_requirements=str(HERE / "requirements.txt"),
            **name_kwargs(),
        )
    report(model_info)


if __name__ == "__main__":
    main()
`;

const REQUIREMENTS = `mlflow>=${MIN_MLFLOW},<4
pandas
`;

const README = `# {{name}} — a custom model from code

A custom \`mlflow.pyfunc.PythonModel\` logged the "models from code" way: \`log_model.py\` passes the
path of \`model.py\` as \`python_model\`, and \`model.py\` ends with \`mlflow.models.set_model(...)\`.
MLflow stores the file, not a pickle, and runs it again when the model is loaded — so what you
review is what serves, and nothing breaks when cloudpickle or Python versions change. Use it for
logic without trained weights: rules, a prompt template around a hosted LLM, a call to a service.

| file | what it is |
| --- | --- |
| \`model.py\` | \`{{className}}\`: \`predict\` takes a DataFrame with a \`text\` column, a list of strings or one string, and returns one label per text. |
| \`log_model.py\` | logs \`model.py\` with a signature (\`text\` in, strings out) and an input example; prints the model URI. |
| \`requirements.txt\`, \`python_env.yaml\` | the environment, also recorded with the logged model. |

Needs MLflow ${MIN_MLFLOW} or later (the first release with models from code); \`pip install -r requirements.txt\`.

{{nextSteps}}`;

/** "Models from code": a PythonModel defined in model.py and logged by its path. */
export function modelsFromCodeFiles(name: string): ScaffoldFile[] {
  const values = {
    name,
    className: modelClassName(name),
    head: logScriptHead(`Log the ${name} model (models from code) as an MLflow pyfunc.`),
    helpers: LOG_HELPERS,
    nextSteps: NEXT_STEPS,
  };
  return [
    { relativePath: 'model.py', content: fillTemplate(MODEL_PY, values) },
    { relativePath: 'log_model.py', content: fillTemplate(LOG_MODEL_PY, values) },
    { relativePath: 'requirements.txt', content: REQUIREMENTS },
    { relativePath: 'python_env.yaml', content: PYTHON_ENV_YAML },
    { relativePath: 'README.md', content: fillTemplate(README, values) },
  ];
}
