import * as assert from 'node:assert/strict';
import { linesBounds, nearestIndex } from '../../../../src/core/compare/lineGeometry';

const line = (
  xs: number[],
  ys: number[],
  hidden = false,
): { xs: Float64Array; ys: Float64Array; hidden: boolean } => ({
  xs: new Float64Array(xs),
  ys: new Float64Array(ys),
  hidden,
});

describe('line geometry of the compare charts (axis extent, nearest point)', () => {
  it('spans every visible line, including an x that runs backwards (wall time)', () => {
    assert.deepEqual(linesBounds([line([0, 5, 3], [2, -1, 4]), line([10, 9], [0.5, 0.5])]), {
      x0: 0,
      x1: 10,
      y0: -1,
      y1: 4,
    });
  });

  it('leaves hidden lines out, and has no extent without a visible point', () => {
    assert.deepEqual(linesBounds([line([0, 1], [1, 2]), line([100], [-50], true)]), {
      x0: 0,
      x1: 1,
      y0: 1,
      y1: 2,
    });
    assert.equal(linesBounds([line([100], [-50], true), line([], [])]), undefined);
    assert.equal(linesBounds([]), undefined);
  });

  it('finds the nearest x by binary search, the earlier point on a tie, -1 for no points', () => {
    const xs = new Float64Array([0, 10, 20, 30]);
    assert.equal(nearestIndex(xs, -5), 0);
    assert.equal(nearestIndex(xs, 14), 1);
    assert.equal(nearestIndex(xs, 16), 2);
    assert.equal(nearestIndex(xs, 15), 1);
    assert.equal(nearestIndex(xs, 99), 3);
    assert.equal(nearestIndex(new Float64Array([7]), 3), 0);
    assert.equal(nearestIndex(new Float64Array([]), 3), -1);
  });

  it('matches a linear scan on a long sorted line', () => {
    const xs = Float64Array.from({ length: 1000 }, (_, i) => i * i * 0.01);
    for (const x of [-1, 0.004, 17.3, 2500.5, 9980, 1e6]) {
      let best = 0;
      xs.forEach((v, i) => {
        if (Math.abs(v - x) < Math.abs((xs[best] ?? 0) - x)) {
          best = i;
        }
      });
      assert.equal(nearestIndex(xs, x), best, `x = ${String(x)}`);
    }
  });
});
