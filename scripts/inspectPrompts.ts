// The `--prompts` part of `npm run inspect`: the prompt registry (prompts, their versions with
// aliases, type, commit message and variables), as text (neutralised like the rest of inspect's
// output) or JSON.
import { safeForTerminal as safe } from '../src/core/common/safeForTerminal';
import type { PromptOverview } from '../src/core/prompts/promptOverview';
import { templateVariables } from '../src/core/prompts/templateText';

/**
 * The human-readable prompt list. Names, aliases and commit messages come from the store, so
 * each goes through {@link safe}: an escape sequence in a commit message must not act on the
 * terminal.
 */
export function formatPromptOverview(o: PromptOverview): string {
  const lines = [`Prompts (${String(o.prompts.length)})`];
  for (const { prompt, versions } of o.prompts) {
    const aliases = prompt.aliases.map((a) => `@${safe(a.alias)}→v${safe(a.version)}`).join(' ');
    lines.push(`  ${safe(prompt.name)}${aliases === '' ? '' : `  ${aliases}`}`);
    for (const v of versions) {
      const vars = templateVariables(v.template);
      const parts = [
        `v${safe(v.version)}`,
        v.template.type,
        ...v.aliases.map((a) => `@${safe(a)}`),
        v.commitMessage === undefined ? undefined : JSON.stringify(safe(v.commitMessage, 200)),
        vars.length === 0 ? undefined : `{{${vars.map((x) => safe(x)).join(', ')}}}`,
        v.modelConfig === undefined ? undefined : 'model config',
        v.responseFormat === undefined ? undefined : 'response format',
      ].filter((p): p is string => p !== undefined);
      lines.push(`    ${parts.join('  ')}`);
    }
  }
  return lines.join('\n') + '\n';
}
