import { getPair, type YamlMap } from '../../yaml/yamlAst';
import type { MlmodelRule, RuleContext } from '../ruleContext';
import { clipForMessage } from '../../yaml/clipForMessage';

function pyfuncBlock(context: RuleContext): { map: YamlMap; key: YamlMap['range'] } | undefined {
  const flavors = getPair(context.root, 'flavors')?.value;
  const pair = flavors?.kind === 'map' ? getPair(flavors, 'python_function') : undefined;
  return pair?.value.kind === 'map' ? { map: pair.value, key: pair.key.range } : undefined;
}

function minor(version: string): string | undefined {
  return /^(\d+\.\d+)/.exec(version.trim())?.[1];
}

/** The python_function block: its loader, the two shapes of `env`, and the Python version. */
export const pyfuncRule: MlmodelRule = (context) => {
  const block = pyfuncBlock(context);
  if (!block) {
    return;
  }
  if (!getPair(block.map, 'loader_module')) {
    context.report(
      block.key,
      1,
      'loader-module-missing',
      'python_function has no "loader_module": MLflow cannot load the model through pyfunc.',
    );
  }
  const env = getPair(block.map, 'env');
  if (env?.value.kind === 'scalar' && typeof env.value.value === 'string') {
    // MLflow 1.x wrote a bare conda path; 2.x still reads it but only the map names a virtualenv.
    const message =
      'MLflow 1.x environment: a single conda file. MLflow 2.x writes a map with "conda" and "virtualenv" (python_env.yaml, used by virtualenv and uv).';
    context.report(env.value.range, 4, 'env-legacy-string', message, { fix: 'env-to-map' });
  } else if (env?.value.kind === 'map' && !getPair(env.value, 'conda') && !getPair(env.value, 'virtualenv')) {
    context.report(env.key.range, 2, 'env-empty', '"env" names neither a "conda" nor a "virtualenv" file.');
  }
  const version = getPair(block.map, 'python_version')?.value;
  const wanted = context.options.pythonVersion;
  if (version?.kind === 'scalar' && typeof version.value === 'string' && wanted !== undefined) {
    const model = minor(version.value);
    const selected = minor(wanted);
    if (model && selected && model !== selected) {
      context.report(
        version.range,
        4,
        'python-version-mismatch',
        `Saved with Python ${clipForMessage(version.value)}; the selected interpreter is ${clipForMessage(wanted)}. Loading pickled models across Python versions may fail.`,
      );
    }
  }
};
