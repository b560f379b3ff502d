/** Commands of the MLmodel language (registered in registerMlmodelLanguage.ts). */
export const MLMODEL_COMMANDS = {
  validateAll: 'mlflow.mlmodel.validateAll',
} as const;
