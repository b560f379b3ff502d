import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { comparePredictions, predictionList } from '../../../../src/core/serving/comparePredictions';
import { jsonBodyToCsv, parseCsv } from '../../../../src/core/serving/csvBody';

const SERVE = path.resolve(__dirname, '../../../fixtures/mlflow-2.17.2/serve');
const recorded = (rel: string): { request: { body: unknown }; response: { body: unknown } } =>
  JSON.parse(fs.readFileSync(path.join(SERVE, rel), 'utf8')) as {
    request: { body: unknown };
    response: { body: unknown };
  };

describe('comparePredictions', () => {
  it('finds the one row where the recorded wine answers differ (params changed the label)', () => {
    const a = JSON.stringify(recorded('pyfunc-wine/invocations-serving_input_example.json').response.body);
    const b = JSON.stringify(recorded('pyfunc-wine/invocations-with_params.json').response.body);
    const c = comparePredictions(a, b);
    assert.equal(c.rows.length, 2);
    assert.equal(c.differing, 1);
    assert.deepEqual(
      c.rows.map((r) => r.same),
      [false, true],
    );
    assert.match(c.rows[0]!.left, /"medium"/);
    assert.match(c.rows[0]!.right, /"high"/);
  });

  it('reports identical answers and rows missing on one side', () => {
    const same = JSON.stringify(recorded('sklearn-rf-iris/invocations-dataframe_split.json').response.body);
    assert.equal(comparePredictions(same, same).differing, 0);
    const short = comparePredictions('{"predictions":[0,1,2]}', '{"predictions":[0,1]}');
    assert.deepEqual(short.rows[2], { index: 2, left: '2', right: '(missing)', same: false });
  });

  it('reads bare lists and column dicts, and says when an answer has no predictions', () => {
    assert.deepEqual(predictionList('[1,2]'), [1, 2]);
    assert.deepEqual(predictionList('{"predictions":{"a":[1,2],"b":["x","y"]}}'), [
      { a: 1, b: 'x' },
      { a: 2, b: 'y' },
    ]);
    const bad = comparePredictions('<html>', '{"predictions":[1]}');
    assert.match(bad.problem ?? '', /first answer has no list/);
  });
});

describe('CSV bodies', () => {
  it('turns the recorded dataframe_split request into the recorded CSV request', () => {
    const split = recorded('sklearn-rf-iris/invocations-dataframe_split.json').request.body as {
      dataframe_split: { data: unknown[] };
    };
    const twoRows = {
      dataframe_split: { ...split.dataframe_split, data: split.dataframe_split.data.slice(0, 2) },
    };
    assert.equal(
      jsonBodyToCsv(JSON.stringify(twoRows)),
      recorded('sklearn-rf-iris/invocations-dataframe-csv.json').request.body,
    );
  });

  it('converts records, quotes commas and quotes, and has no CSV form for tensors', () => {
    assert.equal(
      jsonBodyToCsv('{"dataframe_records":[{"a":1,"b":"x,y"},{"a":2,"b":"say \\"hi\\""}]}'),
      'a,b\n1,"x,y"\n2,"say ""hi"""\n',
    );
    assert.equal(jsonBodyToCsv('{"inputs":[[1]]}'), undefined);
    assert.deepEqual(parseCsv('a,b\r\n"1,5",2\n\n'), [
      ['a', 'b'],
      ['1,5', '2'],
    ]);
  });
});
