import { aggregate } from '../compare/metricAggregates';
import type { Metric } from '../tracking/entities/metric';
import { boundedInt, requiredString } from './toolInput';
import { clip, jsonNumber, toolText } from './toolOutput';
import type { MlflowTool } from './toolTypes';

/** `count` points spread evenly over the history, the first and the last always among them. */
export function samplePoints(history: readonly Metric[], count: number): Metric[] {
  if (history.length <= count) {
    return [...history];
  }
  const picked: Metric[] = [];
  for (let i = 0; i < count; i++) {
    const at = Math.round((i * (history.length - 1)) / (count - 1));
    const m = history[at];
    if (m !== undefined && picked[picked.length - 1] !== m) {
      picked.push(m);
    }
  }
  return picked;
}

export const getMetricHistory: MlflowTool = {
  name: 'get_metric_history',
  title: 'Get MLflow Metric History',
  description:
    "Summarises one metric's history over the steps of one MLflow run: how many values were logged, the min, max " +
    'and last value (with its step), and up to max_points points sampled evenly from first to last step (as ' +
    '[step, value]). Use it to tell whether training converged, overfit (val_loss rising) or diverged (NaN).',
  inputSchema: {
    type: 'object',
    properties: {
      run_id: { type: 'string', description: 'The run id.' },
      metric_key: { type: 'string', description: 'The metric name, e.g. val_loss.' },
      max_points: {
        type: 'integer',
        description: 'Sampled points to include (2-200, default 20).',
        minimum: 2,
        maximum: 200,
      },
    },
    required: ['run_id', 'metric_key'],
    additionalProperties: false,
  },
  writes: false,
  async run(input, { stores, signal }) {
    const runId = requiredString(input, 'run_id');
    const metricKey = requiredString(input, 'metric_key');
    const maxPoints = boundedInt(input, 'max_points', 20, 2, 200);
    const raw = await stores.tracking.getMetricHistory({ runId, metricKey, signal });
    const history = [...raw].sort((a, b) => a.step - b.step || a.timestamp - b.timestamp);
    const agg = aggregate(history);
    if (agg === undefined) {
      return toolText({
        run_id: runId,
        metric_key: clip(metricKey),
        count: 0,
        note: 'no values were logged for this metric',
      });
    }
    const points = samplePoints(history, maxPoints);
    return toolText({
      run_id: runId,
      metric_key: clip(metricKey),
      count: agg.count,
      min: jsonNumber(agg.min),
      max: jsonNumber(agg.max),
      last: jsonNumber(agg.last),
      last_step: agg.lastStep,
      first_step: history[0]?.step,
      points: points.map((m) => [m.step, jsonNumber(m.value)]),
      ...(points.length < history.length
        ? { points_note: `sampled ${String(points.length)} of ${String(history.length)} values` }
        : {}),
    });
  },
};
