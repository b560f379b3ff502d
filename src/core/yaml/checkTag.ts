import type { YamlNode } from './yamlAst';
import type { YamlProblem } from './yamlProblem';
import { clipForMessage } from './clipForMessage';

/** Tags a safe loader (PyYAML's `safe_load`, which MLflow uses) understands. */
const SAFE_TAGS = new Set([
  '!',
  '!!str',
  '!!int',
  '!!float',
  '!!bool',
  '!!null',
  '!!map',
  '!!seq',
  '!!binary',
  '!!timestamp',
  '!!set',
  '!!omap',
  '!!pairs',
]);
const LONG_PREFIX = 'tag:yaml.org,2002:';
const DANGEROUS = /^!!?(?:python|js|ruby|java|perl|php)\b|^tag:yaml\.org,2002:(?:python|js)\//;

/** Whether a safe loader understands this tag (short `!!str` or long `tag:yaml.org,2002:str` form). */
export function isSafeTag(tagText: string): boolean {
  const text = tagText.replace(/^!<(.*)>$/, '$1');
  return SAFE_TAGS.has(text.startsWith(LONG_PREFIX) ? `!!${text.slice(LONG_PREFIX.length)}` : text);
}

/**
 * Report an explicit tag a safe loader would refuse. The tag is only read as text here; nothing is
 * ever constructed from it, so `!!python/object/apply:os.system` is reported, not run.
 */
export function checkTag(tag: YamlNode['tag'], problems: YamlProblem[]): void {
  if (!tag || isSafeTag(tag.text)) {
    return;
  }
  const text = tag.text.replace(/^!<(.*)>$/, '$1');
  const message = DANGEROUS.test(text)
    ? `Dangerous tag ${clipForMessage(tag.text)}: it asks a loader to build language objects (code execution). MLflow's safe loader refuses it; it is not constructed here.`
    : `Unknown tag ${clipForMessage(tag.text)}: MLflow's safe YAML loader cannot read it.`;
  problems.push({ code: 'yaml-unsafe-tag', severity: 'error', message, range: tag.range });
}
