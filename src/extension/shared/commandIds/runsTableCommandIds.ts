/** Commands of the runs table (registered in runsTable/registerRunsTable.ts). */
export const RUNS_TABLE_COMMANDS = {
  open: 'mlflow.experiments.openRunsTable',
} as const;
