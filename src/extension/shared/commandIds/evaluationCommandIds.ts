/** Commands of the evaluation results panel (registered in evaluation/registerEvaluation.ts). */
export const EVALUATION_COMMANDS = {
  showResults: 'mlflow.evaluation.showResults',
  compare: 'mlflow.evaluation.compare',
} as const;
