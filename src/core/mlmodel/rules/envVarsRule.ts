import { getPair } from '../../yaml/yamlAst';
import { describeType, yamlTypeOf } from '../../yaml/yamlType';
import type { MlmodelRule } from '../ruleContext';

/** `env_vars` items must be strings: MLflow's setter raises TypeError on anything else. */
export const envVarsRule: MlmodelRule = (context) => {
  const list = getPair(context.root, 'env_vars')?.value;
  if (list?.kind !== 'seq') {
    return;
  }
  for (const item of list.items) {
    const type = yamlTypeOf(item);
    if (type !== 'string' && type !== 'alias') {
      context.report(
        item.range,
        1,
        'env-vars-not-strings',
        `"env_vars" must be a list of strings; this item is ${describeType(type)}.`,
      );
    }
  }
};
