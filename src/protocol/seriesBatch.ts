import { isRecord } from './exactKeys';

/** One run's history of one metric as the host packs it: steps, epoch-ms timestamps and values, one index per point. */
export interface SeriesArrays {
  readonly runId: string;
  readonly steps: Float64Array;
  readonly times: Float64Array;
  readonly values: Float64Array;
}

/** The same as the compare webview holds it: `times` only once a wall-clock axis asked for them. */
export interface SeriesPayload {
  readonly runId: string;
  readonly steps: Float64Array;
  readonly times: Float64Array | undefined;
  readonly values: Float64Array;
}

/**
 * Many runs' series of one metric packed into at most three typed arrays, the form they cross to the
 * webview in. Why packed: VS Code's RPC writes a message's argument count in one byte and every
 * distinct ArrayBuffer of a webview message becomes an argument, so a message holding more than
 * 253 typed arrays (85 runs × 3) lost its later arrays on the way: they arrived empty. Three
 * arrays per message also cost the workbench three copies instead of hundreds.
 *
 * Narrower types are used when they hold every point exactly (nothing is rounded): steps as
 * Uint16 climbs from the step before (or whole numbers in Int32), timestamps as Int32 milliseconds
 * after `timeBase`, values in Float32 when each one is a float32 already (as metrics logged from
 * float32 tensors are). Otherwise Float64. Timestamps travel only when a chart's x-axis is wall or
 * relative time. Bytes matter: in the web workbench every byte of a webview message is copied
 * through a Blob and several IPC hops on the thread the webview draws on.
 */
export interface SeriesBatch {
  readonly runIds: readonly string[];
  /** Points of each run's series, in `runIds` order; the arrays hold them back to back. */
  readonly lengths: readonly number[];
  /**
   * Uint16: each point's step minus the one before it in its series (0 for a series' first point,
   * whose step is in `stepStarts`). Steps usually climb by less than 65,536 a point, so this takes
   * half the bytes of Int32. Int32 or Float64: the steps themselves.
   */
  readonly steps: Uint16Array | Int32Array | Float64Array;
  /** With Uint16 `steps`: each series' first step, in `runIds` order; otherwise absent. */
  readonly stepStarts: readonly number[] | undefined;
  /** Epoch ms the `times` are counted from (0 when `times` holds epoch ms itself, or is absent). */
  readonly timeBase: number;
  /** Absent when the webview did not ask for wall-clock times. */
  readonly times: Int32Array | Float64Array | undefined;
  readonly values: Float32Array | Float64Array;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

const isInt32 = (x: number): boolean => Number.isInteger(x) && x >= INT32_MIN && x <= INT32_MAX;

function every(
  series: readonly SeriesArrays[],
  pick: (s: SeriesArrays) => Float64Array,
  ok: (x: number) => boolean,
): boolean {
  for (const s of series) {
    for (const x of pick(s)) {
      if (!ok(x)) {
        return false;
      }
    }
  }
  return true;
}

function concat<A extends Int32Array | Float32Array | Float64Array>(
  out: A,
  series: readonly SeriesArrays[],
  pick: (s: SeriesArrays) => Float64Array,
  offset = 0,
): A {
  let at = 0;
  for (const s of series) {
    const part = pick(s);
    if (offset === 0) {
      out.set(part, at);
    } else {
      for (let i = 0; i < part.length; i++) {
        out[at + i] = (part[i] ?? 0) - offset;
      }
    }
    at += part.length;
  }
  return out;
}

/** True when every series' steps are whole, safe, in order, and climb by at most 65,535 a point. */
function stepsAsDeltas(series: readonly SeriesArrays[]): boolean {
  for (const { steps } of series) {
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i] ?? Number.NaN;
      const d = i === 0 ? 0 : step - (steps[i - 1] ?? 0);
      if (!Number.isSafeInteger(step) || d < 0 || d > 0xffff) {
        return false;
      }
    }
  }
  return true;
}

function packSteps(
  series: readonly SeriesArrays[],
  total: number,
): Pick<SeriesBatch, 'steps' | 'stepStarts'> {
  if (stepsAsDeltas(series)) {
    const deltas = new Uint16Array(total);
    let at = 0;
    for (const { steps } of series) {
      for (let i = 1; i < steps.length; i++) {
        deltas[at + i] = (steps[i] ?? 0) - (steps[i - 1] ?? 0);
      }
      at += steps.length;
    }
    return { steps: deltas, stepStarts: series.map((s) => s.steps[0] ?? 0) };
  }
  return {
    steps: every(series, (s) => s.steps, isInt32)
      ? concat(new Int32Array(total), series, (s) => s.steps)
      : concat(new Float64Array(total), series, (s) => s.steps),
    stepStarts: undefined,
  };
}

