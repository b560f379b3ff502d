"""The real-MLflow tier's project entry point: logs one metric into the run `mlflow run` made."""
import argparse

import mlflow

parser = argparse.ArgumentParser()
parser.add_argument("--alpha", type=float, required=True)
args = parser.parse_args()
with mlflow.start_run():
    mlflow.log_metric("score", round(1 - args.alpha, 6))
