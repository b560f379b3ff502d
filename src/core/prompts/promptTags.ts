import { PROMPT_TAG } from '../registry/promptScope';

/**
 * The tags MLflow 3 writes on prompts and their versions (`mlflow/prompt/constants.py`). The
 * underscore keys are Unity Catalog's spelling: its tags cannot contain dots.
 */
export const PROMPT_TAGS = {
  isPrompt: PROMPT_TAG,
  text: 'mlflow.prompt.text',
  type: '_mlflow_prompt_type',
  responseFormat: '_mlflow_prompt_response_format',
  modelConfig: '_mlflow_prompt_model_config',
  experimentIds: '_mlflow_experiment_ids',
} as const;

/** Tags MLflow keeps for itself; the rest are the user's and are shown as tags. */
export const INTERNAL_PROMPT_TAGS: ReadonlySet<string> = new Set(Object.values(PROMPT_TAGS));

/** What MLflow's `search_prompts` sends to `registered-models/search` (rest/128). */
export const PROMPTS_FILTER = `tags.\`${PROMPT_TAG}\` = 'true'`;

/** Quote a value for MLflow's filter grammar. */
export function quoteFilterValue(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * What MLflow's `search_prompt_versions` sends to `model-versions/search` (rest/136). The name
 * alone finds nothing: servers hide prompt versions unless the filter names the tag (rest/135).
 */
export function promptVersionsFilter(name: string): string {
  return `name = ${quoteFilterValue(name)} AND tag.\`${PROMPT_TAG}\` = 'true'`;
}

/** The order `search_prompt_versions` asks for. */
export const PROMPT_VERSIONS_ORDER = ['version_number DESC'] as const;
