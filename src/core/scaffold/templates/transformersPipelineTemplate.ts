import { fillTemplate } from '../fillTemplate';
import { modelClassName } from '../modelName';
import type { ScaffoldFile } from '../scaffoldTypes';
import { LOG_HELPERS, MIN_MLFLOW, NEXT_STEPS, PYTHON_ENV_YAML, logScriptHead } from './sharedFiles';

const MODEL_PY = `"""{{name}}: a Hugging Face transformers pipeline wrapped as an MLflow pyfunc.

Models from code: log_model.py logs this file (python_model="model.py"). The pipeline itself
(weights, tokenizer, config) is saved with save_pretrained and travels with the logged model as the
artifact "pipeline", so serving needs no download from the Hugging Face Hub.
"""
import mlflow
import pandas as pd
from transformers import pipeline

TASK = "text-classification"
SOURCE_MODEL = "distilbert/distilbert-base-uncased-finetuned-sst-2-english"


def _texts(model_input):
    """A DataFrame's "text" column (or its first column), a list of strings, or one string."""
    if isinstance(model_input, pd.DataFrame):
        column = "text" if "text" in model_input.columns else model_input.columns[0]
        return [str(value) for value in model_input[column].tolist()]
    if isinstance(model_input, str):
        return [model_input]
    return [str(value) for value in model_input]


class {{className}}(mlflow.pyfunc.PythonModel):
    """Runs the pipeline on each text and returns its label and score."""

    def load_context(self, context):
        # The saved pipeline folder when logged with one; otherwise the model's Hub name.
        source = context.artifacts.get("pipeline", SOURCE_MODEL)
        self.pipe = pipeline(TASK, model=source)

    def predict(self, context, model_input, params=None):
        results = self.pipe(_texts(model_input), truncation=True)
        return pd.DataFrame([{"label": r["label"], "score": float(r["score"])} for r in results])


mlflow.models.set_model({{className}}())
`;

const LOG_MODEL_PY = `{{head}}
import re
import sys
import tempfile
from pathlib import Path

import mlflow
import pandas as pd
from mlflow.models import infer_signature
from transformers import pipeline

from model import SOURCE_MODEL, TASK

HERE = Path(__file__).resolve().parent
MODEL_NAME = "{{name}}"


{{helpers}}

def main():
    check_mlflow_version()
    input_example = pd.DataFrame({"text": ["MLflow made this deployment painless."]})
    signature = infer_signature(input_example, pd.DataFrame({"label": ["POSITIVE"], "score": [0.99]}))
    with tempfile.TemporaryDirectory() as saved:
        # Download once here and ship the files with the model (MLflow copies the artifact folder).
        pipeline(TASK, model=SOURCE_MODEL).save_pretrained(saved)
        with mlflow.start_run(run_name=MODEL_NAME):
            model_info = mlflow.pyfunc.log_model(
                python_model=str(HERE / "model.py"),
                artifacts={"pipeline": saved},
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
transformers>=4.34
torch
pandas
`;

const README = `# {{name}} — a transformers pipeline as an MLflow pyfunc

A thin \`mlflow.pyfunc.PythonModel\` around a Hugging Face \`transformers\` pipeline (by default
\`text-classification\` with \`distilbert/distilbert-base-uncased-finetuned-sst-2-english\`). Change
\`TASK\` and \`SOURCE_MODEL\` in \`model.py\` for another task or checkpoint, and \`predict\` to shape
its output.

| file | what it is |
| --- | --- |
| \`model.py\` | \`{{className}}\`: \`load_context\` builds the pipeline from \`context.artifacts["pipeline"]\` (the saved pipeline) or, without it, by the model's Hub name; \`predict\` returns a DataFrame of \`label\` and \`score\`. Ends with \`mlflow.models.set_model(...)\`. |
| \`log_model.py\` | downloads the pipeline once, saves it with \`save_pretrained\`, logs \`model.py\` with that folder as an artifact, a signature and an input example; prints the model URI. |
| \`requirements.txt\`, \`python_env.yaml\` | the environment (\`torch\` is the backend the pipeline runs on). |

Why a wrapper rather than \`mlflow.transformers.log_model\`: the built-in flavour is the better choice
when the pipeline's own input and output are what you want to serve. Wrap it when you need to change
them — here, a flat \`label\`/\`score\` table — or add pre- and post-processing around the pipeline.

{{nextSteps}}`;

/** "Transformers pipeline": a thin PythonModel around a Hugging Face pipeline. */
export function transformersPipelineFiles(name: string): ScaffoldFile[] {
  const values = {
    name,
    className: modelClassName(name),
    head: logScriptHead(`Log the ${name} transformers pipeline as an MLflow pyfunc.`),
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
