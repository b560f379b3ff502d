/** Commands linking runs to their code (registered in src/extension/code/registerCode.ts). */
export const CODE_COMMANDS = {
  openAtCommit: 'mlflow.code.openAtCommit',
  compareWithWorkspace: 'mlflow.code.compareWithWorkspace',
  compareRuns: 'mlflow.code.compareRuns',
  openExperiment: 'mlflow.code.openExperiment',
  compareLatestRuns: 'mlflow.code.compareLatestRuns',
} as const;