/** Pack series for one message, each array in the narrowest type that keeps every point exact; timestamps only `withTimes`. */
export function packSeries(series: readonly SeriesArrays[], withTimes: boolean): SeriesBatch {
  const total = series.reduce((n, s) => n + s.values.length, 0);
  const { steps, stepStarts } = packSteps(series, total);
  // NaN is a float32 as well; Math.fround(NaN) !== NaN, hence the second test.
  const float32 = every(
    series,
    (s) => s.values,
    (v) => Math.fround(v) === v || Number.isNaN(v),
  );
  const values = float32
    ? concat(new Float32Array(total), series, (s) => s.values)
    : concat(new Float64Array(total), series, (s) => s.values);
  const base = {
    runIds: series.map((s) => s.runId),
    lengths: series.map((s) => s.values.length),
    steps,
    stepStarts,
    values,
  };
  if (!withTimes) {
    return { ...base, timeBase: 0, times: undefined };
  }
  let first = Infinity;
  for (const s of series) {
    for (const t of s.times) {
      first = Math.min(first, t);
    }
  }
  const offsetsFit =
    Number.isSafeInteger(first) &&
    every(
      series,
      (s) => s.times,
      (t) => isInt32(t - first),
    );
  return offsetsFit
    ? { ...base, timeBase: first, times: concat(new Int32Array(total), series, (s) => s.times, first) }
    : { ...base, timeBase: 0, times: concat(new Float64Array(total), series, (s) => s.times) };
}

/** The series of a batch, each in arrays of its own (Float64, as the charts compute with them). */
export function unpackSeries(batch: SeriesBatch): SeriesPayload[] {
  const out: SeriesPayload[] = [];
  let at = 0;
  batch.runIds.forEach((runId, k) => {
    const n = batch.lengths[k] ?? 0;
    let times: Float64Array | undefined;
    if (batch.times !== undefined) {
      times = Float64Array.from(batch.times.subarray(at, at + n));
      if (batch.timeBase !== 0) {
        for (let i = 0; i < n; i++) {
          times[i] = (times[i] ?? 0) + batch.timeBase;
        }
      }
    }
    const steps = Float64Array.from(batch.steps.subarray(at, at + n));
    if (batch.stepStarts !== undefined) {
      // A running sum of the deltas from the series' first step.
      let step = batch.stepStarts[k] ?? 0;
      for (let i = 0; i < n; i++) {
        step += steps[i] ?? 0;
        steps[i] = step;
      }
    }
    out.push({ runId, steps, times, values: Float64Array.from(batch.values.subarray(at, at + n)) });
    at += n;
  });
  return out;
}

const isSafeInt = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x);

/** Steps as deltas (Uint16) need each series' first step; steps in full must come without them. */
function stepStartsFit(steps: unknown, stepStarts: unknown, runs: number): boolean {
  return steps instanceof Uint16Array
    ? Array.isArray(stepStarts) && stepStarts.length === runs && stepStarts.every(isSafeInt)
    : stepStarts === undefined;
}

const isStepsArray = (v: unknown): v is SeriesBatch['steps'] =>
  v instanceof Uint16Array || v instanceof Int32Array || v instanceof Float64Array;

const isTimesArray = (v: unknown): v is SeriesBatch['times'] =>
  v === undefined || v instanceof Int32Array || v instanceof Float64Array;

const isValuesArray = (v: unknown): v is SeriesBatch['values'] =>
  v instanceof Float32Array || v instanceof Float64Array;

/** Only Int32 `times` are offsets from a base; any other form holds epoch ms itself (base 0). */
const timeBaseFits = (timeBase: unknown, times: unknown): boolean =>
  isSafeInt(timeBase) && (timeBase === 0 || times instanceof Int32Array);

/** The points of every series together, or -1 when a length is not a count. */
function totalPoints(lengths: readonly unknown[]): number {
  let total = 0;
  for (const n of lengths) {
    if (!isSafeInt(n) || n < 0) {
      return -1;
    }
    total += n;
  }
  return total;
}

/** Guard for a batch from the host: the allowed array types, one length per run, lengths that add up to every array's. */
export function isSeriesBatch(v: unknown): v is SeriesBatch {
  if (!isRecord(v)) {
    return false;
  }
  const { runIds, lengths, steps, stepStarts, times, values, timeBase } = v;
  if (
    !Array.isArray(runIds) ||
    !Array.isArray(lengths) ||
    runIds.length !== lengths.length ||
    !runIds.every((id) => typeof id === 'string')
  ) {
    return false;
  }
  if (
    !stepStartsFit(steps, stepStarts, runIds.length) ||
    !isStepsArray(steps) ||
    !isTimesArray(times) ||
    !isValuesArray(values) ||
    !timeBaseFits(timeBase, times)
  ) {
    return false;
  }
  const total = totalPoints(lengths);
  return steps.length === total && (times === undefined || times.length === total) && values.length === total;
}
