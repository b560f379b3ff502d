import * as assert from 'node:assert/strict';
import { RUN_PALETTE, runColor } from '../../../../src/core/compare/runColors';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string): number => {
  const [lo, hi] = [luminance(a), luminance(b)].sort((x, y) => x - y) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

describe('run colours', () => {
  it('gives 20 distinct #rrggbb colours readable on light and dark editors (≥ 3:1 against white and #1e1e1e)', () => {
    const first = Array.from({ length: 20 }, (_, i) => runColor(i));
    assert.deepEqual(first, RUN_PALETTE);
    assert.equal(new Set(first).size, 20);
    for (const c of first) {
      assert.match(c, /^#[0-9a-f]{6}$/);
      assert.ok(contrast(c, '#ffffff') >= 3, `${c} on white`);
      assert.ok(contrast(c, '#1e1e1e') >= 3, `${c} on dark`);
    }
  });

  it('keeps colours distinct and readable for 100 runs, then cycles, and is stable for an index', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => runColor(i));
    assert.equal(new Set(hundred).size, 100);
    assert.ok(
      hundred.every(
        (c) => /^#[0-9a-f]{6}$/.test(c) && contrast(c, '#ffffff') >= 3 && contrast(c, '#1e1e1e') >= 3,
      ),
    );
    assert.equal(runColor(100), runColor(0));
    assert.equal(runColor(37), runColor(37));
    assert.equal(runColor(-1), runColor(0));
    assert.equal(runColor(Number.NaN), runColor(0));
  });
});
