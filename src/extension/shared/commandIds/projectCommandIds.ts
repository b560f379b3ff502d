/** Commands of MLflow Projects (registered in registerProjectRun.ts). */
export const PROJECT_COMMANDS = {
  runEntryPoint: 'mlflow.project.runEntryPoint',
} as const;
