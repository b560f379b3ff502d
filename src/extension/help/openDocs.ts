import * as vscode from 'vscode';

export const MLFLOW_DOCS_URL = 'https://mlflow.org/docs/latest/';

/** "MLflow: Open Documentation": MLflow's own docs in the browser. */
export async function openDocs(): Promise<boolean> {
  return vscode.env.openExternal(vscode.Uri.parse(MLFLOW_DOCS_URL));
}
