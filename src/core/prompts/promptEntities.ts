import type { Tag } from '../tracking/entities/tag';

/** One message of a chat prompt: `{role, content}` as MLflow stores it. */
export interface ChatMessage {
  readonly role: string;
  /** Usually text; anything else (multi-part content) is kept as MLflow wrote it. */
  readonly content: unknown;
}

/** The template of a prompt version: text, or the messages of a chat prompt. */
export type PromptTemplate =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'chat'; readonly messages: readonly ChatMessage[] };

/** A prompt of MLflow's prompt registry (a registered model tagged `mlflow.prompt.is_prompt`). */
export interface Prompt {
  readonly name: string;
  /** MLflow sets it to the first version's commit message. */
  readonly description: string | undefined;
  readonly creationTimestamp: number | undefined;
  readonly lastUpdatedTimestamp: number | undefined;
  /** The user's tags, without the ones MLflow keeps for itself. */
  readonly tags: readonly Tag[];
  readonly aliases: ReadonlyArray<{ readonly alias: string; readonly version: string }>;
  /** The experiments the prompt was registered from (`_mlflow_experiment_ids` = `,1,`). */
  readonly experimentIds: readonly string[];
  /** The newest version's number, when the store says. */
  readonly latestVersion: string | undefined;
}

/** One version of a prompt, read from the model version's fields and `mlflow.prompt.*` tags. */
export interface PromptVersion {
  readonly name: string;
  readonly version: string;
  readonly template: PromptTemplate;
  /** The version's description, which is what MLflow calls the commit message. */
  readonly commitMessage: string | undefined;
  /** The aliases that point at this version. */
  readonly aliases: readonly string[];
  /** `_mlflow_prompt_model_config` parsed: `{model_name, temperature, …}`; undefined when absent. */
  readonly modelConfig: Readonly<Record<string, unknown>> | undefined;
  /** `_mlflow_prompt_response_format` parsed (a JSON schema, usually); undefined when absent. */
  readonly responseFormat: unknown;
  readonly creationTimestamp: number | undefined;
  readonly lastUpdatedTimestamp: number | undefined;
  readonly userId: string | undefined;
  /** The user's tags, without the ones MLflow keeps for itself. */
  readonly tags: readonly Tag[];
}
