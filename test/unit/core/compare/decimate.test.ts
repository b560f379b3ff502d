import * as assert from 'node:assert/strict';
import { decimate, decimateIndices } from '../../../../src/core/compare/decimate';

function line(n: number, f: (i: number) => number): { xs: Float64Array; ys: Float64Array } {
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = i;
    ys[i] = f(i);
  }
  return { xs, ys };
}

/** y of the polyline (xs, ys) at x, by linear interpolation between the kept points. */
function interpolate(xs: Float64Array, ys: Float64Array, x: number): number {
  let j = 1;
  while (j < xs.length - 1 && xs[j]! < x) {
    j++;
  }
  const x0 = xs[j - 1]!;
  const x1 = xs[j]!;
  return x1 === x0 ? ys[j]! : ys[j - 1]! + ((ys[j]! - ys[j - 1]!) * (x - x0)) / (x1 - x0);
}

function strictlyIncreasing(xs: Float64Array): boolean {
  return xs.every((x, i) => i === 0 || x > xs[i - 1]!);
}

describe('decimate (Largest-Triangle-Three-Buckets, extremes kept)', () => {
  it('returns the input arrays themselves when they already fit', () => {
    const s = line(100, Math.sqrt);
    const out = decimate(s.xs, s.ys, 100);
    assert.equal(out.xs, s.xs);
    assert.equal(out.ys, s.ys);
    assert.equal(decimate(s.xs, s.ys, 500).ys, s.ys);
    const three = line(3, (i) => i);
    assert.equal(decimate(three.xs, three.ys, 1).xs, three.xs, 'fewer points than the 4 the output may hold');
  });

  it('keeps the output within max(threshold, 4) and the input length, for any threshold', () => {
    const s = line(1000, (i) => Math.sin(i / 7) * (i % 13));
    for (const t of [-5, 0, 1, 3, 4, 5, 10, 99, 999, 1000, 5000, Number.NaN, 10.7]) {
      const out = decimate(s.xs, s.ys, t);
      const bound = Number.isNaN(t) ? 4 : Math.max(Math.floor(t), 4);
      assert.ok(out.xs.length <= bound && out.xs.length <= 1000, `threshold ${t}: ${out.xs.length}`);
      assert.equal(out.xs.length, out.ys.length);
      assert.ok(
        out.xs.length >= Math.min(bound, 1000) - 2,
        `threshold ${t}: uses its budget (${out.xs.length})`,
      );
    }
  });

  it('always keeps the first, the last and the global min and max points, even when LTTB would not', () => {
    // A spike to the max and a dip to the min that sit next to bigger-area neighbours.
    const s = line(10_000, (i) => (i === 4321 ? 5 : i === 4322 ? -5 : i === 7777 ? -6 : Math.sin(i / 50)));
    for (const t of [4, 5, 20, 300]) {
      const out = decimate(s.xs, s.ys, t);
      assert.equal(out.xs[0], 0);
      assert.equal(out.xs[out.xs.length - 1], 9999);
      assert.ok(out.xs.includes(4321), `max kept at threshold ${t}`);
      assert.ok(out.xs.includes(7777), `min kept at threshold ${t}`);
      assert.equal(Math.max(...out.ys), 5);
      assert.equal(Math.min(...out.ys), -6);
      assert.ok(strictlyIncreasing(out.xs), 'x order preserved');
    }
  });

  it('keeps the shape of a sine wave: the kept polyline stays close to every original point', () => {
    const s = line(10_000, (i) => Math.sin((i / 10_000) * 6 * Math.PI));
    const out = decimate(s.xs, s.ys, 400);
    assert.ok(out.xs.length <= 400);
    assert.ok(strictlyIncreasing(out.xs));
    let worst = 0;
    for (let i = 0; i < 10_000; i++) {
      worst = Math.max(worst, Math.abs(interpolate(out.xs, out.ys, i) - s.ys[i]!));
    }
    assert.ok(worst < 0.01, `max abs error ${worst}`);
    // Every kept point is an original point (no invented values).
    out.xs.forEach((x, k) => {
      assert.equal(out.ys[k], s.ys[x]);
    });
  });

  it("keeps a noisy curve's envelope better than taking every k-th point would", () => {
    const noise = (i: number): number => ((i * 2654435761) % 1000) / 1000 - 0.5;
    const s = line(20_000, (i) => Math.exp(-i / 5000) + 0.2 * noise(i));
    const out = decimate(s.xs, s.ys, 500);
    const range = (ys: Float64Array): number => Math.max(...ys) - Math.min(...ys);
    const strided = s.ys.filter((_, i) => i % 40 === 0);
    assert.equal(range(out.ys), range(s.ys));
    assert.ok(range(out.ys) > range(strided));
  });

  it('does not let NaN or ±Infinity break it: they are never picked over a finite point, and a NaN gap survives', () => {
    const s = line(1000, (i) =>
      i >= 400 && i < 600 ? Number.NaN : i === 10 ? Infinity : i === 11 ? -Infinity : Math.cos(i / 30),
    );
    s.ys[0] = Number.NaN;
    const out = decimate(s.xs, s.ys, 50);
    assert.ok(out.xs.length <= 50);
    assert.ok(strictlyIncreasing(out.xs));
    assert.equal(out.xs[0], 0, 'the first point is kept even when it is NaN');
    assert.ok(Number.isNaN(out.ys[0]!));
    const inGap = [...out.xs].filter((x) => x >= 400 && x < 600);
    assert.ok(inGap.length > 0, 'the NaN stretch stays a gap in the chart');
    assert.ok(inGap.every((x) => Number.isNaN(s.ys[x]!)));
    assert.ok(
      !out.ys.includes(Infinity) && !out.ys.includes(-Infinity),
      'infinite values are never chosen over finite neighbours',
    );
    // Extremes are those of the finite values.
    const finite = [...s.ys].filter(Number.isFinite);
    assert.ok(out.ys.includes(Math.max(...finite)) && out.ys.includes(Math.min(...finite)));
  });

  it('copes with all-NaN input and with values near the double limit that MLflow stores for ±inf', () => {
    const nan = line(100, () => Number.NaN);
    const out = decimate(nan.xs, nan.ys, 10);
    assert.ok(out.xs.length <= 10 && out.xs[0] === 0 && out.xs[out.xs.length - 1] === 99);
    const huge = line(1000, (i) =>
      i % 100 === 50 ? 1.7976931348623157e308 : i % 100 === 51 ? -1.7976931348623157e308 : i,
    );
    const h = decimate(huge.xs, huge.ys, 20);
    assert.ok(h.xs.length <= 20 && strictlyIncreasing(h.xs));
    assert.ok(h.ys.includes(1.7976931348623157e308) && h.ys.includes(-1.7976931348623157e308));
  });

  it('gives ascending, unique indices (used to keep the matching timestamps)', () => {
    const s = line(5000, (i) => Math.sin(i) * i);
    const idx = decimateIndices(s.xs, s.ys, 100);
    assert.ok(idx !== undefined && idx.length <= 100);
    assert.ok(idx.every((v, i) => i === 0 || v > idx[i - 1]!));
    assert.equal(decimateIndices(s.xs, s.ys, 5000), undefined);
  });
});
