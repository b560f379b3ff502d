import * as assert from 'node:assert/strict';
import {
  buildCompareTable,
  onlyDifferences,
  sortRunsBy,
  type CompareRow,
  type CompareTable,
} from '../../../../src/core/compare/compareTable';
import type { MetricAggregate } from '../../../../src/core/compare/metricAggregates';
import { parseRun, type Run } from '../../../../src/core/tracking/entities/run';
import { loadExchange } from '../../../support/mlflow/recordedExchange';

const recorded = (file: string): Run =>
  parseRun((loadExchange('rest', file).response.json as { run: unknown }).run);

function run(
  id: string,
  opts: {
    params?: Record<string, string>;
    metrics?: Record<string, number>;
    tags?: Record<string, string>;
    start?: number;
    end?: number;
    name?: string;
  } = {},
): Run {
  return {
    info: {
      runId: id,
      runName: opts.name ?? id,
      experimentId: '1',
      userId: 'ana',
      status: 'FINISHED',
      startTime: opts.start ?? 1_700_000_000_000,
      endTime: opts.end ?? 1_700_000_060_000,
      artifactUri: undefined,
      lifecycleStage: 'active',
    },
    data: {
      metrics: Object.entries(opts.metrics ?? {}).map(([key, value]) => ({
        key,
        value,
        timestamp: 1,
        step: 3,
      })),
      params: Object.entries(opts.params ?? {}).map(([key, value]) => ({ key, value })),
      tags: Object.entries(opts.tags ?? {}).map(([key, value]) => ({ key, value })),
    },
    inputs: { datasetInputs: [], modelInputs: [] },
    outputs: { modelOutputs: [] },
  };
}

const find = (t: CompareTable, section: string, key: string): CompareRow => {
  const r = t.rows.find((x) => x.section === section && x.key === key);
  assert.ok(r, `${section}/${key}`);
  return r;
};
const texts = (r: CompareRow): Array<string | undefined> => r.cells.map((c) => c?.text);

