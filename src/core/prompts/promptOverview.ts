import type { RegistryStore } from '../registry/registryStore';
import type { Prompt, PromptVersion } from './promptEntities';
import { listPrompts, listPromptVersions } from './promptReader';

/** Every prompt of a registry with its versions (newest first), for `npm run inspect -- --prompts`. */
export interface PromptOverview {
  readonly prompts: ReadonlyArray<{ readonly prompt: Prompt; readonly versions: readonly PromptVersion[] }>;
}

/** Read the whole prompt registry the way the Prompts view does. */
export async function collectPromptOverview(
  registry: RegistryStore,
  signal?: AbortSignal,
): Promise<PromptOverview> {
  const prompts = await listPrompts(registry, signal);
  const out: Array<PromptOverview['prompts'][number]> = [];
  for (const prompt of prompts) {
    out.push({ prompt, versions: await listPromptVersions(registry, prompt, signal) });
  }
  return { prompts: out };
}
