import * as assert from 'node:assert/strict';
import {
  defaultParallelAxes,
  defaultScatterX,
  formatTick,
  isSingleStep,
  paddedRange,
} from '../../../../src/core/compare/chartDefaults';
import { isIdentifierRow } from '../../../../src/core/compare/runAttributes';

const col = (
  id: string,
  values: Array<number | undefined>,
): { id: string; values: Array<number | undefined> } => ({
  id,
  values,
});

describe('compare chart defaults (scatter x, parallel axes, ticks, padding, single-step bars)', () => {
  it('picks a scatter x on which the runs differ, not the first axis when all runs share its value', () => {
    const columns = [
      col('params.alpha', [0.5, 0.5, 0.5]),
      col('params.only_one', [3, undefined, undefined]),
      col('params.C', [1, 10, 100]),
      col('metrics.accuracy', [0.9, 0.94, 0.96]),
    ];
    assert.equal(defaultScatterX(columns, 'metrics.accuracy'), 'params.C');
    // Not the y axis itself, even when it is the only axis that differs.
    assert.equal(
      defaultScatterX([col('params.a', [1, 1]), col('metrics.m', [1, 2])], 'metrics.m'),
      'params.a',
    );
    // An axis only some runs have is still better than one value for every run.
    assert.equal(
      defaultScatterX([col('params.a', [1, 1]), col('params.b', [1, 2, undefined])], 'metrics.m'),
      'params.b',
    );
    assert.equal(defaultScatterX([], undefined), undefined);
  });

  it('defaults the parallel coordinates to keys every run has, differing ones first', () => {
    const params = [
      col('params.only_one', [1, undefined, undefined]),
      col('params.same', [2, 2, 2]),
      col('params.lr', [0.1, 0.01, 0.001]),
      col('params.depth', [3, 5, 7]),
      col('params.est', [10, 20, 30]),
    ];
    const metrics = [col('metrics.partial', [1, undefined, 2]), col('metrics.loss', [0.3, 0.2, 0.1])];
    assert.deepEqual(defaultParallelAxes(params, metrics), [
      'params.lr',
      'params.depth',
      'params.est',
      'metrics.loss',
    ]);
  });

  it('falls back to partly shared keys when fewer than two are shared by every run', () => {
    const params = [col('params.a', [1, undefined]), col('params.b', [undefined, 2])];
    assert.deepEqual(defaultParallelAxes(params, []), ['params.a', 'params.b']);
    assert.deepEqual(defaultParallelAxes([col('params.a', [1, 2])], [col('metrics.m', [undefined, 3])]), [
      'params.a',
      'metrics.m',
    ]);
  });

  it('writes ticks without float noise, and tiny or huge values in exponent form', () => {
    assert.equal(formatTick(0.9400000000000001), '0.94');
    assert.equal(formatTick(0.1 + 0.2), '0.3');
    assert.equal(formatTick(-12.5), '-12.5');
    assert.equal(formatTick(0), '0');
    assert.equal(formatTick(123456.789), '123457');
    assert.equal(formatTick(0.00001234), '1.23e-5');
    assert.equal(formatTick(25_000_000), '2.5e+7');
    assert.equal(formatTick(Number.NaN), 'NaN');
  });

  it('pads a scale past its extreme points, and gives a single value a span of its own', () => {
    const r = paddedRange(0, 10);
    assert.ok(r.min < 0 && r.max > 10, JSON.stringify(r));
    assert.ok(Math.abs(r.min + 0.6) < 1e-9 && Math.abs(r.max - 10.6) < 1e-9, JSON.stringify(r));
    const one = paddedRange(0.94, 0.94);
    assert.ok(one.min < 0.94 && one.max > 0.94 && one.max - one.min < 0.2, JSON.stringify(one));
    assert.deepEqual(paddedRange(0, 0), { min: -1, max: 1 });
    assert.deepEqual(paddedRange(Infinity, -Infinity), { min: 0, max: 1 });
  });

  it('charts a metric as bars only when every visible run logged it at most once', () => {
    const l = (n: number, hidden = false): { xs: number[]; hidden: boolean } => ({
      xs: Array.from({ length: n }, (_, i) => i),
      hidden,
    });
    assert.equal(isSingleStep([l(1), l(1), l(0)]), true);
    assert.equal(isSingleStep([l(1), l(2)]), false);
    assert.equal(isSingleStep([l(1), l(50, true)]), true, 'a hidden run with a history does not count');
    assert.equal(isSingleStep([l(0), l(0)]), false, 'no point at all: nothing to draw as bars');
  });

  it('keeps identifier rows (run, experiment, parent ids, git commit) on one line, not names or params', () => {
    assert.equal(isIdentifierRow({ section: 'attributes', key: 'runId' }), true);
    assert.equal(isIdentifierRow({ section: 'attributes', key: 'parentRunId' }), true);
    assert.equal(isIdentifierRow({ section: 'attributes', key: 'gitCommit' }), true);
    assert.equal(isIdentifierRow({ section: 'attributes', key: 'runName' }), false);
    assert.equal(isIdentifierRow({ section: 'params', key: 'runId' }), false);
  });
});
