import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

let folder: string | undefined;

/**
 * An empty folder of our own (created 0700 by mkdtemp) to start `python -m mlflow` in. For
 * `python -m`, Python puts the current folder first on `sys.path`, so started in a workspace
 * that holds an `mlflow/` package it would import and run that instead of MLflow — code from
 * a folder the user may never have trusted. `-P` (Python ≥ 3.11 only) or `-I` (which also drops
 * the user's site-packages, where `pip install --user` puts MLflow) are not usable everywhere;
 * a folder nobody else can write to is the same protection on every Python. Not the shared
 * temp folder itself: another local user could plant `/tmp/mlflow/` there.
 */
export function neutralFolder(): string {
  if (folder === undefined || !fs.existsSync(folder)) {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-vscode-'));
  }
  return folder;
}

/** Whether an argv runs MLflow as a module, the case a current folder can shadow. */
export function runsMlflowModule(args: readonly string[]): boolean {
  const m = args.indexOf('-m');
  return m >= 0 && args[m + 1] === 'mlflow';
}
