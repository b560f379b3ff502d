import { dump } from 'js-yaml';
import { displayText } from '../explorer/displayText';
import type { LoggedModel, LoggedModelMetric } from '../tracking/entities/loggedModel';

/** Values longer than this are cut in the summary (a 1 MB param would make the diff unreadable). */
const MAX_VALUE = 500;

const text = (value: string): string => displayText(value, MAX_VALUE);

/** Each metric's last point by step (per dataset, named after the key), with how many steps it was logged at. */
function latestMetrics(metrics: readonly LoggedModelMetric[]): Record<string, string> {
  const byKey = new Map<string, { last: LoggedModelMetric; steps: Set<number> }>();
  for (const m of metrics) {
    const name = m.datasetName === undefined ? m.key : `${m.key} (${m.datasetName})`;
    const seen = byKey.get(name);
    if (seen === undefined) {
      byKey.set(name, { last: m, steps: new Set([m.step]) });
      continue;
    }
    seen.steps.add(m.step);
    if (m.step > seen.last.step || (m.step === seen.last.step && m.timestamp > seen.last.timestamp)) {
      seen.last = m;
    }
  }
  const out: Record<string, string> = {};
  for (const [key, { last, steps }] of byKey) {
    out[text(key)] =
      steps.size > 1
        ? `${String(last.value)} (step ${String(last.step)} of ${String(steps.size)})`
        : String(last.value);
  }
  return out;
}

const entries = (list: readonly { key: string; value: string }[]): Record<string, string> =>
  Object.fromEntries(list.map((e) => [text(e.key), text(e.value)]));

/**
 * A logged model as a small YAML document — identity, then params, metrics (each one's last value
 * by step) and tags, keys sorted — so that two of them read side by side in VS Code's diff editor
 * and only what differs is marked. Server strings are cut and made printable (displayText).
 */
export function loggedModelSummary(model: LoggedModel): string {
  const doc = {
    model: {
      name: text(model.name),
      id: model.modelId,
      uri: `models:/${model.modelId}`,
      status: model.status ?? 'unknown',
      source_run: model.sourceRunId ?? 'none',
      type: model.modelType === undefined ? 'none' : text(model.modelType),
    },
    params: entries(model.params),
    metrics: latestMetrics(model.metrics),
    tags: entries(model.tags),
  };
  return dump(doc, { sortKeys: (a: string, b: string) => a.localeCompare(b), lineWidth: -1 });
}
