import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validate } from '../../../../src/core/mlmodel/validate';
import { parseMarkers, position } from '../yaml/markers';
import { REPO_ROOT } from './mlmodelFixtures';

/** A real MLmodel MLflow 2.17.2 wrote: sklearn + pyfunc, a column signature folded over lines. */
const BASE = fs.readFileSync(
  path.join(
    REPO_ROOT,
    'test/fixtures/mlflow-2.17.2/mlmodel/v2.17.2--sklearn--sklearn_elasticnet--model/MLmodel',
  ),
  'utf8',
);

type Row = [name: string, edits: [find: string, replace: string][], code: string, severity: number];

function mutate(edits: Row[1]): string {
  let text = BASE;
  for (const [find, replace] of edits) {
    assert.ok(text.includes(find), `base text has no ${JSON.stringify(find)}`);
    text = text.replace(find, replace);
  }
  return text;
}

function expectOne(marked: string, code: string, severity: number, options = {}): void {
  const { text, start, end } = parseMarkers(marked);
  const diagnostics = validate(text, options);
  assert.equal(
    diagnostics.length,
    1,
    diagnostics.map((d) => `${String(d.code)}: ${JSON.stringify(d.message)}`).join('\n'),
  );
  const [d] = diagnostics;
  assert.equal(d?.code, code);
  assert.equal(d.severity, severity);
  assert.equal(d.source, 'MLmodel');
  assert.deepEqual(d.range, { start: position(text, start), end: position(text, end) });
}

