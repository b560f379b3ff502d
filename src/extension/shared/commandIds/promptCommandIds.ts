/** Commands of the Prompts view (registered in prompts/registerPrompts.ts). */
export const PROMPT_COMMANDS = {
  refresh: 'mlflow.prompts.refresh',
  openTemplate: 'mlflow.prompts.openTemplate',
  compareVersions: 'mlflow.prompts.compareVersions',
  setAlias: 'mlflow.prompts.setAlias',
  deleteAlias: 'mlflow.prompts.deleteAlias',
  copyUri: 'mlflow.prompts.copyUri',
  showTraces: 'mlflow.prompts.showTraces',
} as const;
