import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextEdit } from 'vscode-languageserver-types';
import { codeActions } from '../../../../src/core/mlmodel/codeActions';
import { missingFileDiagnostic } from '../../../../src/core/mlmodel/missingFileDiagnostic';
import { pythonEnvFromConda } from '../../../../src/core/mlmodel/pythonEnvFromConda';
import { referencedFiles } from '../../../../src/core/mlmodel/referencedFiles';
import { validate } from '../../../../src/core/mlmodel/validate';
import { LineIndex } from '../../../../src/core/yaml/lineIndex';
import { REPO_ROOT } from './mlmodelFixtures';

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start));
  return sorted.reduce(
    (out, edit) =>
      out.slice(0, lines.offsetAt(edit.range.start)) +
      edit.newText +
      out.slice(lines.offsetAt(edit.range.end)),
    text,
  );
}

function fixOnce(text: string, code: string): string {
  const diagnostic = validate(text).find((d) => d.code === code);
  assert.ok(diagnostic, `no ${code} diagnostic`);
  const [action] = codeActions(text, [diagnostic]);
  assert.ok(action, `no quick fix for ${code}`);
  return applyEdits(text, action.edits);
}

describe('codeActions: each fix gives the expected text, which then validates clean', () => {
  const rows: [name: string, before: string, code: string, after: string][] = [
    [
      'converts the 1.x env string to the 2.x map',
      'flavors:\n  python_function:\n    env: conda.yaml\n    loader_module: mlflow.sklearn\n',
      'env-legacy-string',
      'flavors:\n  python_function:\n    env:\n      conda: conda.yaml\n      virtualenv: python_env.yaml\n    loader_module: mlflow.sklearn\n',
    ],
    [
      'adds a python_function block for a flavour, in sorted position',
      'flavors:\n  onnx:\n    data: model.onnx\n  sklearn:\n    pickled_model: model.pkl\n',
      'no-pyfunc',
      'flavors:\n  onnx:\n    data: model.onnx\n  python_function:\n    data: model.onnx\n    env:\n      conda: conda.yaml\n      virtualenv: python_env.yaml\n    loader_module: mlflow.onnx\n  sklearn:\n    pickled_model: model.pkl\n',
    ],
    [
      'adds python_function before sklearn, passing its pickle as model_path',
      'flavors:\n  sklearn:\n    pickled_model: model.pkl\nrun_id: 0123456789abcdef0123456789abcdef\n',
      'no-pyfunc',
      'flavors:\n  python_function:\n    env:\n      conda: conda.yaml\n      virtualenv: python_env.yaml\n    loader_module: mlflow.sklearn\n    model_path: model.pkl\n  sklearn:\n    pickled_model: model.pkl\nrun_id: 0123456789abcdef0123456789abcdef\n',
    ],
    [
      'adds python_function after the last flavour when it sorts last',
      'flavors:\n  keras:\n    data: data\nrun_id: 0123456789abcdef0123456789abcdef\n',
      'no-pyfunc',
      'flavors:\n  keras:\n    data: data\n  python_function:\n    data: data\n    env:\n      conda: conda.yaml\n      virtualenv: python_env.yaml\n    loader_module: mlflow.keras\nrun_id: 0123456789abcdef0123456789abcdef\n',
    ],
    [
      'corrects a misspelled key',
      'flavors:\n  python_function:\n    loader_module: m\nrun_di: 0123456789abcdef0123456789abcdef\n',
      'unknown-key',
      'flavors:\n  python_function:\n    loader_module: m\nrun_id: 0123456789abcdef0123456789abcdef\n',
    ],
    [
      'corrects a misspelled flavour',
      'flavors:\n  python_function:\n    loader_module: m\n  sklaern:\n    pickled_model: model.pkl\n',
      'flavor-misspelled',
      'flavors:\n  python_function:\n    loader_module: m\n  sklearn:\n    pickled_model: model.pkl\n',
    ],
    [
      'corrects an enum value',
      'flavors:\n  python_function:\n    loader_module: m\n  sklearn:\n    serialization_format: cloudpickel\n',
      'invalid-value',
      'flavors:\n  python_function:\n    loader_module: m\n  sklearn:\n    serialization_format: cloudpickle\n',
    ],
    [
      'quotes a version read as a number',
      'flavors:\n  python_function:\n    loader_module: m\n    python_version: 3.10\n',
      'number-as-string',
      "flavors:\n  python_function:\n    loader_module: m\n    python_version: '3.10'\n",
    ],
    [
      'corrects a type name inside folded signature JSON',
      `flavors:\n  python_function:\n    loader_module: m\nsignature:\n  inputs: '[{"type": "double", "name": "a"}, {"type":\n    "strng", "name": "b"}]'\n`,
      'signature-schema',
      `flavors:\n  python_function:\n    loader_module: m\nsignature:\n  inputs: '[{"type": "double", "name": "a"}, {"type":\n    "string", "name": "b"}]'\n`,
    ],
  ];
  for (const [name, before, code, after] of rows) {
    it(name, () => {
      const fixed = fixOnce(before, code);
      assert.equal(fixed, after);
      assert.deepEqual(
        validate(fixed)
          .filter((d) => (d.severity ?? 1) <= 2 || d.code === code)
          .map((d) => d.message),
        [],
      );
    });
  }

  it('offers to create a missing python_env.yaml from conda.yaml, and writes it like MLflow', () => {
    const text =
      'flavors:\n  python_function:\n    env:\n      conda: conda.yaml\n      virtualenv: python_env.yaml\n    loader_module: m\n';
    const reference = referencedFiles(text).find((r) => r.path === 'python_env.yaml');
    assert.ok(reference);
    const diagnostic = missingFileDiagnostic(text, reference);
    assert.equal(diagnostic.severity, 2);
    const [action] = codeActions(text, [diagnostic]);
    assert.deepEqual(action?.createPythonEnv, { condaPath: 'conda.yaml', target: 'python_env.yaml' });
    const dir = path.join(
      REPO_ROOT,
      'test/fixtures/mlflow-2.17.2/mlmodel/v2.17.2--sklearn--sklearn_elasticnet--model',
    );
    const written = pythonEnvFromConda(fs.readFileSync(path.join(dir, 'conda.yaml'), 'utf8')) ?? '';
    assert.match(
      written,
      /^python: 3\.11\.2\nbuild_dependencies:\n- pip<=23\.0\.1\n- setuptools\n- wheel\ndependencies:\n- mlflow==2\.17\.2\n/,
    );
    assert.ok(written.includes('- scikit-learn==1.2.1\n'));
  });

  it('cannot write python_env.yaml from a conda file without a Python version', () => {
    assert.equal(pythonEnvFromConda('dependencies:\n- pip\n'), undefined);
    assert.equal(pythonEnvFromConda('name: x\n'), undefined);
    assert.equal(
      pythonEnvFromConda('dependencies:\n- python=3.9\n- pip=21.0\n'),
      'python: 3.9\nbuild_dependencies:\n- pip==21.0\n- setuptools\n- wheel\ndependencies: []\n',
    );
  });
});
