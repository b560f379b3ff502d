import * as assert from 'node:assert/strict';
import { toSeries } from '../../../../src/core/compare/metricSeries';
import type { Metric } from '../../../../src/core/tracking/entities/metric';
import type { TrackingStore } from '../../../../src/core/tracking/trackingStore';
import { FiguresCache } from '../../../../src/core/runsTable/figuresCache';
import { loadFigures } from '../../../../src/core/runsTable/loadFigures';
import { metricFigures, valueAtStep } from '../../../../src/core/runsTable/metricFigures';
import { fromWireFigures, toWireFigures } from '../../../../src/core/runsTable/wireNumber';
import { row } from './runsTableRows';

const m = (step: number, value: number, timestamp = step): Metric => ({
  key: 'loss',
  step,
  value,
  timestamp,
});

describe('runs table: aggregate figures', () => {
  it('computes min/max/first/last and the value at step N (the last at or before it)', () => {
    const s = toSeries('r', 'loss', [m(20, 0.4), m(0, 1), m(10, NaN), m(10, 0.6, 11), m(30, 0.5)]);
    const f = metricFigures(s, [0, 15, 30, 99, -1]);
    assert.ok(f);
    assert.equal(f.min, 0.4);
    assert.equal(f.max, 1);
    assert.equal(f.first, 1);
    assert.equal(f.last, 0.5);
    assert.equal(f.at.get(15), 0.6, 'step 10 logged twice: the later one');
    assert.equal(f.at.get(99), 0.5);
    assert.equal(f.at.get(-1), undefined);
    assert.equal(valueAtStep(s, 20), 0.4);
    assert.equal(metricFigures(toSeries('r', 'loss', []), []), undefined);
    const nan = metricFigures(toSeries('r', 'loss', [m(0, NaN)]), []);
    assert.ok(nan && Number.isNaN(nan.min) && Number.isNaN(nan.last));
    assert.deepEqual(
      fromWireFigures(JSON.parse(JSON.stringify(toWireFigures(f))) as ReturnType<typeof toWireFigures>),
      f,
    );
  });

  /** A store double (test code): full histories per run, counting the reads. */
  function localStore(histories: Record<string, Metric[]>): { store: TrackingStore; reads: string[] } {
    const reads: string[] = [];
    const store = {
      kind: 'sqlite',
      getMetricHistory: ({ runId }: { runId: string }) => {
        reads.push(runId);
        return Promise.resolve(histories[runId] ?? []);
      },
    } as unknown as TrackingStore;
    return { store, reads };
  }

  it('reads each run once, exactly on a local store, and again only when a running run moved', async () => {
    const long = Array.from({ length: 5000 }, (_, i) => m(i, 5000 - i));
    const { store, reads } = localStore({ a: long, b: [m(0, 3), m(1, 2)] });
    const cache = new FiguresCache();
    const rows = [
      row('a', { metrics: { loss: 1 } }),
      row('b', { metrics: { loss: 2 }, status: 'RUNNING' }),
      row('c'),
    ];
    const got = new Map<string, unknown>();
    await loadFigures(store, cache, { rows, key: 'loss', steps: [] }, (round) => {
      round.forEach(([id, f]) => got.set(id, f));
    });
    assert.deepEqual(reads.sort(), ['a', 'b'], 'c never logged loss');
    assert.equal((got.get('a') as { min: number }).min, 1, 'every point of 5,000 read (exact)');
    const again: Array<[string, boolean]> = [];
    await loadFigures(store, cache, { rows, key: 'loss', steps: [] }, (round, cached) => {
      round.forEach(([id]) => again.push([id, cached]));
    });
    assert.equal(reads.length, 2, 'cached');
    assert.deepEqual(
      again.sort(),
      [
        ['a', true],
        ['b', true],
      ],
      'the cached figures are reported, as cached',
    );
    await loadFigures(store, cache, { rows, key: 'loss', steps: [3] }, () => undefined);
    assert.equal(reads.length, 4, 'a new step asked: computed again');
    // The running run logged more: its latest value has a new step, so its figures are stale.
    const moved = [rows[0]!, row('b', { metrics: { loss: 1 }, status: 'RUNNING' })];
    const movedB = { ...moved[1]!, metricVersions: new Map([['loss', '10:99']]) };
    await loadFigures(store, cache, { rows: [moved[0]!, movedB], key: 'loss', steps: [3] }, () => undefined);
    assert.deepEqual(reads.slice(4), ['b']);
  });

  it('bounds the cache', () => {
    const cache = new FiguresCache(2);
    cache.set('a', 'k', 'v', null);
    cache.set('b', 'k', 'v', null);
    cache.get('a', 'k', 'v');
    cache.set('c', 'k', 'v', null);
    assert.equal(cache.size, 2);
    assert.equal(cache.get('b', 'k', 'v'), undefined, 'least recently used went');
    assert.equal(cache.get('a', 'k', 'other version'), undefined);
  });
});
