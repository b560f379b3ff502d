import type { Tag } from '../tracking/entities/tag';
import { parseSearchFilter, type FilterClause } from '../tracking/search/searchFilter';

/** The tag that makes a registered model (and each of its versions) a prompt (MLflow 2.21+). */
export const PROMPT_TAG = 'mlflow.prompt.is_prompt';

/**
 * Which rows a registry search may return, as MLflow's own stores decide it: prompts are
 * registered models, but a search lists them only when its filter asks for prompts. `keep` says
 * whether a row (by its tags) is in scope; `ignores` whether a clause is left out of the match
 * (the SQL store drops the prompt-tag clause once it has excluded prompts).
 */
export interface PromptScope {
  readonly keep: (tags: readonly Tag[]) => boolean;
  readonly ignores: (clause: FilterClause) => boolean;
}

const isPrompt = (tags: readonly Tag[]): boolean =>
  tags.some((t) => t.key === PROMPT_TAG && t.value === 'true');
const isPromptClause = (c: FilterClause): boolean => c.type === 'tags' && c.key === PROMPT_TAG;
const everything: PromptScope = { keep: () => true, ignores: () => false };

/**
 * MLflow's SQL store: a filter queries prompts when its first prompt-tag clause is `= 'true'` or
 * `!= 'false'`, and is then matched as written; any other search excludes prompts and ignores
 * its prompt-tag clauses (`tag.mlflow.prompt.is_prompt != 'true'` lists the models).
 */
export function sqlStorePromptScope(
  filter: string | undefined,
  bareType?: FilterClause['type'],
): PromptScope {
  const first = parseSearchFilter(filter, bareType).find(isPromptClause);
  const value = typeof first?.value === 'string' ? first.value.toLowerCase() : undefined;
  const queriesPrompts =
    (first?.comparator === '=' && value === 'true') || (first?.comparator === '!=' && value === 'false');
  return queriesPrompts ? everything : { keep: (tags) => !isPrompt(tags), ignores: isPromptClause };
}

/**
 * MLflow's file store: a filter that names the prompt tag anywhere is matched as written; any
 * other search excludes prompts.
 */
export function fileStorePromptScope(filter: string | undefined): PromptScope {
  return (filter ?? '').includes(PROMPT_TAG)
    ? everything
    : { keep: (tags) => !isPrompt(tags), ignores: () => false };
}
