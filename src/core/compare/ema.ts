/**
 * Exponential moving average with TensorBoard's debiasing: the running average starts at 0, so
 * each output is divided by `1 − weight^k` (k = finite values seen so far). Without that the
 * first points would be pulled towards 0 and a smoothed loss curve would start far too low.
 *
 * `weight` is the smoothing factor in [0, 1): 0 returns the values unchanged (as a copy); values
 * outside the range are clamped to [0, 0.999] so the average never stops moving. Non-finite values
 * (NaN, ±Infinity) are passed through where they are and skipped by the average, so one diverged
 * step does not turn every later point into NaN.
 */
export function ema(ys: Float64Array, weight: number): Float64Array {
  const w = Number.isNaN(weight) ? 0 : Math.min(Math.max(weight, 0), 0.999);
  if (w === 0) {
    return ys.slice();
  }
  const out = new Float64Array(ys.length);
  let last = 0;
  let seen = 0;
  for (let i = 0; i < ys.length; i++) {
    const y = ys[i] ?? NaN;
    if (!Number.isFinite(y)) {
      out[i] = y;
      continue;
    }
    last = last * w + (1 - w) * y;
    seen++;
    out[i] = last / (1 - Math.pow(w, seen));
  }
  return out;
}
