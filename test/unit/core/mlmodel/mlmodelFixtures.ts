import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root, from this file's place in test/unit/core/mlmodel. */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** Real MLmodel files MLflow 2.17.2 wrote (copied into the project by the recording scripts). */
export function recordedMlmodels(): string[] {
  const dir = path.join(REPO_ROOT, 'test/fixtures/mlflow-2.17.2/mlmodel');
  return fs
    .readdirSync(dir)
    .map((d) => path.join(dir, d, 'MLmodel'))
    .filter((f) => fs.existsSync(f));
}

/** The project's own hand-written samples, by folder name prefix. */
export function samples(prefix: 'valid-' | 'invalid-'): string[] {
  const dir = path.join(REPO_ROOT, 'test/fixtures/mlmodel-samples');
  return fs
    .readdirSync(dir)
    .filter((d) => d.startsWith(prefix))
    .map((d) => path.join(dir, d, 'MLmodel'));
}

/** The shared corpus of MLmodel files found in the MLflow repository, read in place (never copied). */
export const CORPUS_DIR = path.resolve(REPO_ROOT, '../shared/fixtures/mlmodel-corpus-from-mlflow-repo');

/** Files of the shared corpus, or none when the folder is absent on this machine. */
export function corpusFiles(): string[] {
  if (!fs.existsSync(CORPUS_DIR)) {
    return [];
  }
  return fs
    .readdirSync(CORPUS_DIR)
    .filter((f) => f !== 'REPO-MLMODEL-PATHS.txt')
    .map((f) => path.join(CORPUS_DIR, f));
}
