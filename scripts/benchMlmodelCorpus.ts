// Bench piece for the MLmodel language: validation time of every real MLmodel we have — the ones
// MLflow 2.17.2 wrote (test/fixtures/mlflow-2.17.2/**/MLmodel) and, when present, the shared corpus
// gathered from the MLflow repository, read where it lies (never copied into this project).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { benchValidation } from '../src/core/mlmodel/benchValidation';

const ROOT = path.resolve(__dirname, '..');
/** The shared corpus beside the checkout; absent on machines without it. */
export const CORPUS_DIR = path.resolve(ROOT, '../shared/fixtures/mlmodel-corpus-from-mlflow-repo');
const round = (x: number): number => Math.round(x * 1000) / 1000;

function findMlmodels(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? findMlmodels(p) : e.name === 'MLmodel' ? [p] : [];
    });
}

/** Every real MLmodel file: the recorded ones, then the corpus (its index file aside). */
export function realMlmodelFiles(): string[] {
  const recorded = findMlmodels(path.join(ROOT, 'test', 'fixtures', 'mlflow-2.17.2'));
  const corpus = fs.existsSync(CORPUS_DIR)
    ? fs
        .readdirSync(CORPUS_DIR)
        .filter((f) => f !== 'REPO-MLMODEL-PATHS.txt')
        .sort()
        .map((f) => path.join(CORPUS_DIR, f))
    : [];
  return [...recorded, ...corpus];
}

/** One file's figures. */
export interface FileTiming {
  readonly file: string;
  readonly bytes: number;
  readonly medianMs: number;
  readonly maxMs: number;
  readonly diagnostics: number;
}

/** Validate each real MLmodel `runs` times: per-file median and max, and the worst of them. */
export function mlmodelCorpusTiming(runs = 50): {
  files: number;
  worstMedianMs: number;
  worstMaxMs: number;
  typicalBudgetMs: number;
  withinBudget: boolean;
  perFile: FileTiming[];
} {
  const perFile = realMlmodelFiles().map((file): FileTiming => {
    const text = fs.readFileSync(file, 'utf8');
    const t = benchValidation(text, runs, () => performance.now());
    return {
      file: path.relative(ROOT, file),
      bytes: text.length,
      medianMs: round(t.median),
      maxMs: round(t.max),
      diagnostics: t.diagnostics,
    };
  });
  const worstMedianMs = Math.max(0, ...perFile.map((f) => f.medianMs));
  return {
    files: perFile.length,
    worstMedianMs,
    worstMaxMs: Math.max(0, ...perFile.map((f) => f.maxMs)),
    typicalBudgetMs: 5,
    withinBudget: worstMedianMs <= 5,
    perFile,
  };
}
