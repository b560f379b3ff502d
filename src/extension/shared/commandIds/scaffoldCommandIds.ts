/** Ids of the custom-model scaffold's commands (`mlflow.<area>.<verb>`). */
export const SCAFFOLD_COMMANDS = {
  newCustomModel: 'mlflow.model.newCustom',
  logScaffolded: 'mlflow.model.logScaffolded',
} as const;
