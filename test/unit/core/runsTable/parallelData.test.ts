import * as assert from 'node:assert/strict';
import {
  defaultAxes,
  MAX_PARALLEL_AXES,
  nearestRun,
  parallelChoices,
  parallelData,
} from '../../../../src/core/runsTable/parallelData';
import { row } from './runsTableRows';

const none = (): undefined => undefined;

describe('runs table: parallel coordinates', () => {
  const rows = [
    row('a', { metrics: { acc: 0.5, loss: 1 }, params: { lr: '0.1', seed: '1', opt: 'adam', only: '3' } }),
    row('b', { metrics: { acc: 0.7, loss: 1 }, params: { lr: '0.2', seed: '1', opt: 'sgd' } }),
    row('c', { metrics: { acc: 0.9, loss: 1 }, params: { lr: '0.3', seed: '1', opt: 'sgd' } }),
  ];

  it('offers numeric params then metrics; text params are no axis', () => {
    assert.deepEqual(
      parallelChoices(rows, []).map((c) => `${c.kind}:${c.key}`),
      ['param:lr', 'param:only', 'param:seed', 'metric:acc', 'metric:loss'],
    );
  });

  it('defaults to keys every run has, those that differ first, never a key one run has', () => {
    const axes = defaultAxes(rows, parallelChoices(rows, []), none).map((c) => c.key);
    assert.deepEqual(axes, ['lr', 'seed', 'acc', 'loss']);
    assert.ok(!axes.includes('only'));
  });

  it('takes at most 3 params and 3 metrics by default', () => {
    const many = [0, 1].map((i) =>
      row(`r${String(i)}`, {
        metrics: Object.fromEntries(Array.from({ length: 8 }, (_, k) => [`m${String(k)}`, i + k])),
        params: Object.fromEntries(Array.from({ length: 8 }, (_, k) => [`p${String(k)}`, String(i * k)])),
      }),
    );
    const axes = defaultAxes(many, parallelChoices(many, []), none);
    assert.equal(axes.length, MAX_PARALLEL_AXES);
    assert.deepEqual(
      axes.map((c) => c.kind),
      ['param', 'param', 'param', 'metric', 'metric', 'metric'],
    );
  });

  it('places each run between 0 and 1 on every axis, NaN where it has no value', () => {
    const d = parallelData(
      rows,
      [
        { kind: 'param', key: 'lr' },
        { kind: 'param', key: 'only' },
        { kind: 'metric', key: 'acc' },
      ],
      none,
    );
    assert.deepEqual(d.runIds, ['a', 'b', 'c']);
    assert.equal(d.ys.length, 9);
    const at = (r: number, a: number): number => d.ys[r * 3 + a] ?? -1;
    assert.ok(at(0, 0) > 0 && at(0, 0) < at(1, 0) && at(1, 0) < at(2, 0) && at(2, 0) < 1);
    assert.ok(Math.abs(at(1, 0) - 0.5) < 1e-6, 'the middle value in the middle');
    assert.ok(Number.isNaN(at(1, 1)) && !Number.isNaN(at(0, 1)));
    assert.ok(d.axes[0] !== undefined && d.axes[0].min < 0.1 && d.axes[0].max > 0.3);
    // The labels say the data's range, the placement uses the padded one.
    assert.deepEqual([d.axes[0].lo, d.axes[0].hi], [0.1, 0.3]);
    assert.deepEqual([d.axes[1]?.lo, d.axes[1]?.hi], [3, 3]);
  });

  it('gives an axis no run has a value on no label range', () => {
    const d = parallelData(
      rows,
      [
        { kind: 'param', key: 'only' },
        { kind: 'param', key: 'absent' },
      ],
      none,
    );
    assert.deepEqual([d.axes[1]?.lo, d.axes[1]?.hi], [undefined, undefined]);
    assert.deepEqual([d.axes[1]?.min, d.axes[1]?.max], [0, 1]);
  });

  it('leaves out runs with no value on any axis', () => {
    const d = parallelData(rows, [{ kind: 'param', key: 'only' }], none);
    assert.deepEqual(d.runIds, ['a']);
  });

  it('finds the run whose line passes nearest a click, within the tolerance only', () => {
    const d = parallelData(
      rows,
      [
        { kind: 'param', key: 'lr' },
        { kind: 'metric', key: 'acc' },
      ],
      none,
    );
    const yOf = (r: number): number => d.ys[r * 2] ?? NaN;
    assert.equal(nearestRun(d, 0, yOf(2), 0.02), 'c');
    assert.equal(nearestRun(d, 0, yOf(0) + 0.01, 0.02), 'a');
    assert.equal(nearestRun(d, 0.5, 0.5, 0.02), 'b');
    assert.equal(nearestRun(d, 0, 2, 0.02), undefined);
    assert.equal(nearestRun(parallelData(rows, [{ kind: 'param', key: 'lr' }], none), 0, 0.5, 1), undefined);
  });

  it('holds 10,000 runs in one flat array', () => {
    const big = Array.from({ length: 10_000 }, (_, i) =>
      row(`r${String(i)}`, { metrics: { acc: i / 10_000, loss: 1 - i / 10_000 } }),
    );
    const d = parallelData(
      big,
      [
        { kind: 'metric', key: 'acc' },
        { kind: 'metric', key: 'loss' },
      ],
      none,
    );
    assert.equal(d.ys.length, 20_000);
    assert.equal(nearestRun(d, 0.5, 0.5, 0.01) !== undefined, true);
  });
});
