/** Commands of the run detail and compare panels (registered in registerCompare.ts). */
export const COMPARE_COMMANDS = {
  openRun: 'mlflow.runs.open',
  openRunById: 'mlflow.runs.openById',
  addToComparison: 'mlflow.runs.addToComparison',
  compareRuns: 'mlflow.runs.compare',
  clearComparison: 'mlflow.runs.clearComparison',
  compareVersions: 'mlflow.models.compareVersions',
  compareLoggedModels: 'mlflow.experiments.compareLoggedModels',
} as const;
