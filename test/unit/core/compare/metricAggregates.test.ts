import * as assert from 'node:assert/strict';
import { AggregateCache, aggregate } from '../../../../src/core/compare/metricAggregates';
import type { Metric } from '../../../../src/core/tracking/entities/metric';
import { parseMetric } from '../../../../src/core/tracking/entities/metric';
import { loadExchange } from '../../../support/mlflow/recordedExchange';

const m = (step: number, timestamp: number, value: number): Metric => ({
  key: 'loss',
  step,
  timestamp,
  value,
});

describe('metric aggregates', () => {
  it('gives min and max over finite values and the value at the highest step as last', () => {
    const agg = aggregate([m(3, 10, 0.4), m(0, 1, 2), m(1, 2, Number.NaN), m(2, 3, Infinity), m(1, 4, 0.1)]);
    assert.deepEqual(agg, { min: 0.1, max: 2, last: 0.4, lastStep: 3, count: 5 });
  });

  it('breaks a tie on the highest step by the latest timestamp, then by the later entry', () => {
    assert.equal(aggregate([m(5, 20, 1), m(5, 30, 2), m(5, 10, 3)])?.last, 2);
    assert.equal(aggregate([m(5, 20, 1), m(5, 20, 2)])?.last, 2);
  });

  it('answers NaN for min/max when nothing is finite and undefined for an empty history', () => {
    const agg = aggregate([m(0, 1, Number.NaN), m(1, 2, -Infinity)]);
    assert.ok(agg !== undefined && Number.isNaN(agg.min) && Number.isNaN(agg.max));
    assert.equal(agg.last, -Infinity);
    assert.equal(aggregate([]), undefined);
  });

  it('agrees with the recorded history of a diverging run (NaN and inf logged by MLflow 2.17.2)', () => {
    const body = loadExchange('rest', '042').response.json as { metrics: unknown[] };
    const history = body.metrics.map(parseMetric);
    const agg = aggregate(history);
    const finite = history.map((h) => h.value).filter(Number.isFinite);
    assert.ok(agg !== undefined);
    assert.equal(agg.count, history.length);
    assert.equal(agg.min, Math.min(...finite));
    assert.equal(agg.max, Math.max(...finite));
    const top = history.reduce((a, b) => (b.step >= a.step ? b : a));
    assert.equal(agg.lastStep, top.step);
  });

  it('caches by run and key, bounded, dropping the least recently used', () => {
    const cache = new AggregateCache(3);
    const a = { min: 0, max: 1, last: 1, lastStep: 1, count: 2 };
    cache.set('r1', 'loss', a);
    cache.set('r1', 'acc', a);
    cache.set('r2', 'loss', a);
    assert.equal(cache.get('r1', 'loss'), a, 'read: now most recently used');
    cache.set('r3', 'loss', a);
    assert.equal(cache.size, 3);
    assert.equal(cache.has('r1', 'acc'), false, 'the least recently used went');
    assert.ok(cache.has('r1', 'loss') && cache.has('r2', 'loss') && cache.has('r3', 'loss'));
    assert.equal(cache.get('r9', 'loss'), undefined);
    cache.deleteRun('r1');
    assert.equal(cache.has('r1', 'loss'), false);
    assert.equal(cache.size, 2);
    assert.equal(new AggregateCache().capacity, 5000);
    const big = new AggregateCache();
    for (let i = 0; i < 6000; i++) {
      big.set(`run${i}`, 'loss', a);
    }
    assert.equal(big.size, 5000);
    assert.ok(big.has('run5999', 'loss') && !big.has('run0', 'loss'));
  });
});
