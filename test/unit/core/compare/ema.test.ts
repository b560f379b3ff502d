import * as assert from 'node:assert/strict';
import { ema } from '../../../../src/core/compare/ema';

const close = (a: number, b: number): boolean => Math.abs(a - b) < 1e-12;

describe('ema (TensorBoard-style debiased smoothing)', () => {
  it('is the identity at weight 0, as a copy', () => {
    const ys = new Float64Array([3, 1, 4, 1, 5]);
    const out = ema(ys, 0);
    assert.deepEqual([...out], [...ys]);
    assert.notEqual(out, ys);
  });

  it('debiases the start: a constant series stays constant instead of rising from 0', () => {
    const out = ema(new Float64Array(50).fill(2), 0.9);
    assert.ok(out.every((v) => close(v, 2)));
  });

  it('matches the debiased recurrence', () => {
    const ys = [1, 2, 3, 10];
    const w = 0.6;
    let last = 0;
    const expected = ys.map((y, i) => {
      last = last * w + (1 - w) * y;
      return last / (1 - w ** (i + 1));
    });
    const out = ema(new Float64Array(ys), w);
    assert.ok(expected.every((e, i) => close(out[i]!, e)));
    assert.equal(out[0], 1, 'the first point is the first value');
    assert.ok(out[3]! < 10 && out[3]! > 3, 'the jump is smoothed');
  });

  it('passes NaN and ±Infinity through without poisoning later values', () => {
    const out = ema(new Float64Array([1, Number.NaN, 1, Infinity, -Infinity, 1]), 0.5);
    assert.ok(Number.isNaN(out[1]!));
    assert.equal(out[3], Infinity);
    assert.equal(out[4], -Infinity);
    assert.ok([0, 2, 5].every((i) => close(out[i]!, 1)));
  });

  it('clamps a weight outside [0, 1) instead of producing NaN', () => {
    for (const w of [1, 5, -1, Number.NaN]) {
      const out = ema(new Float64Array([1, 2, 3]), w);
      assert.ok(out.every(Number.isFinite), `weight ${w}`);
    }
  });
});
