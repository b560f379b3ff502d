import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkRequestBody } from '../../../../src/core/serving/checkRequestBody';
import { generateRequestBody } from '../../../../src/core/serving/generateRequestBody';
import { readServingInfo } from '../../../../src/core/serving/servingSignature';
import { wrapInputExample } from '../../../../src/core/serving/wrapInputExample';

const FIXTURES = path.resolve(__dirname, '../../../fixtures');

function mlmodelFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? mlmodelFiles(p) : e.name === 'MLmodel' ? [p] : [];
  });
}

const errors = (
  body: string,
  sig: Parameters<typeof checkRequestBody>[2],
  type: 'application/json' | 'text/csv' = 'application/json',
): string[] =>
  checkRequestBody(body, type, sig)
    .filter((p) => p.severity === 'error')
    .map((p) => p.message);

describe('request bodies from every fixture MLmodel signature', () => {
  const files = mlmodelFiles(FIXTURES);
  const withSignature = files.filter(
    (f) => readServingInfo(fs.readFileSync(f, 'utf8')).signature !== undefined,
  );

  it('finds the recorded and sample models', () => {
    assert.ok(files.length >= 20, String(files.length));
    assert.ok(withSignature.length >= 10, String(withSignature.length));
  });

  it('generates a body for each signature that parses and passes its own signature check', () => {
    for (const f of withSignature) {
      const sig = readServingInfo(fs.readFileSync(f, 'utf8')).signature;
      const body = generateRequestBody(sig!);
      const parsed = JSON.parse(body) as Record<string, unknown>;
      const key = sig!.inputs[0]?.kind === 'tensor' ? 'inputs' : 'dataframe_split';
      assert.ok(key in parsed, `${f}: ${body.slice(0, 200)}`);
      assert.deepEqual(errors(body, sig), [], f);
    }
  });

  it('wraps each input_example.json into exactly the serving_input_example.json MLflow wrote beside it', () => {
    let compared = 0;
    for (const f of files) {
      const dir = path.dirname(f);
      const info = readServingInfo(fs.readFileSync(f, 'utf8'));
      const example = path.join(dir, info.inputExample?.artifactPath ?? 'input_example.json');
      const serving = path.join(dir, info.inputExample?.servingInputPath ?? 'serving_input_example.json');
      if (!fs.existsSync(example) || !fs.existsSync(serving)) {
        continue;
      }
      const wrapped = wrapInputExample(fs.readFileSync(example, 'utf8'), info.inputExample);
      assert.ok(wrapped, f);
      assert.deepEqual(JSON.parse(wrapped), JSON.parse(fs.readFileSync(serving, 'utf8')), f);
      assert.deepEqual(errors(wrapped, info.signature), [], f);
      compared++;
    }
    assert.ok(compared >= 5, String(compared));
  });
});

describe('generateRequestBody', () => {
  const sample = (name: string): ReturnType<typeof readServingInfo> =>
    readServingInfo(fs.readFileSync(path.join(FIXTURES, 'mlmodel-samples', name, 'MLmodel'), 'utf8'));

  it('gives a column signature one dataframe_split row of typed placeholders', () => {
    const iris = readServingInfo(
      fs.readFileSync(
        path.join(
          FIXTURES,
          'mlflow-2.17.2/sqlite/mlartifacts/1/5479c2e952464803bc764edb72ee0164/artifacts/model/MLmodel',
        ),
        'utf8',
      ),
    );
    assert.deepEqual(JSON.parse(generateRequestBody(iris.signature!)), {
      dataframe_split: {
        columns: ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'],
        data: [[0.5, 0.5, 0.5, 0.5]],
      },
    });
  });

  it('gives a tensor signature an inputs array of the declared shape, and params their defaults', () => {
    const body = JSON.parse(generateRequestBody(sample('valid-pytorch-tensors').signature!)) as {
      inputs: number[][][][];
      params: unknown;
    };
    assert.equal(body.inputs.length, 1);
    assert.equal(body.inputs[0]!.length, 3);
    assert.equal(body.inputs[0]![0]!.length, 224);
    assert.equal(body.inputs[0]![0]![0]!.length, 224);
    assert.equal(body.inputs[0]![0]![0]![0], 0.5);
    assert.deepEqual(body.params, { top_k: 5, labels: ['a', 'b'], since: '2024-01-01T00:00:00' });
  });

  it('fills structured columns (map of arrays, any) and keeps params defaults', () => {
    const body = JSON.parse(generateRequestBody(sample('valid-transformers-params').signature!)) as unknown;
    assert.deepEqual(body, {
      dataframe_split: { columns: ['prompt', 'extra'], data: [[{ key: [''] }, null]] },
      params: { temperature: 0.7, stream: false },
    });
  });

  it('names tensors when the signature does', () => {
    const body = JSON.parse(
      generateRequestBody({
        inputs: [
          { kind: 'tensor', name: 'a', dtype: 'int64', shape: [-1, 2] },
          { kind: 'tensor', name: 'b', dtype: 'str', shape: [-1] },
        ],
        params: [],
      }),
    ) as unknown;
    assert.deepEqual(body, { inputs: { a: [[0, 0]], b: [''] } });
  });

  it('refuses to generate an absurdly large tensor', () => {
    assert.throws(
      () =>
        generateRequestBody({
          inputs: [{ kind: 'tensor', name: undefined, dtype: 'float32', shape: [1000, 1000] }],
          params: [],
        }),
      /too many/,
    );
  });
});

describe('wrapInputExample', () => {
  it('wraps by saved_input_example_info.type and pandas_orient', () => {
    const info = (type: string, orient?: string) => ({
      type,
      pandasOrient: orient,
      artifactPath: undefined,
      servingInputPath: undefined,
    });
    assert.deepEqual(
      JSON.parse(wrapInputExample('{"columns":["a"],"data":[[1]]}', info('dataframe', 'split'))!),
      { dataframe_split: { columns: ['a'], data: [[1]] } },
    );
    assert.deepEqual(JSON.parse(wrapInputExample('[{"a":1}]', info('dataframe', 'records'))!), {
      dataframe_records: [{ a: 1 }],
    });
    assert.deepEqual(JSON.parse(wrapInputExample('[[1,2]]', info('ndarray'))!), { inputs: [[1, 2]] });
    assert.deepEqual(JSON.parse(wrapInputExample('{"prompt":"hi"}', info('json_object'))!), {
      inputs: { prompt: 'hi' },
    });
    assert.deepEqual(
      JSON.parse(wrapInputExample('{"inputs":[1]}', info('ndarray'))!),
      { inputs: [1] },
      'already a serving body',
    );
    assert.equal(wrapInputExample('{"data":[1]}', info('sparse_matrix_csr')), undefined);
    assert.equal(wrapInputExample('not json', info('dataframe')), undefined);
  });
});