describe('compare table', () => {
  it('lays out the recorded runs: attributes, params sorted by key, metrics, user tags; runs as columns', () => {
    const runs = ['033', '034', '037'].map(recorded);
    const t = buildCompareTable(runs);
    assert.deepEqual(
      t.runIds,
      runs.map((r) => r.info.runId),
    );
    const sections = t.rows.map((r) => r.section);
    assert.deepEqual([...new Set(sections)], ['attributes', 'params', 'metrics', 'tags']);
    assert.deepEqual(
      sections,
      [...sections].sort(
        (a, b) =>
          ['attributes', 'params', 'metrics', 'tags'].indexOf(a) -
          ['attributes', 'params', 'metrics', 'tags'].indexOf(b),
      ),
    );
    assert.deepEqual(texts(find(t, 'attributes', 'runName')), ['rf-100', 'logreg-lr-too-high', 'adam-lr0.1']);
    assert.deepEqual(texts(find(t, 'attributes', 'status')), ['FINISHED', 'FAILED', 'FINISHED']);
    assert.equal(
      find(t, 'attributes', 'startTime').cells[0]?.text,
      new Date(runs[0]!.info.startTime!).toISOString(),
    );
    assert.deepEqual(
      texts(find(t, 'attributes', 'parentRunId')).map((x) => x === undefined),
      [true, true, false],
    );
    const params = t.rows.filter((r) => r.section === 'params').map((r) => r.key);
    assert.deepEqual(params, [...params].sort());
    assert.ok(params.includes('n_estimators') && params.includes('C'));
    assert.deepEqual(find(t, 'params', 'n_estimators').cells[0], { text: '100', value: 100 });
    assert.deepEqual(
      find(t, 'params', 'learning_rate').cells.map((c) => c?.value),
      [undefined, 5, 0.1],
    );
    const tags = t.rows.filter((r) => r.section === 'tags').map((r) => r.key);
    assert.ok(tags.includes('model_type') && !tags.some((k) => k.startsWith('mlflow.')));
    assert.ok(
      buildCompareTable(runs, { includeSystemTags: true }).rows.some((r) => r.key === 'mlflow.source.type'),
    );
    const loss = find(t, 'metrics', 'loss');
    assert.equal(loss.cells[1]?.text, 'NaN');
    assert.equal(loss.best, 0, 'the lower finite loss; NaN never wins');
    const acc = find(t, 'metrics', 'accuracy');
    assert.equal(acc.cells[1], undefined);
    assert.equal(acc.best, 0, 'the higher accuracy');
  });

  it('marks the best only with at least two finite values that differ', () => {
    const t = buildCompareTable([
      run('a', { metrics: { loss: 0.5, acc: 0.9, rmse: 2, f1: Number.NaN } }),
      run('b', { metrics: { loss: 0.2, acc: 0.9, f1: 0.3 } }),
      run('c', { metrics: { loss: 0.7, acc: 0.9 } }),
    ]);
    assert.equal(find(t, 'metrics', 'loss').best, 1);
    assert.equal(find(t, 'metrics', 'acc').best, undefined, 'all equal');
    assert.equal(find(t, 'metrics', 'rmse').best, undefined, 'one value');
    assert.equal(find(t, 'metrics', 'f1').best, undefined, 'one finite value');
    const clamped = buildCompareTable([
      run('a', { metrics: { loss: -1.7976931348623157e308 } }),
      run('b', { metrics: { loss: 3 } }),
      run('c', { metrics: { loss: 4 } }),
    ]);
    assert.equal(find(clamped, 'metrics', 'loss').cells[0]?.text, '-Infinity');
    assert.equal(find(clamped, 'metrics', 'loss').best, 1, "MLflow's clamped infinity is not a best value");
  });

  it('reads min, max or last from aggregates, only the requested metric keys, and falls back to the latest value', () => {
    const aggs: Record<string, MetricAggregate> = {
      a: { min: 0.1, max: 0.9, last: 0.3, lastStep: 9, count: 10 },
    };
    const runs = [
      run('a', { metrics: { loss: 0.3, acc: 1 } }),
      run('b', { metrics: { loss: 0.25, acc: 1 } }),
    ];
    const aggregates = (runId: string, key: string): MetricAggregate | undefined =>
      key === 'loss' ? aggs[runId] : undefined;
    const min = buildCompareTable(runs, { metricKeys: ['loss'], metricStat: 'min', aggregates });
    assert.deepEqual(
      min.rows.filter((r) => r.section === 'metrics').map((r) => r.key),
      ['loss'],
    );
    assert.deepEqual(find(min, 'metrics', 'loss').cells, [{ text: '0.1', value: 0.1 }, undefined]);
    assert.deepEqual(
      find(buildCompareTable(runs, { metricStat: 'max', aggregates }), 'metrics', 'loss').cells[0],
      { text: '0.9', value: 0.9 },
    );
    assert.deepEqual(texts(find(buildCompareTable(runs, { aggregates }), 'metrics', 'loss')), [
      '0.3',
      '0.25',
    ]);
    const extra = buildCompareTable(runs, { metricKeys: ['nope'] });
    assert.deepEqual(find(extra, 'metrics', 'nope').cells, [undefined, undefined]);
  });

  it('flags a row as differing when texts differ or a run lacks the key, and diff-only keeps just those', () => {
    const t = buildCompareTable([
      run('a', { params: { lr: '0.1', seed: '1', opt: 'adam' }, tags: { team: 'x' } }),
      run('b', { params: { lr: '0.1', seed: '2' }, tags: { team: 'x' } }),
    ]);
    assert.equal(find(t, 'params', 'lr').differs, false);
    assert.equal(find(t, 'params', 'seed').differs, true);
    assert.equal(find(t, 'params', 'opt').differs, true);
    assert.equal(find(t, 'tags', 'team').differs, false);
    assert.equal(find(t, 'attributes', 'status').differs, false);
    const d = onlyDifferences(t);
    assert.deepEqual(d.runIds, t.runIds);
    assert.ok(d.rows.every((r) => r.differs));
    assert.deepEqual(
      d.rows.filter((r) => r.section === 'params').map((r) => r.key),
      ['opt', 'seed'],
    );
    assert.ok(!d.rows.some((r) => r.key === 'lr' || r.key === 'team'));
  });

  it('sorts runs by a row: numbers numerically, texts naturally, missing last, and moves every cell and best with them', () => {
    const runs = [
      run('a', { metrics: { loss: 0.5 }, params: { opt: 'sgd' }, start: 3 }),
      run('b', { metrics: { loss: 0.05 }, params: { opt: 'adam10' }, start: 1 }),
      run('c', { params: { opt: 'adam9' }, start: 2 }),
      run('d', { metrics: { loss: 2 }, start: 4 }),
    ];
    const t = buildCompareTable(runs);
    const lossRow = t.rows.findIndex((r) => r.key === 'loss');
    const asc = sortRunsBy(t, lossRow, 'asc');
    assert.deepEqual(asc.runIds, ['b', 'a', 'd', 'c']);
    assert.equal(asc.rows[lossRow]?.best, 0);
    assert.deepEqual(texts(find(asc, 'attributes', 'runName')), ['b', 'a', 'd', 'c']);
    const desc = sortRunsBy(t, lossRow, 'desc');
    assert.deepEqual(desc.runIds, ['d', 'a', 'b', 'c'], 'missing stays last when descending');
    assert.equal(desc.rows[lossRow]?.best, 2);
    const optRow = t.rows.findIndex((r) => r.key === 'opt');
    assert.deepEqual(sortRunsBy(t, optRow, 'asc').runIds, ['c', 'b', 'a', 'd'], 'adam9 before adam10');
    const startRow = t.rows.findIndex((r) => r.key === 'startTime');
    assert.deepEqual(sortRunsBy(t, startRow, 'asc').runIds, ['b', 'c', 'a', 'd']);
    const durationRow = t.rows.findIndex((r) => r.key === 'duration');
    assert.deepEqual(
      sortRunsBy(t, durationRow, 'desc').runIds,
      ['b', 'c', 'a', 'd'],
      'equal durations keep their order',
    );
    assert.equal(sortRunsBy(t, 999, 'asc'), t);
  });

  it('orders numeric params as numbers and puts texts after them', () => {
    const t = buildCompareTable([
      run('a', { params: { depth: '10' } }),
      run('b', { params: { depth: 'None' } }),
      run('c', { params: { depth: '9' } }),
      run('d', { params: { depth: '-1e3' } }),
    ]);
    const i = t.rows.findIndex((r) => r.key === 'depth');
    assert.deepEqual(sortRunsBy(t, i, 'asc').runIds, ['d', 'c', 'a', 'b']);
    assert.deepEqual(sortRunsBy(t, i, 'desc').runIds, ['a', 'c', 'd', 'b']);
  });

  it('keeps server strings as inert, bounded text', () => {
    const t = buildCompareTable([
      run('a', {
        name: '<img src=x onerror=alert(1)>',
        tags: { team: 'x'.repeat(1024 * 1024), note: 'a\nb' },
      }),
    ]);
    assert.equal(find(t, 'attributes', 'runName').cells[0]?.text, '<img src=x onerror=alert(1)>');
    assert.ok((find(t, 'tags', 'team').cells[0]?.text.length ?? 0) <= 1000);
    assert.equal(find(t, 'tags', 'note').cells[0]?.text.includes('\n'), false);
  });
});
