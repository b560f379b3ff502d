import type { Prompt, PromptVersion } from '../../core/prompts/promptEntities';
import type { VersionDetail } from '../../core/prompts/versionDetails';

/**
 * The nodes of the Prompts view, plain data so commands receive something useful: a version node
 * carries the prompt (name, aliases) and the version it stands for.
 */
export type PromptNode =
  | { readonly kind: 'prompt'; readonly id: string; readonly prompt: Prompt }
  | {
      readonly kind: 'promptVersion';
      readonly id: string;
      readonly prompt: Prompt;
      readonly version: PromptVersion;
      readonly parentId: string;
    }
  | {
      readonly kind: 'promptDetail';
      readonly id: string;
      readonly detail: VersionDetail;
      readonly parentId: string;
    }
  | {
      readonly kind: 'promptMessage';
      readonly id: string;
      readonly text: string;
      readonly detail: string;
      readonly severity: 'info' | 'error';
      readonly parentId: string | undefined;
    };

/** The node of one kind, narrowed. */
export type PromptNodeOf<K extends PromptNode['kind']> = Extract<PromptNode, { kind: K }>;

/** A command's argument as a node of one of these kinds, or undefined. */
export function promptNodeOf<K extends PromptNode['kind']>(
  arg: unknown,
  ...kinds: K[]
): PromptNodeOf<K> | undefined {
  if (typeof arg !== 'object' || arg === null || !('kind' in arg)) {
    return undefined;
  }
  const kind = arg.kind;
  return kinds.some((k) => k === kind) ? (arg as PromptNodeOf<K>) : undefined;
}