describe('validate: mutations of a real MLmodel, one diagnostic each at the exact range', () => {
  const rows: Row[] = [
    [
      'unknown top-level key',
      [['artifact_path:', '|[|custom_field|]|: 1\nartifact_path:']],
      'unknown-key',
      2,
    ],
    ['misspelled top-level key', [['run_id:', '|[|run_di|]|:']], 'unknown-key', 2],
    [
      'duplicate key',
      [
        [
          'run_id: c4277242c4c045f9bdd8cc9e2425ef66\n',
          'run_id: c4277242c4c045f9bdd8cc9e2425ef66\n|[|run_id|]|: c4277242c4c045f9bdd8cc9e2425ef66\n',
        ],
      ],
      'yaml-duplicate-key',
      2,
    ],
    [
      'missing loader_module',
      [
        ['    loader_module: mlflow.sklearn\n', ''],
        ['  python_function:', '  |[|python_function|]|:'],
      ],
      'loader-module-missing',
      1,
    ],
    [
      'wrong type of a top-level field',
      [['model_size_bytes: 1964', 'model_size_bytes: |[|big|]|']],
      'wrong-type',
      1,
    ],
    [
      'a version read as a number',
      [['python_version: 3.11.2', 'python_version: |[|3.10|]|']],
      'number-as-string',
      2,
    ],
    [
      'a flavour enum typo',
      [['serialization_format: cloudpickle', 'serialization_format: |[|cloudpickel|]|']],
      'invalid-value',
      1,
    ],
    [
      'an input example enum typo',
      [['pandas_orient: split', 'pandas_orient: |[|splitt|]|']],
      'invalid-value',
      1,
    ],
    [
      'pandas_orient on a non-dataframe example',
      [
        ['type: dataframe', 'type: ndarray'],
        ['  pandas_orient:', '  |[|pandas_orient|]|:'],
      ],
      'input-example-info',
      2,
    ],
    [
      'a run_id that is not 32 hex',
      [['run_id: c4277242c4c045f9bdd8cc9e2425ef66', 'run_id: |[|C4277242|]|']],
      'id-format',
      2,
    ],
    [
      'a model_uuid that is not 32 hex',
      [['model_uuid: a7112d02fcd04404ab98c99d883c6343', 'model_uuid: |[|a7112d02-fcd0|]|']],
      'id-format',
      2,
    ],
    [
      'utc_time_created in another format',
      [["utc_time_created: '2026-11-22 14:27:35.426677'", "utc_time_created: |[|'2026-11-22T14:27:35Z'|]|"]],
      'time-format',
      2,
    ],
    [
      'the 1.x env string',
      [
        [
          '    env:\n      conda: conda.yaml\n      virtualenv: python_env.yaml\n',
          '    env: |[|conda.yaml|]|\n',
        ],
      ],
      'env-legacy-string',
      4,
    ],
    [
      'an env map naming no file',
      [['    env:\n      conda: conda.yaml\n      virtualenv: python_env.yaml\n', '    |[|env|]|: {}\n']],
      'env-empty',
      2,
    ],
    [
      'env_vars holding a number',
      [['artifact_path:', 'env_vars:\n- OK\n- |[|42|]|\nartifact_path:']],
      'env-vars-not-strings',
      1,
    ],
    [
      'env_vars that is not a list',
      [['artifact_path:', 'env_vars: |[|HF_TOKEN|]|\nartifact_path:']],
      'wrong-type',
      1,
    ],
    [
      'an unknown key of a flavour',
      [['    sklearn_version:', '    |[|sklearn_versoin|]|:']],
      'unknown-flavor-key',
      3,
    ],
    ['a misspelled flavour', [['  sklearn:', '  |[|sklaern|]|:']], 'flavor-misspelled', 2],
    [
      'a dangerous tag',
      [['loader_module: mlflow.sklearn', 'loader_module: |[|!!python/name:os.system|]| x']],
      'yaml-unsafe-tag',
      1,
    ],
    [
      'an unknown key in signature',
      [['  params: null', '  params: null\n  |[|examples|]|: null']],
      'unknown-key',
      2,
    ],
    ['invalid JSON in a signature', [['"shape": [-1]}}]', '"shape": [-1]}|[|]|]|']], 'signature-json', 1],
    [
      'a column type typo on a folded continuation line',
      [['"type":\n    "double", "name": "magnesium"', '"type":\n    "|[|doubel|]|", "name": "magnesium"']],
      'signature-schema',
      1,
    ],
    ['a tensor dtype typo', [['"dtype": "float64"', '"dtype": "|[|flaot64|]|"']], 'signature-schema', 1],
    ['a sized flexible dtype', [['"dtype": "float64"', '"dtype": |[|"<U10"|]|']], 'signature-schema', 1],
    ['a negative tensor dimension', [['"shape": [-1]', '"shape": [|[|-2|]|]']], 'signature-schema', 1],
    [
      'named and unnamed columns mixed',
      [
        [
          '{"type": "double", "name": "alcohol", "required": true}',
          '|[|{"type": "double", "required": true}|]|',
        ],
      ],
      'signature-schema',
      1,
    ],
    [
      'required that is not a boolean',
      [['"name": "alcohol", "required": true}', '"name": "alcohol", "required": |[|"yes"|]|}']],
      'signature-schema',
      1,
    ],
    [
      'an array without items',
      [['{"type": "double", "name": "hue"', '{"type": |[|"array"|]|, "name": "hue"']],
      'signature-schema',
      1,
    ],
    [
      'a binary param',
      [
        [
          'params: null',
          'params: \'[{"name": "x", "type": |[|"binary"|]|, "default": null, "shape": null}]\'',
        ],
      ],
      'signature-params',
      1,
    ],
    [
      'a param default of the wrong type',
      [['params: null', 'params: \'[{"name": "k", "type": "long", "default": |[|"5"|]|, "shape": null}]\'']],
      'signature-params',
      1,
    ],
    [
      'a list default without shape [-1]',
      [
        [
          'params: null',
          'params: \'[{"name": "k", "type": "long", "default": |[|[1, 2]|]|, "shape": null}]\'',
        ],
      ],
      'signature-params',
      1,
    ],
    [
      'a list default element of the wrong type',
      [
        [
          'params: null',
          'params: \'[{"name": "k", "type": "long", "default": [1, |[|2.5|]|], "shape": [-1]}]\'',
        ],
      ],
      'signature-params',
      1,
    ],
    [
      'a param shape other than null or [-1]',
      [['params: null', 'params: \'[{"name": "k", "type": "long", "default": 1, "shape": |[|[2]|]|}]\'']],
      'signature-params',
      1,
    ],
    [
      'a duplicate param',
      [
        [
          'params: null',
          'params: \'[{"name": "k", "type": "long", "default": 1}, {"name": |[|"k"|]|, "type": "long", "default": 2}]\'',
        ],
      ],
      'signature-params',
      1,
    ],
    [
      'a param type typo',
      [['params: null', 'params: \'[{"name": "k", "type": "|[|lnog|]|", "default": 1}]\'']],
      'signature-params',
      1,
    ],
    [
      'a double-quoted signature with escapes',
      [
        [
          'params: null',
          'params: "[{\\"name\\": \\"k\\", \\"type\\": \\"long\\", \\"default\\": |[|\\"5\\"|]|}]"',
        ],
      ],
      'signature-params',
      1,
    ],
  ];
  for (const [name, edits, code, severity] of rows) {
    it(name, () => {
      expectOne(mutate(edits), code, severity);
    });
  }

  it('hints when the selected interpreter has another Python minor version', () => {
    expectOne(
      BASE.replace('python_version: 3.11.2', 'python_version: |[|3.11.2|]|'),
      'python-version-mismatch',
      4,
      { pythonVersion: '3.10.4' },
    );
    assert.deepEqual(validate(BASE, { pythonVersion: '3.11.9' }), []);
  });
});

