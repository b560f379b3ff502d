import { asObject, optString, reqDouble, reqInt, reqString } from '../../common/jsonFields';

/**
 * One logged metric value. `value` keeps what the backend stored: NaN stays NaN, ±Infinity stays
 * infinite on the file store, while a sqlite-backed server has already clamped ±inf to
 * ±1.7976931348623157e308 (MLflow does that before writing), so that is what arrives.
 */
export interface Metric {
  readonly key: string;
  readonly value: number;
  readonly timestamp: number;
  readonly step: number;
}

/** A metric point from a multi-run history call, tagged with the run it belongs to. */
export interface MetricPoint extends Metric {
  readonly runId: string | undefined;
}

/** Parse `{key, value, timestamp, step}`; `step` defaults to 0 as in MLflow's proto. */
export function parseMetric(raw: unknown): Metric {
  const o = asObject(raw, 'metric');
  return {
    key: reqString(o, 'key'),
    value: reqDouble(o, 'value'),
    timestamp: o.timestamp === undefined ? 0 : reqInt(o, 'timestamp'),
    step: o.step === undefined ? 0 : reqInt(o, 'step'),
  };
}

/**
 * Parse a bulk-interval point, which adds `run_id` to the metric. Built field by field, not by
 * spreading the metric: an answer holds up to 250,000 points and the spread made parsing 2× slower.
 */
export function parseMetricPoint(raw: unknown): MetricPoint {
  const o = asObject(raw, 'metric');
  const m = parseMetric(o);
  return { key: m.key, value: m.value, timestamp: m.timestamp, step: m.step, runId: optString(o, 'run_id') };
}
