import * as assert from 'node:assert/strict';
import { closestMatch, editDistance } from '../../../../src/core/mlmodel/closestMatch';

describe('closestMatch', () => {
  const candidates = ['run_id', 'model_uuid', 'utc_time_created', 'flavors', 'signature', 'env'];
  const rows: [string, string | undefined][] = [
    ['run_di', 'run_id'],
    ['flavours', 'flavors'],
    ['Signature', 'signature'],
    ['model-uuid', 'model_uuid'],
    ['time_created', 'utc_time_created'],
    ['evn', undefined],
    ['metadata', undefined],
    ['flavors', undefined],
  ];
  for (const [word, expected] of rows) {
    it(`${word} -> ${String(expected)}`, () => {
      assert.equal(closestMatch(word, candidates), expected);
    });
  }

  it('counts edits and stops early past the limit', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('a', 'abcdefgh'), 4);
  });
});
