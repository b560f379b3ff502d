import { collectPages } from '../common/paging';
import type { RegistryStore } from '../registry/registryStore';
import type { Prompt, PromptVersion } from './promptEntities';
import { PROMPT_VERSIONS_ORDER, PROMPTS_FILTER, promptVersionsFilter } from './promptTags';
import { promptOf, promptVersionOf } from './toPrompt';

/** Bounds a listing, so a huge registry is an error rather than a hang. */
const MAX_ITEMS = 20_000;

/**
 * Every prompt of a registry, by name, searched as MLflow's `search_prompts` searches
 * (`registered-models/search` with the prompt filter and pages of 100): the same call works over
 * REST, `mlflow.db` and `mlruns`, whose stores hide prompts from every other search.
 */
export async function listPrompts(registry: RegistryStore, signal?: AbortSignal): Promise<Prompt[]> {
  const models = await collectPages(
    (pageToken) =>
      registry.searchRegisteredModels({ filter: PROMPTS_FILTER, maxResults: 100, pageToken, signal }),
    { maxItems: MAX_ITEMS },
  );
  return models.map(promptOf).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * A prompt's versions, newest first, as `search_prompt_versions` asks for them, each with the
 * prompt's aliases that point at it (search results carry none of their own).
 */
export async function listPromptVersions(
  registry: RegistryStore,
  prompt: Pick<Prompt, 'name' | 'aliases'>,
  signal?: AbortSignal,
): Promise<PromptVersion[]> {
  const versions = await collectPages(
    (pageToken) =>
      registry.searchModelVersions({
        filter: promptVersionsFilter(prompt.name),
        orderBy: PROMPT_VERSIONS_ORDER,
        pageToken,
        signal,
      }),
    { maxItems: MAX_ITEMS },
  );
  return versions
    .map((v) => promptVersionOf(v, prompt.aliases))
    .sort((a, b) => Number(b.version) - Number(a.version));
}

/** One prompt version, with its aliases as the server has them now. */
export async function getPromptVersion(
  registry: RegistryStore,
  name: string,
  version: string,
  signal?: AbortSignal,
): Promise<PromptVersion> {
  return promptVersionOf(await registry.getModelVersion(name, version, { signal }));
}

/** One prompt, read fresh (its aliases as they are now). */
export async function getPrompt(
  registry: RegistryStore,
  name: string,
  signal?: AbortSignal,
): Promise<Prompt> {
  return promptOf(await registry.getRegisteredModel(name, { signal }));
}
