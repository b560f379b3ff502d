import * as assert from 'node:assert/strict';
import { complete } from '../../../../src/core/mlmodel/complete';
import { parseMarkers, position } from '../yaml/markers';

function labelsAt(marked: string): string[] {
  const { text, caret } = parseMarkers(marked);
  return complete(text, caret).map((c) => c.label);
}

describe('complete', () => {
  const rows: [name: string, marked: string, includes: string[], excludes: string[]][] = [
    [
      'top-level keys, minus the ones present',
      'flavors:\n  sklearn: {}\n|x|',
      ['signature', 'run_id', 'saved_input_example_info'],
      ['flavors'],
    ],
    [
      'flavour names under flavors, minus present ones',
      'flavors:\n  sklearn:\n    pickled_model: m\n  |x|\n',
      ['python_function', 'xgboost', 'transformers'],
      ['sklearn'],
    ],
    [
      'python_function keys',
      'flavors:\n  python_function:\n    loader_module: m\n    |x|\n',
      ['env', 'python_version', 'predict_fn'],
      ['loader_module'],
    ],
    [
      'keys of the env map',
      'flavors:\n  python_function:\n    env:\n      |x|\n',
      ['conda', 'virtualenv'],
      ['loader_module'],
    ],
    [
      'serialization_format values',
      'flavors:\n  sklearn:\n    serialization_format: |x|\n',
      ['pickle', 'cloudpickle'],
      [],
    ],
    [
      'saved_input_example_info.type values',
      'saved_input_example_info:\n  type: nd|x|\n',
      ['dataframe', 'ndarray', 'json_object', 'sparse_matrix_csc', 'sparse_matrix_csr'],
      [],
    ],
    [
      'loader modules',
      'flavors:\n  python_function:\n    loader_module: |x|\n',
      ['mlflow.pyfunc.model', 'mlflow.sklearn'],
      [],
    ],
    ['booleans', 'flavors:\n  python_function:\n    streamable: |x|\n', ['true', 'false'], []],
    [
      'column types inside a signature string',
      'signature:\n  inputs: \'[{"type": "dou|x|',
      ['double', 'array', 'tensor'],
      ['float32'],
    ],
    [
      'numpy dtypes inside a tensor spec',
      'signature:\n  inputs: \'[{"type": "tensor", "tensor-spec": {"dtype": "|x|',
      ['float32', 'int64', 'object'],
      ['tensor', 'sparkml_vector'],
    ],
  ];
  for (const [name, marked, includes, excludes] of rows) {
    it(name, () => {
      const labels = labelsAt(marked);
      for (const label of includes) {
        assert.ok(labels.includes(label), `${label} missing from ${labels.join(', ')}`);
      }
      for (const label of excludes) {
        assert.ok(!labels.includes(label), `${label} should not be offered`);
      }
    });
  }

  it('replaces the word typed so far', () => {
    const { text, caret } = parseMarkers('saved_input_example_info:\n  type: nd|x|\n');
    const item = complete(text, caret).find((c) => c.label === 'ndarray');
    assert.deepEqual(item?.textEdit, {
      range: { start: position(text, caret - 2), end: position(text, caret) },
      newText: 'ndarray',
    });
  });

  it('offers a snippet with the whole block of a new flavour, indented to the caret', () => {
    const { text, caret } = parseMarkers('flavors:\n  |x|\n');
    const item = complete(text, caret).find((c) => c.label === 'sklearn');
    assert.equal(item?.insertTextFormat, 2);
    const newText = item.textEdit && 'newText' in item.textEdit ? item.textEdit.newText : '';
    assert.equal(
      newText,
      'sklearn:\n    pickled_model: ${1}\n    sklearn_version: ${2}\n    serialization_format: ${3|pickle,cloudpickle|}',
    );
  });

  it('documents keys with the schema description', () => {
    const { text, caret } = parseMarkers('|x|');
    const item = complete(text, caret).find((c) => c.label === 'env_vars');
    assert.match(JSON.stringify(item?.documentation), /environment variables/);
  });
});
