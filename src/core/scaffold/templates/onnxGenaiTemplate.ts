import { fillTemplate } from '../fillTemplate';
import { modelClassName } from '../modelName';
import type { ScaffoldFile } from '../scaffoldTypes';
import { LOG_HELPERS, MIN_MLFLOW, NEXT_STEPS, PYTHON_ENV_YAML, logScriptHead } from './sharedFiles';

const MODEL_PY = `"""{{name}}: a generative ONNX language model (such as Phi-3 mini) wrapped as an MLflow pyfunc.

Models from code: log_model.py logs this file itself (python_model="model.py"), and MLflow runs it
again when the model is loaded; nothing is pickled. The ONNX model folder travels with the logged
model as the artifact "model".
"""
import mlflow
import onnxruntime_genai as og
import pandas as pd

# Phi-3's chat format; change it for another model family (see its genai_config.json / model card).
PROMPT_TEMPLATE = "<|user|>\\n{prompt} <|end|>\\n<|assistant|>"
DEFAULT_MAX_LENGTH = 256


def _prompts(model_input):
    """A DataFrame's "prompt" column (or its first column), a list of strings, or one string."""
    if isinstance(model_input, pd.DataFrame):
        column = "prompt" if "prompt" in model_input.columns else model_input.columns[0]
        return [str(value) for value in model_input[column].tolist()]
    if isinstance(model_input, str):
        return [model_input]
    return [str(value) for value in model_input]


class {{className}}(mlflow.pyfunc.PythonModel):
    """Generates a completion for each prompt with onnxruntime-genai."""

    def load_context(self, context):
        # The folder holds genai_config.json, the .onnx graph, its external weights and the tokenizer.
        self.model = og.Model(context.artifacts["model"])
        self.tokenizer = og.Tokenizer(self.model)

    def predict(self, context, model_input, params=None):
        max_length = int((params or {}).get("max_length", DEFAULT_MAX_LENGTH))
        completions = []
        for prompt in _prompts(model_input):
            tokens = self.tokenizer.encode(PROMPT_TEMPLATE.format(prompt=prompt))
            search = og.GeneratorParams(self.model)
            # max_length counts the prompt's tokens too
            search.set_search_options(max_length=max_length + len(tokens))
            generator = og.Generator(self.model, search)
            generator.append_tokens(tokens)
            while not generator.is_done():
                generator.generate_next_token()
            completions.append(self.tokenizer.decode(generator.get_sequence(0)[len(tokens):]))
        return completions


mlflow.models.set_model({{className}}())
`;

const LOG_MODEL_PY = `{{head}}
import os
import re
import sys
from pathlib import Path

import mlflow
import pandas as pd
from mlflow.models import infer_signature

HERE = Path(__file__).resolve().parent
MODEL_NAME = "{{name}}"
# The ONNX model folder (genai_config.json, model.onnx, model.onnx.data, tokenizer files).
MODEL_DIR = Path(os.environ.get("ONNX_MODEL_DIR", HERE / "onnx-model"))


{{helpers}}

def main():
    check_mlflow_version()
    if not (MODEL_DIR / "genai_config.json").is_file():
        sys.exit(
            f"No ONNX GenAI model in {MODEL_DIR} (genai_config.json is missing). Download one, e.g.\\n"
            "  huggingface-cli download microsoft/Phi-3-mini-4k-instruct-onnx "
            "--include 'cpu_and_mobile/cpu-int4-rtn-block-32-acc-level-4/*' --local-dir phi3\\n"
            "and set ONNX_MODEL_DIR to phi3/cpu_and_mobile/cpu-int4-rtn-block-32-acc-level-4, "
            "or copy that folder's files to onnx-model/."
        )
    input_example = pd.DataFrame({"prompt": ["What is MLflow?"]})
    # A representative answer: the signature records a list of strings out, and a max_length param.
    signature = infer_signature(input_example, ["MLflow is an open source platform for the ML lifecycle."], params={"max_length": 256})
    with mlflow.start_run(run_name=MODEL_NAME):
        model_info = mlflow.pyfunc.log_model(
            python_model=str(HERE / "model.py"),
            artifacts={"model": str(MODEL_DIR)},
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
onnxruntime-genai>=0.6
pandas
`;

const README = `# {{name}} — an ONNX language model as an MLflow pyfunc

Wraps a generative ONNX model such as **Phi-3 mini** (\`microsoft/Phi-3-mini-4k-instruct-onnx\`) in an
\`mlflow.pyfunc.PythonModel\` so it can be logged, served and deployed like any other MLflow model.

| file | what it is |
| --- | --- |
| \`model.py\` | \`{{className}}\`: \`load_context\` opens the model folder from \`context.artifacts["model"]\`; \`predict\` takes a DataFrame with a \`prompt\` column, a list of prompts or one prompt, and returns one completion per prompt. It ends with \`mlflow.models.set_model(...)\` (models from code). |
| \`log_model.py\` | logs \`model.py\` with the ONNX folder as an artifact, a signature (\`prompt\` in, strings out, a \`max_length\` param) and an input example; prints the model URI. |
| \`requirements.txt\`, \`python_env.yaml\` | the environment, also recorded with the logged model. |

## Why onnxruntime-genai and not onnxruntime.InferenceSession

An \`InferenceSession\` runs one forward pass of the graph. A language model needs a loop around it:
tokenize the prompt, run the graph once per new token while carrying the key/value cache from step to
step, pick each next token (greedy or sampled), stop at the end token, and decode. onnxruntime-genai
is ONNX Runtime's library for exactly that loop ("inference with ONNX Runtime, logits processing,
search and sampling, and KV cache management"), and Microsoft publishes Phi-3's ONNX builds for it:
each build is a folder with \`genai_config.json\`, the graph, its external weights and the tokenizer.
So the artifact is the folder, and \`og.Model(folder)\` loads all of it. For an ONNX model that answers
in a single pass (a classifier, an embedding model), MLflow's built-in \`mlflow.onnx\` flavour or an
\`onnxruntime.InferenceSession\` in \`load_context\` is the simpler choice.

## Get the model

\`\`\`
pip install -r requirements.txt
huggingface-cli download microsoft/Phi-3-mini-4k-instruct-onnx --include 'cpu_and_mobile/cpu-int4-rtn-block-32-acc-level-4/*' --local-dir phi3
export ONNX_MODEL_DIR=$PWD/phi3/cpu_and_mobile/cpu-int4-rtn-block-32-acc-level-4
\`\`\`

(or copy that folder's files into \`onnx-model/\` here). Use \`onnxruntime-genai-cuda\` and a CUDA build for a GPU.

{{nextSteps}}`;

/** "Wrap a model file": a generative ONNX model (the Phi-3 case) through onnxruntime-genai. */
export function onnxGenaiFiles(name: string): ScaffoldFile[] {
  const values = {
    name,
    className: modelClassName(name),
    head: logScriptHead(`Log the ${name} ONNX language model as an MLflow pyfunc.`),
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
