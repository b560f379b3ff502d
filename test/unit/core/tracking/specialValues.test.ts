import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { asObject, optArray } from '../../../../src/core/common/jsonFields';
import { parseMetric, type Metric } from '../../../../src/core/tracking/entities/metric';
import { parseRun } from '../../../../src/core/tracking/entities/run';
import { latestMetric, parseMetricFile } from '../../../../src/core/tracking/file/metricFile';
import { metricFromRow } from '../../../../src/core/tracking/sqlite/loadRuns';
import { FIXTURES, loadSpecialValue } from '../../../support/mlflow/recordedExchange';

const history = (backend: 'sqlite' | 'file', name: string) =>
  optArray(asObject(JSON.parse(loadSpecialValue(backend, name).text), 'body'), 'metrics', parseMetric);

/** The metric files the file-store server read, from file-store-metric-files.txt (`== path` then lines). */
function metricFiles(): Map<string, string> {
  const text = fs.readFileSync(
    path.join(FIXTURES, 'rest-special-values', 'file', 'file-store-metric-files.txt'),
    'utf8',
  );
  const out = new Map<string, string>();
  for (const block of text.split(/^== /m).filter((b) => b.trim() !== '')) {
    const [header, ...lines] = block.split('\n');
    out.set(path.basename(header ?? ''), lines.join('\n'));
  }
  return out;
}

describe('special metric values survive on every backend (rest-special-values)', () => {
  it('file store: the metric file and the server answer agree value for value, -0 and ±Infinity included', () => {
    const fromFile = parseMetricFile('m', metricFiles().get('m') ?? '');
    const fromServer = history('file', 'metrics-get-history-m');
    assert.equal(fromFile.length, 8);
    assert.deepEqual(fromFile, fromServer);
    assert.ok(Object.is(fromFile[5]?.value, -0));
    assert.deepEqual(
      fromFile.slice(1, 4).map((m) => m.value),
      [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
    );
    assert.equal(fromFile[6]?.value, 5e-324);
  });

  it('file store: 2^40 and negative steps read from the files as the server answered', () => {
    const files = metricFiles();
    assert.deepEqual(
      parseMetricFile('big_step', files.get('big_step') ?? ''),
      history('file', 'metrics-get-history-big_step'),
    );
    assert.deepEqual(
      parseMetricFile('neg_step', files.get('neg_step') ?? ''),
      history('file', 'metrics-get-history-neg_step'),
    );
    assert.equal(history('file', 'metrics-get-history-big_step')[0]?.step, 2 ** 40);
  });

  it('sqlite: NaN is the string "NaN", ±inf arrive clamped to ±Number.MAX_VALUE, -0 as 0', () => {
    const values = history('sqlite', 'metrics-get-history-m').map((m) => m.value);
    assert.deepEqual(values, [
      1,
      Number.NaN,
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
      1e308,
      0,
      5e-324,
      1.2345678901234568e17,
    ]);
    // The SQLite store reads the same from rows: is_nan marks NaN, the value column holds the clamp.
    assert.ok(Number.isNaN(metricFromRow({ key: 'm', value: 0, timestamp: 1, step: 1, is_nan: 1 }).value));
    assert.equal(
      metricFromRow({ key: 'm', value: Number.MAX_VALUE, timestamp: 1, step: 2, is_nan: 0 }).value,
      Number.MAX_VALUE,
    );
  });

  it('the latest value of a run is the one at the largest step (file store rule)', () => {
    const all = parseMetricFile('m', metricFiles().get('m') ?? '');
    assert.equal(latestMetric(all)?.step, 7);
    assert.equal(latestMetric<Metric>([])?.step, undefined);
  });

  for (const backend of ['sqlite', 'file'] as const) {
    it(`${backend}: unicode keys, a 600-char param and multi-line tags parse intact`, () => {
      const run = parseRun(asObject(JSON.parse(loadSpecialValue(backend, 'runs-get').text), 'body').run);
      assert.equal(run.data.params.find((p) => p.key === 'unicode ключ')?.value, 'значение ✓');
      assert.equal(run.data.params.find((p) => p.key === 'long')?.value.length, 600);
      assert.equal(run.data.tags.find((t) => t.key === 'multiline_value')?.value, 'line1\nline2');
      assert.deepEqual(run.data.metrics.find((m) => m.key === 'neg_step')?.step, -3);
    });
  }
});
