import { getPair, isNull } from '../../yaml/yamlAst';
import { closestMatch } from '../closestMatch';
import { KNOWN_FLAVORS, PYFUNC_LOADER } from '../knownFlavors';
import type { MlmodelRule } from '../ruleContext';
import { clipForMessage } from '../../yaml/clipForMessage';

/** `flavors` present and non-empty; servable through python_function (or R's crate); names spelled right. */
export const flavorsRule: MlmodelRule = (context) => {
  const first = context.root.pairs[0]?.key.range ?? { start: 0, end: 0 };
  const pair = getPair(context.root, 'flavors');
  if (!pair) {
    context.report(first, 1, 'flavors-missing', 'No "flavors": MLflow has no way to load this model.');
    return;
  }
  const flavors = pair.value;
  if (isNull(flavors) || (flavors.kind === 'map' && flavors.pairs.length === 0)) {
    context.report(
      pair.key.range,
      1,
      'flavors-empty',
      '"flavors" is empty: MLflow has no way to load this model.',
    );
    return;
  }
  if (flavors.kind !== 'map') {
    return;
  }
  const names: string[] = [];
  for (const flavor of flavors.pairs) {
    if (flavor.key.kind !== 'scalar') {
      continue;
    }
    names.push(flavor.key.text);
    if (!KNOWN_FLAVORS.includes(flavor.key.text)) {
      const suggestion = closestMatch(flavor.key.text, KNOWN_FLAVORS);
      if (suggestion) {
        context.report(
          flavor.key.range,
          2,
          'flavor-misspelled',
          `Unknown flavour "${clipForMessage(flavor.key.text)}"; did you mean "${suggestion}"?`,
          { fix: 'replace', replacement: suggestion },
        );
      }
    }
  }
  if (!names.includes('python_function') && !names.includes('crate')) {
    const builtIn = names.find((name) => PYFUNC_LOADER[name] !== undefined);
    const message =
      'No "python_function" flavour: `mlflow models serve`, `predict` and Docker images cannot use this model.';
    context.report(
      pair.key.range,
      3,
      'no-pyfunc',
      message,
      builtIn ? { fix: 'add-pyfunc', flavor: builtIn } : undefined,
    );
  }
};
