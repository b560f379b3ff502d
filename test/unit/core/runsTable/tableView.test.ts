import * as assert from 'node:assert/strict';
import type { Column, FiguresLookup, MetricFigures } from '../../../../src/core/runsTable/columns';
import { cellText, cellValue, columnId, serverOrderBy } from '../../../../src/core/runsTable/columns';
import { sortRows } from '../../../../src/core/runsTable/sortRows';
import { fromWire, rowKeys, toWire } from '../../../../src/core/runsTable/tableRow';
import { tableView, type ViewLine } from '../../../../src/core/runsTable/tableView';
import { row } from './runsTableRows';

const none: FiguresLookup = () => undefined;
const names = (lines: readonly ViewLine[]): string[] =>
  lines.map((l) =>
    l.kind === 'run' ? `${'  '.repeat(l.depth)}${l.row.name}` : `[${l.value ?? '-'} ${String(l.count)}]`,
  );
const metric = (key: string): Column => ({ kind: 'metric', key });

describe('runs table: rows, sorting and the tree', () => {
  const rows = [
    row('a', { metrics: { rmse: 0.5, acc: 0.8 }, params: { model: 'rf' }, start: 3 }),
    row('b', { metrics: { rmse: 0.2, acc: 0.9 }, params: { model: 'lr' }, start: 2 }),
    row('c', { metrics: { rmse: NaN }, params: { model: 'rf' }, start: 1 }),
    row('d', { params: {}, start: 4 }),
  ];

  it('sorts by a metric either way, NaN after numbers and missing values last in both directions', () => {
    const asc = sortRows(rows, { column: metric('rmse'), ascending: true }, none, 0);
    assert.deepEqual(
      asc.map((r) => r.runId),
      ['b', 'a', 'c', 'd'],
    );
    const desc = sortRows(rows, { column: metric('rmse'), ascending: false }, none, 0);
    assert.deepEqual(
      desc.map((r) => r.runId),
      ['a', 'b', 'c', 'd'],
    );
  });

  it('sorts by text and by duration; ties fall back to the newest start', () => {
    const byName = sortRows(rows, { column: { kind: 'attr', attr: 'name' }, ascending: false }, none, 0);
    assert.deepEqual(
      byName.map((r) => r.runId),
      ['d', 'c', 'b', 'a'],
    );
    const byParam = sortRows(rows, { column: { kind: 'param', key: 'model' }, ascending: true }, none, 0);
    assert.deepEqual(
      byParam.map((r) => r.runId),
      ['b', 'a', 'c', 'd'],
      'rf ties: newest (a) first',
    );
    const running = row('r', { status: 'RUNNING', start: 1000 });
    assert.equal(cellValue(running, { kind: 'attr', attr: 'duration' }, none, 6000), 5000);
  });

  it('sorts by an aggregate column from the figures lookup', () => {
    const figs = new Map<string, MetricFigures>([
      ['a', { min: 0.1, max: 1, first: 1, last: 0.3, at: new Map() }],
      ['b', { min: 0.05, max: 2, first: 2, last: 0.7, at: new Map() }],
    ]);
    const lookup: FiguresLookup = (id) => figs.get(id);
    const sorted = sortRows(
      rows,
      { column: { kind: 'agg', fn: 'min', key: 'rmse' }, ascending: true },
      lookup,
      0,
    );
    assert.deepEqual(sorted.map((r) => r.runId).slice(0, 2), ['b', 'a']);
    assert.equal(
      cellText(cellValue(rows[0]!, { kind: 'agg', fn: 'last', key: 'rmse' }, lookup, 0), metric('x')),
      '0.3',
    );
  });

  it('nests children under their parent, folded until toggled, and keeps orphans at the top', () => {
    const tree = [
      row('p', { start: 10 }),
      row('k1', { parent: 'p', start: 9 }),
      row('k2', { parent: 'p', start: 8 }),
      row('g', { parent: 'k1', start: 7 }),
      row('o', { parent: 'gone', start: 6 }),
    ];
    const o = {
      columns: [],
      figures: none,
      now: 0,
      sort: { column: { kind: 'attr', attr: 'start' }, ascending: false },
    } as const;
    assert.deepEqual(names(tableView(tree, { ...o, toggled: new Set() })), ['p', 'o']);
    assert.deepEqual(names(tableView(tree, { ...o, toggled: new Set(['p', 'k1']) })), [
      'p',
      '  k1',
      '    g',
      '  k2',
      'o',
    ]);
    const first = tableView(tree, { ...o, toggled: new Set() })[0];
    assert.ok(first?.kind === 'run' && first.hasChildren && !first.expanded);
  });

  it('survives a cycle of parent tags', () => {
    const cyc = [row('x', { parent: 'y' }), row('y', { parent: 'x' })];
    const lines = tableView(cyc, { columns: [], figures: none, now: 0, toggled: new Set(['x', 'y']) });
    assert.ok(lines.length <= 2);
  });

  it('groups by a param with each group’s best and mean, groups ordered by their best', () => {
    const lines = tableView(rows, {
      columns: [metric('rmse'), metric('acc')],
      figures: none,
      now: 0,
      toggled: new Set(),
      groupBy: { kind: 'param', key: 'model' },
      sort: { column: metric('acc'), ascending: false },
    });
    assert.deepEqual(names(lines), ['[lr 1]', 'b', '[rf 2]', 'a', 'c', '[- 1]', 'd']);
    const rf = lines.find((l) => l.kind === 'group' && l.value === 'rf');
    assert.ok(rf?.kind === 'group');
    // rmse is an error: lower is better; NaN is left out of both figures.
    assert.deepEqual(rf.summaries.get(columnId(metric('rmse'))), { best: 0.5, mean: 0.5 });
    assert.deepEqual(rf.summaries.get(columnId(metric('acc'))), { best: 0.8, mean: 0.8 });
    const folded = tableView(rows, {
      columns: [],
      figures: none,
      now: 0,
      toggled: new Set([rf.id]),
      groupBy: { kind: 'param', key: 'model' },
    });
    assert.deepEqual(names(folded), ['[lr 1]', 'b', '[rf 2]', '[- 1]', 'd']);
  });

  it('asks the server to order only what MLflow orders by', () => {
    assert.equal(serverOrderBy(metric('val loss'), false), 'metrics.`val loss` DESC');
    assert.equal(serverOrderBy({ kind: 'attr', attr: 'start' }, true), 'attributes.start_time ASC');
    assert.equal(serverOrderBy({ kind: 'attr', attr: 'duration' }, true), undefined);
    assert.equal(serverOrderBy({ kind: 'agg', fn: 'max', key: 'acc' }, true), undefined);
  });

  it('keeps hostile keys as data: __proto__ is a key like any other, across the wire and back', () => {
    const r = row('h', {
      params: { __proto__x: '1', constructor: 'c' },
      metrics: { inf: Infinity, nan: NaN },
    });
    const back = fromWire(JSON.parse(JSON.stringify(toWire(r))) as ReturnType<typeof toWire>);
    assert.equal(back.params.get('constructor'), 'c');
    assert.equal(back.metrics.get('inf'), Infinity);
    assert.ok(Number.isNaN(back.metrics.get('nan')));
    const huge = 'x'.repeat(1_000_000);
    assert.ok(cellText(huge, { kind: 'param', key: 'p' }).length <= 201, 'a 1 MB value is cut for its cell');
    assert.deepEqual(rowKeys([r]).params, ['__proto__x', 'constructor']);
  });
});
