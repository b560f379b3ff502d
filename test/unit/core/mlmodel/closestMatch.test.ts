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

  it('is exact up to the limit and says "limit + 1" past it, even for equal lengths', () => {
    // Only the band within `max` of the diagonal is computed, so nothing past it is known.
    assert.equal(editDistance('abcd', 'wxyz', 1), 2);
    assert.equal(editDistance('flavor_12', 'sklearn', 2), 3);
    assert.equal(editDistance('sklaern', 'sklearn', 2), 2);
    assert.equal(editDistance('', 'ab', 2), 2);
  });

  it('agrees with the full table on every pair of short words over a small alphabet', () => {
    const full = (a: string, b: string): number => {
      let row = Array.from({ length: b.length + 1 }, (_, j) => j);
      for (let i = 1; i <= a.length; i++) {
        const next = [i];
        for (let j = 1; j <= b.length; j++) {
          next.push(
            Math.min(
              (row[j] ?? 0) + 1,
              (next[j - 1] ?? 0) + 1,
              (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
            ),
          );
        }
        row = next;
      }
      return row[b.length] ?? 0;
    };
    const words = [''];
    for (let length = 1; length <= 4; length++) {
      for (const word of words.filter((w) => w.length === length - 1)) {
        words.push(`${word}a`, `${word}b`);
      }
    }
    for (const a of words) {
      for (const b of words) {
        for (const max of [0, 1, 2, 3]) {
          assert.equal(editDistance(a, b, max), Math.min(full(a, b), max + 1), `${a} / ${b} / ${max}`);
        }
      }
    }
  });

  it('suggests nothing for a megabyte-long key without comparing it letter by letter', () => {
    assert.equal(closestMatch('x'.repeat(1 << 20), candidates), undefined);
    assert.equal(closestMatch('UTC_TIME_CREATED', candidates), 'utc_time_created');
  });
});
