import type { ModelVersion } from '../registry/entities/modelVersion';
import type { RegisteredModel } from '../registry/entities/registeredModel';
import type { Tag } from '../tracking/entities/tag';
import type { ChatMessage, Prompt, PromptTemplate, PromptVersion } from './promptEntities';
import { INTERNAL_PROMPT_TAGS, PROMPT_TAGS } from './promptTags';

const tagValue = (tags: readonly Tag[], key: string): string | undefined =>
  tags.find((t) => t.key === key)?.value;

const userTags = (tags: readonly Tag[]): Tag[] =>
  tags.filter((t) => !INTERNAL_PROMPT_TAGS.has(t.key)).sort((a, b) => a.key.localeCompare(b.key));

const emptyToUndefined = (s: string | undefined): string | undefined => (s === '' ? undefined : s);

/** A registered model read as a prompt. */
export function promptOf(model: RegisteredModel): Prompt {
  const ids = tagValue(model.tags, PROMPT_TAGS.experimentIds) ?? '';
  const latest = model.latestVersions.map((v) => Number(v.version)).filter(Number.isFinite);
  return {
    name: model.name,
    description: emptyToUndefined(model.description),
    creationTimestamp: model.creationTimestamp,
    lastUpdatedTimestamp: model.lastUpdatedTimestamp,
    tags: userTags(model.tags),
    aliases: [...model.aliases].sort((a, b) => a.alias.localeCompare(b.alias)),
    experimentIds: ids.split(',').filter((id) => id !== ''),
    latestVersion: latest.length === 0 ? undefined : String(Math.max(...latest)),
  };
}

/**
 * A model version read as a prompt version. Search results carry no aliases (as the server's
 * don't), so the prompt's aliases are passed in when known.
 */
export function promptVersionOf(
  v: ModelVersion,
  promptAliases?: ReadonlyArray<{ readonly alias: string; readonly version: string }>,
): PromptVersion {
  const aliases =
    promptAliases === undefined
      ? [...v.aliases]
      : promptAliases.filter((a) => a.version === v.version).map((a) => a.alias);
  return {
    name: v.name,
    version: v.version,
    template: templateOf(tagValue(v.tags, PROMPT_TAGS.text) ?? '', tagValue(v.tags, PROMPT_TAGS.type)),
    commitMessage: emptyToUndefined(v.description),
    aliases: aliases.sort(),
    modelConfig: objectOf(jsonOf(tagValue(v.tags, PROMPT_TAGS.modelConfig))),
    responseFormat: jsonOf(tagValue(v.tags, PROMPT_TAGS.responseFormat)),
    creationTimestamp: v.creationTimestamp,
    lastUpdatedTimestamp: v.lastUpdatedTimestamp,
    userId: emptyToUndefined(v.userId),
    tags: userTags(v.tags),
  };
}

/**
 * A chat prompt's text is a JSON list of `{role, content}`; anything that does not read as one is
 * shown as text rather than lost.
 */
export function templateOf(text: string, type: string | undefined): PromptTemplate {
  if (type === 'chat') {
    const parsed = jsonOf(text);
    if (Array.isArray(parsed) && parsed.every(isMessage)) {
      return { type: 'chat', messages: parsed };
    }
  }
  return { type: 'text', text };
}

function isMessage(x: unknown): x is ChatMessage {
  return typeof x === 'object' && x !== null && typeof (x as { role?: unknown }).role === 'string';
}

function jsonOf(text: string | undefined): unknown {
  if (text === undefined || text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // A value MLflow did not write as JSON is still shown, as the string it is.
    return text;
  }
}

function objectOf(v: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : v === undefined
      ? undefined
      : { value: v };
}
