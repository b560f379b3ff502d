import * as assert from 'node:assert/strict';
import { boundSeries, decimateSeries, toSeries, xValues } from '../../../../src/core/compare/metricSeries';
import type { Metric } from '../../../../src/core/tracking/entities/metric';

const m = (step: number, timestamp: number, value: number): Metric => ({
  key: 'loss',
  step,
  timestamp,
  value,
});

describe('metric series shaping', () => {
  it('sorts a history by step, then timestamp, into typed arrays', () => {
    const s = toSeries('r1', 'loss', [m(2, 5000, 0.2), m(0, 1000, 1), m(1, 3000, 0.6), m(1, 2000, 0.5)]);
    assert.equal(s.runId, 'r1');
    assert.equal(s.key, 'loss');
    assert.ok(s.steps instanceof Float64Array);
    assert.deepEqual([...s.steps], [0, 1, 1, 2]);
    assert.deepEqual([...s.times], [1000, 2000, 3000, 5000]);
    assert.deepEqual([...s.values], [1, 0.5, 0.6, 0.2]);
  });

  it('gives x values per axis: step, epoch ms, and seconds relative to the run start or the first point', () => {
    const s = toSeries('r1', 'loss', [m(0, 10_000, 1), m(5, 12_500, 2), m(10, 20_000, 3)]);
    assert.deepEqual([...xValues(s, 'step')], [0, 5, 10]);
    assert.deepEqual([...xValues(s, 'time')], [10_000, 12_500, 20_000]);
    assert.deepEqual([...xValues(s, 'relative')], [0, 2.5, 10]);
    assert.deepEqual([...xValues(s, 'relative', 4000)], [6, 8.5, 16]);
    assert.deepEqual([...xValues(toSeries('r', 'k', []), 'relative')], []);
  });

  it('bounds a long series for a chart and keeps the timestamps that belong to the kept steps', () => {
    const history = Array.from({ length: 5000 }, (_, i) => m(i, 1_000_000 + i * 100, Math.sin(i / 100)));
    const s = toSeries('r', 'loss', history);
    const b = boundSeries(s, 'relative', 300);
    assert.ok(b.xs.length <= 300 && b.xs.length === b.ys.length);
    assert.equal(b.xs[0], 0);
    assert.equal(b.xs[b.xs.length - 1], 499.9);
    const d = decimateSeries(s, 300);
    assert.ok(d.steps.length <= 300);
    d.steps.forEach((step, i) => {
      assert.equal(d.times[i], 1_000_000 + step * 100);
      assert.equal(d.values[i], Math.sin(step / 100));
    });
    assert.equal(decimateSeries(s, 5000), s);
  });
});
