import { displayText } from '../explorer/displayText';
import type { PromptVersion } from './promptEntities';
import { templateVariables } from './templateText';

/** One line of a version's details in the Prompts view. */
export interface VersionDetail {
  readonly key: 'type' | 'commit' | 'variables' | 'modelConfig' | 'responseFormat' | 'tags';
  readonly label: string;
  readonly value: string;
}

/** JSON on one line, for a tree row (the tooltip and the document show the rest). */
export function compactJson(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  // JSON.stringify answers undefined for undefined, whatever its type says.
  return value === undefined ? '' : JSON.stringify(value);
}

/**
 * What the Prompts view shows under a version: its type, commit message, variables, model config
 * and response format, and the user's tags; rows with nothing to say are left out.
 */
export function versionDetails(v: PromptVersion): VersionDetail[] {
  const vars = templateVariables(v.template);
  const rows: Array<VersionDetail | undefined> = [
    { key: 'type', label: 'Type', value: v.template.type },
    v.commitMessage === undefined
      ? undefined
      : { key: 'commit', label: 'Commit message', value: v.commitMessage },
    vars.length === 0 ? undefined : { key: 'variables', label: 'Variables', value: vars.join(', ') },
    v.modelConfig === undefined
      ? undefined
      : { key: 'modelConfig', label: 'Model config', value: compactJson(v.modelConfig) },
    v.responseFormat === undefined
      ? undefined
      : { key: 'responseFormat', label: 'Response format', value: compactJson(v.responseFormat) },
    v.tags.length === 0
      ? undefined
      : { key: 'tags', label: 'Tags', value: v.tags.map((t) => `${t.key}=${t.value}`).join(', ') },
  ];
  return rows
    .filter((r): r is VersionDetail => r !== undefined)
    .map((r) => ({ ...r, value: displayText(r.value, 300) }));
}

/** A version row's description: its aliases, its type and the start of its commit message. */
export function versionDescription(v: PromptVersion): string {
  return [
    ...v.aliases.map((a) => `@${a}`),
    v.template.type,
    ...(v.commitMessage === undefined ? [] : [displayText(v.commitMessage, 80)]),
  ].join(' · ');
}
