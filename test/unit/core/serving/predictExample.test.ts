import * as assert from 'node:assert/strict';
import { fetchedPredictRequest, predictExample } from '../../../../src/core/serving/predictExample';

// The example part of an MLmodel and its input_example.json exactly as real MLflow 2.8.0 wrote
// them for an sklearn model logged with a 2-row pandas input example (no serving_input_example.json:
// MLflow writes that one since 2.14).
const MLMODEL_2_8 = `artifact_path: model
mlflow_version: 2.8.0
saved_input_example_info:
  artifact_path: input_example.json
  pandas_orient: split
  type: dataframe
`;
const INPUT_EXAMPLE_2_8 =
  '{"columns": ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"], "data": [[5.1, 3.5, 1.4, 0.2], [6.3, 3.3, 6.0, 2.5]]}';

const folder = (
  files: Record<string, string>,
): [(n: string) => boolean, (n: string) => string | undefined] => [(n) => n in files, (n) => files[n]];

describe('predictExample', () => {
  it('wraps an MLflow 2.8 input_example.json (split-oriented frame) as dataframe_split, which `mlflow models predict` accepts', () => {
    const got = predictExample(MLMODEL_2_8, ...folder({ 'input_example.json': INPUT_EXAMPLE_2_8 }));
    assert.equal(got?.kind, 'wrapped');
    assert.equal(got.from, 'input_example.json');
    assert.deepEqual(JSON.parse(got.body), { dataframe_split: JSON.parse(INPUT_EXAMPLE_2_8) as unknown });
  });

  it('passes serving_input_example.json as it is when MLflow wrote one', () => {
    const got = predictExample(
      MLMODEL_2_8,
      ...folder({
        'input_example.json': INPUT_EXAMPLE_2_8,
        'serving_input_example.json': '{"dataframe_split": {}}',
      }),
    );
    assert.deepEqual(got, { kind: 'file', name: 'serving_input_example.json' });
  });

  it('passes a raw example with no JSON request form (a sparse matrix) for MLflow to judge, and gives undefined without an example', () => {
    const sparse =
      'saved_input_example_info:\n  artifact_path: input_example.json\n  type: sparse_matrix_csr\n';
    assert.deepEqual(
      predictExample(
        sparse,
        ...folder({
          'input_example.json': '{"data": [1], "indices": [0], "indptr": [0, 1], "shape": [1, 1]}',
        }),
      ),
      { kind: 'file', name: 'input_example.json' },
    );
    assert.equal(predictExample(MLMODEL_2_8, ...folder({ MLmodel: MLMODEL_2_8 })), undefined);
  });

  it('reads only files beside the MLmodel: a path in saved_input_example_info falls back to the default names', () => {
    const hostile =
      'saved_input_example_info:\n  artifact_path: ../../secrets.json\n  serving_input_path: /etc/passwd\n  type: dataframe\n';
    const asked: string[] = [];
    const got = predictExample(
      hostile,
      (n) => {
        asked.push(n);
        return n === 'input_example.json';
      },
      () => '[{"a": 1}]',
    );
    assert.deepEqual(asked, ['serving_input_example.json', 'input_example.json']);
    assert.deepEqual(got && got.kind === 'wrapped' ? JSON.parse(got.body) : got, {
      dataframe_records: [{ a: 1 }],
    });
  });
});

describe('fetchedPredictRequest (a model on a tracking server)', () => {
  const reader =
    (files: Record<string, string>, asked: string[] = []) =>
    (name: string): Promise<string | undefined> => {
      asked.push(name);
      return Promise.resolve(files[name]);
    };

  it('reads the MLmodel, then only the two files it names, and gives the serving payload as it is', async () => {
    const asked: string[] = [];
    const got = await fetchedPredictRequest(
      reader(
        {
          MLmodel: MLMODEL_2_8,
          'serving_input_example.json': '{"dataframe_split": {"columns": ["a"], "data": [[1]]}}',
        },
        asked,
      ),
    );
    assert.deepEqual(got, {
      body: '{"dataframe_split": {"columns": ["a"], "data": [[1]]}}',
      from: 'serving_input_example.json',
    });
    assert.deepEqual(asked, ['MLmodel', 'serving_input_example.json', 'input_example.json']);
  });

  it('wraps a raw 2.8 example as the local reader does, and gives undefined without one', async () => {
    const got = await fetchedPredictRequest(
      reader({ MLmodel: MLMODEL_2_8, 'input_example.json': INPUT_EXAMPLE_2_8 }),
    );
    assert.equal(got?.from, 'input_example.json');
    assert.deepEqual(JSON.parse(got.body), { dataframe_split: JSON.parse(INPUT_EXAMPLE_2_8) as unknown });
    assert.equal(await fetchedPredictRequest(reader({ MLmodel: MLMODEL_2_8 })), undefined);
  });

  it('never asks for a path out of the model folder, whatever the MLmodel names', async () => {
    const asked: string[] = [];
    await fetchedPredictRequest(
      reader(
        {
          MLmodel:
            'saved_input_example_info:\n  artifact_path: ../../etc/passwd\n  serving_input_path: /abs.json\n',
        },
        asked,
      ),
    );
    assert.deepEqual(asked, ['MLmodel', 'serving_input_example.json', 'input_example.json']);
  });
});
