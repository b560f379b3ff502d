"""Fill a real MLflow tracking server for the real-MLflow tier, with that version's own client.

    python fill.py --tracking-uri http://127.0.0.1:PORT --model-dir DIR --summary FILE

Logs one experiment with one finished run (params, a 5-step metric, a text artifact and a
scikit-learn LogisticRegression on iris with a signature and a 2-row input example), registers the
model as version 1 of "iris-real" with the alias "champion", downloads the logged model folder to
DIR (the workspace's MLmodel folder) and writes FILE: the ids, names and URIs the in-host suite
looks for, and the predictions the model gives for its input example (what every serve path must
answer). The model is logged by the same MLflow that serves it, so no step mixes versions.
On MLflow 2.14 and later it also logs three traces in an experiment of their own (two OK traces
of a CHAIN span around a TOOL span, one ERROR trace whose span raised) and writes what the
client reads back of them: the tier checks that the extension's trace stores read the same. On
MLflow 3 it registers a prompt (a text and a chat version, an alias) and writes what the client
loads back, for the same check of the prompt registry.
"""
import argparse
import json
import os
import shutil
import tempfile
import time
import warnings

import mlflow
import pandas as pd
from mlflow.models import infer_signature
from mlflow.tracking import MlflowClient
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

warnings.filterwarnings("ignore")
MAJOR = int(mlflow.__version__.split(".")[0])
EXPERIMENT = "vscode-real-tier"
MODEL_NAME = "iris-real"
TRACE_EXPERIMENT = "vscode-real-tier-traces"
# The run's one metric history, step by step (the Runs Table's figures are checked against it).
ACCURACY = [0.6, 0.8, 0.9, 0.95, 0.97]


def log_traces():
    """Three traces through the version's own tracing API, and what its client reads of them."""
    experiment_id = mlflow.create_experiment(TRACE_EXPERIMENT)
    mlflow.set_experiment(experiment_id=experiment_id)

    @mlflow.trace(name="answer", span_type="CHAIN")
    def answer(question):
        with mlflow.start_span(name="lookup", span_type="TOOL") as span:
            span.set_inputs({"q": question})
            span.set_outputs({"a": question.upper()})
        return question.upper()

    @mlflow.trace(name="broken", span_type="TOOL")
    def broken():
        raise KeyError("order 1 not found")

    answer("first <b>question</b>")
    answer("second ‮question")
    try:
        broken()
    except KeyError:
        pass
    client = MlflowClient()
    deadline = time.time() + 60
    while True:
        found = client.search_traces(experiment_ids=[experiment_id], max_results=100)
        if len(found) >= 3 or time.time() > deadline:
            break
        time.sleep(0.5)
    traces = []
    for t in found:
        info = t.info
        trace_id = getattr(info, "trace_id", None) or info.request_id
        state = getattr(info, "state", None) or info.status
        traces.append({"id": trace_id, "state": str(getattr(state, "value", state)), "spans": len(t.data.spans)})
    return {"experimentId": experiment_id, "experimentName": TRACE_EXPERIMENT, "traces": traces}


PROMPT = "vscode-real-tier-prompt"


def log_prompts():
    """A text then a chat version of a prompt with an alias (MLflow 3), and what the client reads back."""
    mlflow.genai.register_prompt(name=PROMPT, template="Hello {{ name }}!", commit_message="first")
    mlflow.genai.register_prompt(
        name=PROMPT,
        template=[{"role": "system", "content": "Be {{ tone }}."}, {"role": "user", "content": "{{ q }}"}],
        commit_message="chat now",
        model_config={"temperature": 0.1},
    )
    mlflow.genai.set_prompt_alias(PROMPT, alias="prod", version=1)
    versions = []
    for v in (1, 2):
        p = mlflow.genai.load_prompt(f"prompts:/{PROMPT}/{v}")
        versions.append(
            {"version": str(p.version), "type": "text" if isinstance(p.template, str) else "chat", "commitMessage": p.commit_message}
        )
    prod = mlflow.genai.load_prompt(f"prompts:/{PROMPT}@prod")
    return {"name": PROMPT, "versions": versions, "aliases": {"prod": str(prod.version)}}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--tracking-uri", required=True)
    p.add_argument("--model-dir", required=True)
    p.add_argument("--summary", required=True)
    a = p.parse_args()
    t0 = time.time()
    mlflow.set_tracking_uri(a.tracking_uri)
    experiment_id = mlflow.create_experiment(EXPERIMENT)
    iris = load_iris(as_frame=True)
    x, y = iris.data, iris.target
    clf = LogisticRegression(max_iter=300).fit(x, y)
    # rows 0 and 100: one setosa, one virginica, so the two predictions differ
    example = x.iloc[[0, 100]].reset_index(drop=True)
    expected = [int(v) for v in clf.predict(example)]
    signature = infer_signature(example, clf.predict(example))
    with mlflow.start_run(experiment_id=experiment_id, run_name="iris-logreg") as run:
        mlflow.log_params({"max_iter": 300, "C": 1.0})
        for step, acc in enumerate(ACCURACY):
            mlflow.log_metric("accuracy", acc, step=step)
        mlflow.log_text("filled by test/real/fill.py\n", "notes/readme.txt")
        where = {"name": "model"} if MAJOR >= 3 else {"artifact_path": "model"}
        # Requirements given, not inferred: inference loads the model in a subprocess (~10 s here).
        info = mlflow.sklearn.log_model(
            clf,
            signature=signature,
            input_example=example,
            registered_model_name=MODEL_NAME,
            pip_requirements=[f"mlflow=={mlflow.__version__}", "scikit-learn", "pandas"],
            **where,
        )
    client = MlflowClient()
    client.set_registered_model_alias(MODEL_NAME, "champion", "1")
    logged_model_id = getattr(info, "model_id", None)
    with tempfile.TemporaryDirectory() as tmp:
        shutil.move(mlflow.artifacts.download_artifacts(artifact_uri=info.model_uri, dst_path=tmp), a.model_dir)
    if not os.path.isfile(os.path.join(a.model_dir, "MLmodel")):
        raise SystemExit(f"the downloaded model folder {a.model_dir} has no MLmodel")
    summary = {
        "mlflowVersion": mlflow.__version__,
        "experimentId": experiment_id,
        "experimentName": EXPERIMENT,
        "runId": run.info.run_id,
        "runName": "iris-logreg",
        "params": {"max_iter": "300", "C": "1.0"},
        "metricKey": "accuracy",
        "metricSteps": len(ACCURACY),
        "metricValues": ACCURACY,
        "modelUri": info.model_uri,
        "runModelUri": f"runs:/{run.info.run_id}/model",
        "loggedModelId": logged_model_id,
        "registeredModel": MODEL_NAME,
        "modelVersion": "1",
        "alias": "champion",
        "columns": list(example.columns),
        "exampleRows": example.values.tolist(),
        "expectedPredictions": expected,
        "traces": log_traces() if tuple(int(v) for v in mlflow.__version__.split(".")[:2]) >= (2, 14) else None,
        "prompts": log_prompts() if MAJOR >= 3 else None,
        "seconds": round(time.time() - t0, 2),
    }
    with open(a.summary, "w") as f:
        json.dump(summary, f, indent=2)


if __name__ == "__main__":
    main()
