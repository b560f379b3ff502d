import * as assert from 'node:assert/strict';
import {
  isSeriesBatch,
  packSeries,
  unpackSeries,
  type SeriesArrays,
  type SeriesPayload,
} from '../../../src/protocol/seriesBatch';

const f64 = (xs: readonly number[]): Float64Array => Float64Array.from(xs);
const run = (i: number): string => `run${String(i).padStart(4, '0')}`;
const T0 = 1_732_000_000_000;

/** A run's series the way histories look: whole steps, millisecond timestamps, double values. */
function series(i: number, n: number): SeriesArrays {
  return {
    runId: run(i),
    steps: f64(Array.from({ length: n }, (_, k) => k * 10)),
    times: f64(Array.from({ length: n }, (_, k) => T0 + i * 1000 + k * 37)),
    values: f64(Array.from({ length: n }, (_, k) => Math.sin(i + k / 7) / 3)),
  };
}

const plain = (s: readonly (SeriesArrays | SeriesPayload)[]): unknown =>
  s.map((x) => ({
    runId: x.runId,
    steps: [...x.steps],
    times: x.times === undefined ? undefined : [...x.times],
    values: [...x.values],
  }));

describe('series batches (how compare series cross to the webview)', () => {
  it('round-trips every point exactly, in order, whatever the run count', () => {
    for (const runs of [0, 1, 3, 300]) {
      const input = Array.from({ length: runs }, (_, i) => series(i, 5 + (i % 4)));
      const batch = packSeries(input, true);
      assert.ok(isSeriesBatch(batch));
      assert.deepEqual(plain(unpackSeries(batch)), plain(input), `${String(runs)} runs`);
    }
  });

  it("holds any number of runs in three typed arrays (VS Code drops a message's arrays past 253)", () => {
    const batch = packSeries(
      Array.from({ length: 500 }, (_, i) => series(i, 3)),
      true,
    );
    const arrays = Object.values(batch).filter((v) => ArrayBuffer.isView(v));
    assert.equal(arrays.length, 3);
    assert.equal(
      new Set(arrays.map((a) => (a as Float64Array).buffer)).size,
      3,
      'each on a buffer of its own',
    );
    assert.equal(batch.runIds.length, 500);
  });

  it('narrows steps and times to Int32 and values to Float32 only when that loses nothing', () => {
    const typical = packSeries([series(1, 4), series(2, 4)], true);
    assert.ok(typical.steps instanceof Uint16Array, 'steps climbing by less than 65,536 travel as climbs');
    assert.deepEqual([...typical.steps], [0, 10, 10, 10, 0, 10, 10, 10]);
    assert.deepEqual(typical.stepStarts, [0, 0]);
    assert.ok(typical.times instanceof Int32Array);
    assert.equal(typical.timeBase, T0 + 1000);
    assert.ok(typical.values instanceof Float64Array, 'doubles that are not float32s stay doubles');
    const f32 = packSeries(
      [{ runId: 'a', steps: f64([0, 1]), times: f64([T0, T0 + 1]), values: f64([Math.fround(0.1), 0.5]) }],
      true,
    );
    assert.ok(f32.values instanceof Float32Array, 'values logged from float32 tensors travel as Float32');
    const odd: SeriesArrays = {
      runId: 'b',
      steps: f64([0, 2 ** 40, 1.5]),
      times: f64([0, T0, T0 + 1]),
      values: f64([0.1, Number.NaN, -Infinity]),
    };
    const wide = packSeries([odd], true);
    assert.ok(wide.steps instanceof Float64Array, 'steps past int32 or fractional stay doubles');
    assert.equal(wide.stepStarts, undefined);
    const jumps: SeriesArrays = {
      runId: 'j',
      steps: f64([5, 6, 70_000, 70_001]),
      times: f64([T0, T0, T0, T0]),
      values: f64([1, 2, 3, 4]),
    };
    const unordered: SeriesArrays = { ...jumps, runId: 'u', steps: f64([3, 2, 1, 0]) };
    for (const odd2 of [jumps, unordered]) {
      const b = packSeries([series(1, 3), odd2], false);
      assert.ok(
        b.steps instanceof Int32Array,
        `${odd2.runId}: a climb past 65,535 or a step back is sent as steps`,
      );
      assert.deepEqual(
        unpackSeries(b).map((x) => [...x.steps]),
        [[0, 10, 20], [...odd2.steps]],
      );
    }
    const late = packSeries([{ ...jumps, steps: f64([1e12, 1e12 + 1, 1e12 + 1, 1e12 + 65_536]) }], false);
    assert.ok(late.steps instanceof Uint16Array, 'a late first step is fine: it travels in stepStarts');
    assert.deepEqual([...(unpackSeries(late)[0]?.steps ?? [])], [1e12, 1e12 + 1, 1e12 + 1, 1e12 + 65_536]);
    assert.ok(wide.times instanceof Float64Array, 'a span past 24 days stays epoch ms');
    assert.equal(wide.timeBase, 0);
    assert.deepEqual(plain(unpackSeries(wide)), plain([odd]));
    const special = {
      runId: 'c',
      steps: f64([0, 1, 2]),
      times: f64([T0, T0, T0]),
      values: f64([Number.NaN, Infinity, 0.25]),
    };
    const s = packSeries([special], true);
    assert.ok(s.values instanceof Float32Array, 'NaN, infinities and 0.25 are float32s');
    assert.deepEqual(plain(unpackSeries(s)), plain([special]));
  });

  it('leaves the timestamps out unless asked: steps and values only, a third fewer bytes', () => {
    const input = [series(1, 5), series(2, 3)];
    const without = packSeries(input, false);
    const withTimes = packSeries(input, true);
    assert.ok(isSeriesBatch(without));
    assert.equal(without.times, undefined);
    assert.equal(without.timeBase, 0);
    const bytes = (b: typeof without): number =>
      b.steps.byteLength + (b.times?.byteLength ?? 0) + b.values.byteLength;
    assert.equal(bytes(without), 8 * 2 + 8 * 8, 'Uint16 step climbs and Float64 values');
    assert.equal(bytes(withTimes), bytes(without) + 8 * 4, 'plus Int32 time offsets');
    assert.deepEqual(
      unpackSeries(without).map((s) => [s.runId, s.times, [...s.steps], [...s.values]]),
      input.map((s) => [s.runId, undefined, [...s.steps], [...s.values]]),
    );
  });

  it('refuses batches whose lengths and arrays disagree, or arrays of another type', () => {
    const good = packSeries([series(1, 3), series(2, 2)], true);
    assert.ok(isSeriesBatch(good));
    for (const [why, bad] of [
      ['a length too many', { ...good, lengths: [3, 2, 1] }],
      ['lengths that do not add up', { ...good, lengths: [3, 3] }],
      ['a negative length', { ...good, lengths: [6, -1] }],
      ['a fractional length', { ...good, lengths: [2.5, 2.5] }],
      ['a run id that is not a string', { ...good, runIds: ['a', 7] }],
      ['values as a plain array', { ...good, values: [1, 2, 3, 4, 5] }],
      ['steps as Uint8Array', { ...good, steps: new Uint8Array(5) }],
      ['step climbs without first steps', { ...good, stepStarts: undefined }],
      ['first steps for one run of two', { ...good, stepStarts: [0] }],
      ['a first step that is not an integer', { ...good, stepStarts: [0, 0.5] }],
      ['first steps with whole steps', { ...good, steps: new Int32Array(5) }],
      ['a time base with epoch-ms times', { ...good, times: new Float64Array(5) }],
      ['a time base that is not an integer', { ...good, timeBase: 0.5 }],
      ['no time base', { ...good, timeBase: undefined }],
      ['null', null],
    ] as const) {
      assert.equal(isSeriesBatch(bad), false, why);
    }
  });
});
