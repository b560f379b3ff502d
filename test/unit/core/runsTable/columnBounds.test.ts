import * as assert from 'node:assert/strict';
import type { Column, FiguresLookup, MetricFigures } from '../../../../src/core/runsTable/columns';
import {
  boundableColumns,
  boundRows,
  describeBound,
  passesBounds,
  withBound,
} from '../../../../src/core/runsTable/columnBounds';
import { row } from './runsTableRows';

const minLoss: Column = { kind: 'agg', fn: 'min', key: 'loss' };
const acc: Column = { kind: 'metric', key: 'acc' };
const lr: Column = { kind: 'param', key: 'lr' };
const figs = (min: number): MetricFigures => ({ min, max: 1, first: 1, last: min, at: new Map() });
const figures: FiguresLookup = (runId, key) =>
  key !== 'loss'
    ? undefined
    : ({ a: figs(0.1), b: figs(0.3), c: figs(0.5) } as Record<string, MetricFigures>)[runId];

describe('runs table: local bounds on numeric and aggregate columns', () => {
  const rows = [
    row('a', { metrics: { acc: 0.9 }, params: { lr: '0.01' } }),
    row('b', { metrics: { acc: 0.7 }, params: { lr: 'adam' } }),
    row('c', { metrics: { acc: NaN }, params: { lr: '1e-3' } }),
    row('d', { metrics: {}, params: {} }),
  ];
  const ids = (rs: readonly { runId: string }[]): string[] => rs.map((r) => r.runId);

  it('keeps rows whose aggregate lies within both bounds, ends included; a run without figures fails', () => {
    assert.deepEqual(ids(boundRows(rows, [{ column: minLoss, min: 0.1, max: 0.3 }], figures, 0)), ['a', 'b']);
    assert.deepEqual(ids(boundRows(rows, [{ column: minLoss, min: 0.2 }], figures, 0)), ['b', 'c']);
    assert.deepEqual(ids(boundRows(rows, [{ column: minLoss, max: 0.49 }], figures, 0)), ['a', 'b']);
  });

  it('combines bounds with "and", and a NaN or missing metric passes no bound', () => {
    const both = [
      { column: minLoss, max: 0.5 },
      { column: acc, min: 0.8 },
    ];
    assert.deepEqual(ids(boundRows(rows, both, figures, 0)), ['a']);
    assert.equal(passesBounds(rows[2]!, [{ column: acc, min: -Infinity }], figures, 0), false);
    assert.equal(passesBounds(rows[3]!, [{ column: acc, max: 1 }], figures, 0), false);
  });

  it('reads params as numbers; text that is no number fails the bound', () => {
    assert.deepEqual(ids(boundRows(rows, [{ column: lr, max: 0.005 }], figures, 0)), ['c']);
    assert.deepEqual(ids(boundRows(rows, [{ column: lr, min: 0 }], figures, 0)), ['a', 'c']);
  });

  it('without an active bound returns the same rows untouched', () => {
    assert.equal(boundRows(rows, [], figures, 0), rows);
    assert.equal(boundRows(rows, [{ column: acc }], figures, 0), rows);
  });

  it('sets, replaces and removes the bound of one column, leaving the others', () => {
    let b = withBound([], { column: acc, min: 0.5 });
    b = withBound(b, { column: minLoss, max: 0.2 });
    b = withBound(b, { column: acc, min: 0.6, max: 0.9 });
    assert.deepEqual(b, [
      { column: minLoss, max: 0.2 },
      { column: acc, min: 0.6, max: 0.9 },
    ]);
    assert.deepEqual(withBound(b, { column: minLoss }), [{ column: acc, min: 0.6, max: 0.9 }]);
  });

  it('describes a bound for the filter line with tidy numbers and a bounded title', () => {
    assert.equal(describeBound({ column: minLoss, min: 0.1 + 0.2, max: 0.5 }), '0.3 ≤ loss (min) ≤ 0.5');
    assert.equal(describeBound({ column: acc, min: 0.9 }), '0.9 ≤ acc');
    const long = describeBound({ column: { kind: 'metric', key: 'k'.repeat(100_000) }, max: 1 });
    assert.ok(long.length < 100);
  });

  it('offers numeric columns, aggregates and params, not names or tags', () => {
    const cols: Column[] = [{ kind: 'attr', attr: 'name' }, { kind: 'tag', key: 't' }, acc, minLoss, lr];
    assert.deepEqual(boundableColumns(cols), [acc, minLoss, lr]);
  });
});
