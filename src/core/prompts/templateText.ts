import type { PromptTemplate, PromptVersion } from './promptEntities';

/**
 * MLflow's template variable (`PROMPT_TEMPLATE_VARIABLE_PATTERN`): `{{ name }}` or a dotted path,
 * spaces allowed inside the braces.
 */
const VARIABLE = /\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*(?:\.[a-zA-Z_][a-zA-Z0-9_]*)*)\s*\}\}/g;

/** A variable's place in a document: offsets of the whole `{{ … }}`. */
export interface VariableRange {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** Every `{{variable}}` in a text, in order. */
export function variableRanges(text: string): VariableRange[] {
  return [...text.matchAll(VARIABLE)].map((m) => ({
    name: m[1] ?? '',
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** The distinct variable names a template uses, in order of first use. */
export function templateVariables(template: PromptTemplate): string[] {
  return [...new Set(variableRanges(templateText(template)).map((v) => v.name))];
}

/**
 * The template as a read-only document shows it: a text prompt exactly as stored; a chat prompt
 * as Markdown, one `## role` heading a message with its content below, so two versions diff line
 * by line. Content that is not text (multi-part messages) is shown as indented JSON.
 */
export function templateText(template: PromptTemplate): string {
  if (template.type === 'text') {
    return template.text;
  }
  return template.messages
    .map((m) => {
      const body =
        typeof m.content === 'string'
          ? m.content
          : '```json\n' + JSON.stringify(m.content, null, 2) + '\n```';
      return `## ${m.role}\n\n${body}\n`;
    })
    .join('\n');
}

/** The document of one version: its template, ending with one newline. */
export function versionDocument(version: PromptVersion): string {
  const text = templateText(version.template);
  return text.endsWith('\n') ? text : `${text}\n`;
}
