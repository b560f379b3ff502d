import * as assert from 'node:assert/strict';
import { load } from 'js-yaml';
import { fillTemplate, hasPlaceholder } from '../../../../src/core/scaffold/fillTemplate';
import { LOGGED_MODEL_URI_PREFIX, SCAFFOLD_MARKER } from '../../../../src/core/scaffold/logScript';
import { checkModelName, modelClassName } from '../../../../src/core/scaffold/modelName';
import {
  SCAFFOLD_TEMPLATES,
  isScaffoldTemplateId,
  scaffoldFiles,
} from '../../../../src/core/scaffold/scaffoldTemplates';
import type { ScaffoldTemplateId } from '../../../../src/core/scaffold/scaffoldTypes';

const EXPECTED_FILES = ['README.md', 'log_model.py', 'model.py', 'python_env.yaml', 'requirements.txt'];
const IDS: ScaffoldTemplateId[] = ['onnx-genai', 'models-from-code', 'transformers-pipeline'];

function fileOf(id: ScaffoldTemplateId, relativePath: string, name = 'phi3_mini'): string {
  const f = scaffoldFiles({ template: id, name }).find((x) => x.relativePath === relativePath);
  assert.ok(f, `${id} writes ${relativePath}`);
  return f.content;
}

describe('custom-model scaffold templates (src/core/scaffold)', () => {
  it('lists the three templates, each with a label, description and detail', () => {
    assert.deepEqual(
      SCAFFOLD_TEMPLATES.map((t) => t.id),
      IDS,
    );
    for (const t of SCAFFOLD_TEMPLATES) {
      assert.ok(t.label.length > 0 && t.description.length > 0 && t.detail.length > 0, t.id);
    }
    assert.ok(isScaffoldTemplateId('models-from-code'));
    assert.ok(!isScaffoldTemplateId('toString'), 'an Object.prototype key is not a template');
    assert.ok(!isScaffoldTemplateId(undefined));
  });

  for (const id of IDS) {
    describe(id, () => {
      it('writes every file, with the name substituted and no placeholder left', () => {
        const files = scaffoldFiles({ template: id, name: 'phi3_mini' });
        assert.deepEqual(files.map((f) => f.relativePath).sort(), EXPECTED_FILES);
        for (const f of files) {
          assert.ok(!hasPlaceholder(f.content), `${f.relativePath} has no {{placeholder}} left`);
          assert.ok(
            !f.content.includes('undefined'),
            `${f.relativePath} has no "undefined" from a missing value`,
          );
        }
        assert.match(fileOf(id, 'model.py'), /^class Phi3MiniModel\(mlflow\.pyfunc\.PythonModel\):$/m);
        assert.match(fileOf(id, 'model.py'), /^mlflow\.models\.set_model\(Phi3MiniModel\(\)\)$/m);
        assert.match(fileOf(id, 'log_model.py'), /^MODEL_NAME = "phi3_mini"$/m);
        assert.match(fileOf(id, 'README.md'), /^# phi3_mini — /);
      });

      it('defines load_context(self, context) and predict(self, context, model_input, params=None)', () => {
        const model = fileOf(id, 'model.py');
        assert.match(model, /^ {4}def load_context\(self, context\):$/m);
        assert.match(model, /^ {4}def predict\(self, context, model_input, params=None\):$/m);
      });

      it('logs model.py by path with a signature, an input example and requirements.txt, naming it for MLflow 2 and 3', () => {
        const script = fileOf(id, 'log_model.py');
        assert.equal(script.split('\n')[0], SCAFFOLD_MARKER);
        assert.match(script, /python_model=str\(HERE \/ "model\.py"\)/);
        assert.match(script, /signature = infer_signature\(input_example, /);
        assert.match(script, /signature=signature,\n\s+input_example=input_example,/);
        assert.match(script, /pip_requirements=str\(HERE \/ "requirements\.txt"\)/);
        assert.match(
          script,
          /if major >= 3:\n\s+return \{"name": MODEL_NAME\}\n\s+return \{"artifact_path": MODEL_NAME\}/,
        );
        assert.match(script, /\*\*name_kwargs\(\),/);
        assert.ok(script.includes(`print(f"${LOGGED_MODEL_URI_PREFIX}{model_info.model_uri}", flush=True)`));
        assert.match(script, /^if __name__ == "__main__":\n {4}main\(\)$/m);
      });

      it('writes python_env.yaml in MLflow’s format, its dependencies read from requirements.txt', () => {
        const env = load(fileOf(id, 'python_env.yaml')) as Record<string, unknown>;
        assert.deepEqual(Object.keys(env).sort(), ['build_dependencies', 'dependencies', 'python']);
        assert.match(String(env.python), /^3\.\d+$/);
        assert.deepEqual(env.build_dependencies, ['pip', 'setuptools', 'wheel']);
        assert.deepEqual(env.dependencies, ['-r requirements.txt']);
        assert.match(fileOf(id, 'requirements.txt'), /^mlflow>=2\.12\.2,<4$/m);
      });

      it('ends its README with the next steps through the extension’s commands', () => {
        const readme = fileOf(id, 'README.md');
        for (const command of [
          'MLflow: Log Model',
          'MLflow: Serve Model Locally…',
          'MLflow: Try the Endpoint…',
          'MLflow: Deploy Model…',
        ]) {
          assert.ok(readme.includes(command), `README mentions ${command}`);
        }
      });
    });
  }

  it('wraps the ONNX model with onnxruntime-genai, opening the folder from context.artifacts["model"]', () => {
    const model = fileOf('onnx-genai', 'model.py');
    assert.match(model, /og\.Model\(context\.artifacts\["model"\]\)/);
    assert.match(
      model,
      /generator\.append_tokens\(tokens\)\n\s+while not generator\.is_done\(\):\n\s+generator\.generate_next_token\(\)/,
    );
    assert.match(fileOf('onnx-genai', 'log_model.py'), /artifacts=\{"model": str\(MODEL_DIR\)\}/);
    assert.match(fileOf('onnx-genai', 'requirements.txt'), /^onnxruntime-genai>=0\.6$/m);
    assert.match(
      fileOf('onnx-genai', 'README.md'),
      /## Why onnxruntime-genai and not onnxruntime\.InferenceSession/,
    );
  });

  it('wraps the transformers pipeline saved as the "pipeline" artifact', () => {
    assert.match(
      fileOf('transformers-pipeline', 'model.py'),
      /context\.artifacts\.get\("pipeline", SOURCE_MODEL\)/,
    );
    assert.match(
      fileOf('transformers-pipeline', 'log_model.py'),
      /\.save_pretrained\(saved\)[\s\S]*artifacts=\{"pipeline": saved\}/,
    );
  });

  describe('model names', () => {
    it('accepts lower-case Python identifiers and derives the class name', () => {
      for (const ok of ['phi3_mini', 'm', 'wine_quality_v2']) {
        assert.deepEqual(checkModelName(ok), { ok: true }, ok);
      }
      assert.equal(modelClassName('phi3_mini'), 'Phi3MiniModel');
      assert.equal(modelClassName('wine__v2'), 'WineV2Model');
    });

    const attempts: [string, RegExp][] = [
      ['', /Enter a name/],
      ['x"; import os; os.system("rm -rf ~") #', /lower-case letters/],
      ["x'\nimport os", /lower-case letters/],
      ['../../etc', /lower-case letters/],
      ['/tmp/evil', /lower-case letters/],
      ['-rf', /lower-case letters/],
      ['a b', /lower-case letters/],
      ['Phi3', /lower-case letters/],
      ['_private', /lower-case letters/],
      ['3d_model', /lower-case letters/],
      ['modèle', /lower-case letters/],
      ['{{name}}', /lower-case letters/],
      ['x'.repeat(65), /at most 64/],
      ['class', /keyword or a module/],
      ['mlflow', /keyword or a module/],
      ['pandas', /keyword or a module/],
      ['model', /keyword or a module/],
    ];
    for (const [name, message] of attempts) {
      it(`rejects ${JSON.stringify(name.length > 20 ? `${name.slice(0, 20)}…` : name)} and writes nothing for it`, () => {
        const r = checkModelName(name);
        assert.ok(!r.ok, 'rejected');
        assert.match(r.error, message);
        assert.throws(() => scaffoldFiles({ template: 'models-from-code', name }), message);
      });
    }

    it('refuses an unknown template', () => {
      assert.throws(
        () => scaffoldFiles({ template: 'pickle' as ScaffoldTemplateId, name: 'ok_name' }),
        /Unknown template "pickle"/,
      );
    });
  });

  describe('fillTemplate', () => {
    it('fills every placeholder and throws on one without a value', () => {
      assert.equal(fillTemplate('a {{x}} b {{ x }} {y}', { x: '1' }), 'a 1 b 1 {y}');
      assert.throws(() => fillTemplate('{{missing}}', {}), /\{\{missing\}\} has no value/);
      assert.ok(hasPlaceholder('x {{name}}'));
      assert.ok(!hasPlaceholder('f"{name}"'));
    });
  });
});
