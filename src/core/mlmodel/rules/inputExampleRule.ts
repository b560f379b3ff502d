import { getPair } from '../../yaml/yamlAst';
import type { MlmodelRule } from '../ruleContext';

/** `saved_input_example_info` names its file, and only dataframes carry a pandas orientation. */
export const inputExampleRule: MlmodelRule = (context) => {
  const pair = getPair(context.root, 'saved_input_example_info');
  if (pair?.value.kind !== 'map') {
    return;
  }
  const info = pair.value;
  if (!getPair(info, 'artifact_path')) {
    context.report(
      pair.key.range,
      1,
      'input-example-info',
      '"saved_input_example_info" has no "artifact_path": the example cannot be found.',
    );
  }
  const type = getPair(info, 'type');
  if (!type) {
    context.report(
      pair.key.range,
      2,
      'input-example-info',
      '"saved_input_example_info" has no "type": MLflow cannot tell how to read the example.',
    );
  }
  const orient = getPair(info, 'pandas_orient');
  if (orient && type?.value.kind === 'scalar' && type.value.value !== 'dataframe') {
    context.report(
      orient.key.range,
      2,
      'input-example-info',
      '"pandas_orient" only applies to examples of type "dataframe".',
    );
  }
};