describe('validate: small files', () => {
  const rows: [string, string, string, number][] = [
    ['no flavors at all', '|[|artifact_path|]|: model\n', 'flavors-missing', 1],
    ['empty flavors map', '|[|flavors|]|: {}\n', 'flavors-empty', 1],
    ['null flavors', '|[|flavors|]|:\n', 'flavors-empty', 1],
    [
      'a flavour without python_function',
      '|[|flavors|]|:\n  sklearn:\n    pickled_model: model.pkl\n',
      'no-pyfunc',
      3,
    ],
    ['a list instead of a map', '|[|- a\n- b|]|\n', 'not-a-map', 1],
    ['an empty file', '|[||]|', 'flavors-missing', 1],
    [
      'an example without its file',
      'flavors:\n  python_function:\n    loader_module: m\n|[|saved_input_example_info|]|:\n  type: ndarray\n',
      'input-example-info',
      1,
    ],
    [
      'a model_id not in the m- form',
      'flavors:\n  python_function:\n    loader_module: m\nmodel_id: |[|abc|]|\n',
      'id-format',
      2,
    ],
    [
      'a YAML syntax error',
      'flavors:\n  python_function:\n    loader_module: m\n   |[|b|]|ad: 1\n',
      'yaml-syntax',
      1,
    ],
  ];
  for (const [name, marked, code, severity] of rows) {
    it(name, () => {
      expectOne(marked, code, severity);
    });
  }
});

describe('validate: an MLmodel MLflow 3.11.1 wrote for a logged model', () => {
  it('takes its model_uuid in the m-<id> form without an id-format warning (recorded rest/123)', () => {
    const recorded = JSON.parse(
      fs.readFileSync(
        path.join(REPO_ROOT, 'test/fixtures/mlflow-3.11.1/rest/123-logged-models-artifact-file-mlmodel.json'),
        'utf8',
      ),
    ) as { response: { body: string } };
    const text = recorded.response.body;
    assert.match(text, /^model_uuid: m-[0-9a-f]{32}$/m);
    assert.deepEqual(
      validate(text).filter((d) => d.code === 'id-format'),
      [],
    );
  });
});
