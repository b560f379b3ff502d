import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initialRequest } from '../../../../src/core/serving/initialRequest';

const MODEL = path.resolve(
  __dirname,
  '../../../fixtures/mlflow-2.17.2/sqlite/mlartifacts/1/5479c2e952464803bc764edb72ee0164/artifacts/model',
);

/** A reader over the recorded model folder that pretends some files are not there. */
const reader =
  (hidden: readonly string[]) =>
  (name: string): Promise<string | undefined> => {
    const p = path.join(MODEL, name);
    return Promise.resolve(
      hidden.includes(name) || !fs.existsSync(p) ? undefined : fs.readFileSync(p, 'utf8'),
    );
  };

describe('initialRequest', () => {
  it('prefers serving_input_example.json, then the wrapped input example, then the signature, then a template', async () => {
    const serving = await initialRequest(reader([]));
    assert.equal(serving.source, 'serving_input_example.json');
    assert.equal(serving.body, fs.readFileSync(path.join(MODEL, 'serving_input_example.json'), 'utf8'));
    assert.equal(serving.signature?.inputs.length, 4);

    const wrapped = await initialRequest(reader(['serving_input_example.json']));
    assert.equal(wrapped.source, 'input_example.json');
    assert.deepEqual(JSON.parse(wrapped.body), JSON.parse(serving.body));

    const generated = await initialRequest(reader(['serving_input_example.json', 'input_example.json']));
    assert.equal(generated.source, 'signature');
    assert.deepEqual(
      (JSON.parse(generated.body) as { dataframe_split: { data: unknown[] } }).dataframe_split.data,
      [[0.5, 0.5, 0.5, 0.5]],
    );

    const none = await initialRequest(
      reader(['serving_input_example.json', 'input_example.json', 'MLmodel']),
    );
    assert.equal(none.source, 'template');
    assert.equal(none.signature, undefined);
  });
});
