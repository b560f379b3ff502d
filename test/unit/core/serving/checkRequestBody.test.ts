import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkRequestBody } from '../../../../src/core/serving/checkRequestBody';
import { readServingInfo, type ServingSignature } from '../../../../src/core/serving/servingSignature';

const FIX = path.resolve(__dirname, '../../../fixtures/mlflow-2.17.2');
const signatureOf = (rel: string): ServingSignature =>
  readServingInfo(fs.readFileSync(path.join(FIX, rel, 'MLmodel'), 'utf8')).signature!;
const IRIS = signatureOf('sqlite/mlartifacts/1/5479c2e952464803bc764edb72ee0164/artifacts/model');
const WINE = signatureOf('sqlite/mlartifacts/2/c4277242c4c045f9bdd8cc9e2425ef66/artifacts/pyfunc_model');
/** Which recorded scoring session served which logged model (see each session's _serve-info.json). */
const SESSIONS: Record<string, ServingSignature> = {
  'sklearn-rf-iris': IRIS,
  'sklearn-iris-champion': IRIS,
  'pyfunc-wine': WINE,
};

interface Exchange {
  request: { headers?: Record<string, string>; body: unknown };
  response: { status: number };
}

const errorsOf = (
  body: string,
  type: 'application/json' | 'text/csv',
  sig: ServingSignature | undefined,
): string[] =>
  checkRequestBody(body, type, sig)
    .filter((p) => p.severity === 'error')
    .map((p) => p.message);

describe('checkRequestBody', () => {
  it('agrees with the real scoring server on every recorded request: errors exactly where it answered 400', () => {
    let checked = 0;
    for (const [session, sig] of Object.entries(SESSIONS)) {
      for (const f of fs
        .readdirSync(path.join(FIX, 'serve', session))
        .filter((n) => n.startsWith('invocations-'))) {
        const ex = JSON.parse(fs.readFileSync(path.join(FIX, 'serve', session, f), 'utf8')) as Exchange;
        const type = ex.request.headers?.['Content-Type'];
        if (type !== 'application/json' && type !== 'text/csv') {
          continue; // the 415 recordings are about the header, not the body
        }
        const body = typeof ex.request.body === 'string' ? ex.request.body : JSON.stringify(ex.request.body);
        const errs = errorsOf(body, type, sig);
        if (ex.response.status === 200) {
          assert.deepEqual(errs, [], `${session}/${f}`);
        } else {
          assert.ok(errs.length > 0, `${session}/${f} was refused by the server but passed the check`);
        }
        checked++;
      }
    }
    assert.ok(checked >= 12, String(checked));
  });

  it('names the missing column, the wrong type, and the row', () => {
    const missing = errorsOf(
      '{"dataframe_split":{"columns":["sepal length (cm)"],"data":[[1.0]]}}',
      'application/json',
      IRIS,
    );
    assert.ok(missing.includes('Missing required column "petal width (cm)".'), missing.join('\n'));
    const wrong = errorsOf(
      JSON.stringify({
        dataframe_split: {
          columns: IRIS.inputs.map((c) => c.name),
          data: [
            [1, 2, 3, 4],
            [1, 'x', 3, 4],
          ],
        },
      }),
      'application/json',
      IRIS,
    );
    assert.deepEqual(wrong, ['Row 2: "sepal width (cm)" should be double, got string "x".']);
    const width = errorsOf(
      JSON.stringify({ dataframe_split: { columns: IRIS.inputs.map((c) => c.name), data: [[1, 2]] } }),
      'application/json',
      IRIS,
    );
    assert.deepEqual(width, ['Row 1 has 2 values for 4 columns.']);
  });

  it('checks params: unknown ones are a warning (the server ignores them), wrong types an error', () => {
    const base = {
      dataframe_split: { columns: WINE.inputs.map((c) => c.name), data: [WINE.inputs.map(() => 1.5)] },
    };
    const unknown = checkRequestBody(
      JSON.stringify({ ...base, params: { nope: 1 } }),
      'application/json',
      WINE,
    );
    assert.deepEqual(
      unknown.map((p) => p.severity),
      ['warning'],
    );
    assert.match(unknown[0]!.message, /Unknown param "nope" is ignored/);
    assert.deepEqual(
      errorsOf(JSON.stringify({ ...base, params: { high_cutoff: 'high' } }), 'application/json', WINE),
      ['Param "high_cutoff" should be double, got string "high".'],
    );
    assert.deepEqual(
      errorsOf(JSON.stringify({ ...base, params: { high_cutoff: 3 } }), 'application/json', WINE),
      [],
    );
  });

  it('checks tensor shapes and dtypes', () => {
    const sig: ServingSignature = {
      inputs: [{ kind: 'tensor', name: undefined, dtype: 'float32', shape: [-1, 2] }],
      params: [],
    };
    assert.deepEqual(errorsOf('{"inputs": [[1, 2], [3, 4]]}', 'application/json', sig), []);
    assert.match(
      errorsOf('{"inputs": [1, 2]}', 'application/json', sig)[0] ?? '',
      /should have 2 dimensions/,
    );
    assert.match(
      errorsOf('{"inputs": [[1, 2, 3]]}', 'application/json', sig)[0] ?? '',
      /dimension 2 has 3 entries, the shape says 2/,
    );
    assert.match(errorsOf('{"inputs": [["a", "b"]]}', 'application/json', sig)[0] ?? '', /float32 numbers/);
  });

  it('refuses bodies without exactly one input key, and unknown keys', () => {
    assert.match(
      errorsOf('{"data": [[1]]}', 'application/json', undefined)[0] ?? '',
      /needs one of dataframe_split/,
    );
    assert.ok(
      errorsOf('{"inputs": [1], "instances": [1]}', 'application/json', undefined).some((e) =>
        /Only one of/.test(e),
      ),
    );
    assert.match(errorsOf('[1, 2]', 'application/json', undefined)[0] ?? '', /JSON object/);
    assert.match(errorsOf('{"dataframe_split": ', 'application/json', undefined)[0] ?? '', /not valid JSON/);
  });

  it('checks CSV header against the signature and row widths', () => {
    assert.deepEqual(
      errorsOf(
        'sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)\n1,2,3,4\n',
        'text/csv',
        IRIS,
      ),
      [],
    );
    const errs = errorsOf('sepal length (cm),sepal width (cm)\n1,2,3\n', 'text/csv', IRIS);
    assert.ok(errs.includes('CSV row 1 has 3 fields for 2 columns.'), errs.join('\n'));
    assert.ok(errs.includes('Missing required column "petal length (cm)".'), errs.join('\n'));
  });

  it('stays bounded on a huge body', () => {
    const data = Array.from({ length: 20_000 }, () => ['x', 'y', 'z', 'w']);
    const problems = checkRequestBody(
      JSON.stringify({ dataframe_split: { columns: IRIS.inputs.map((c) => c.name), data } }),
      'application/json',
      IRIS,
    );
    assert.equal(problems.length, 20);
  });
});
