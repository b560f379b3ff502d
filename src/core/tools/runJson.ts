import type { Run } from '../tracking/entities/run';
import { MAX_VALUE, clip, compact, firstItems, isoTime, jsonNumber } from './toolOutput';

/** A list of key/value entries as a JSON object, bounded, with a note when cut. */
function entries<T extends { readonly key: string }>(
  list: readonly T[],
  max: number,
  what: string,
  value: (item: T) => unknown,
): { values: Record<string, unknown>; note?: string } {
  const sorted = [...list].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const cut = firstItems(sorted, max, what);
  return { values: Object.fromEntries(cut.items.map((e) => [clip(e.key), value(e)])), note: cut.note };
}

/** The run's identity and lifecycle. */
function runInfoJson(run: Run): Record<string, unknown> {
  const i = run.info;
  const tagName = run.data.tags.find((t) => t.key === 'mlflow.runName')?.value;
  return compact({
    run_id: i.runId,
    run_name: clip(i.runName ?? tagName),
    experiment_id: i.experimentId,
    status: clip(i.status),
    start_time: isoTime(i.startTime),
    end_time: isoTime(i.endTime),
    duration_s:
      i.startTime !== undefined && i.endTime !== undefined ? (i.endTime - i.startTime) / 1000 : undefined,
    lifecycle_stage: i.lifecycleStage,
    user: clip(i.userId),
  });
}

/** A run in a search answer: identity, latest metrics and params (bounded), no tags. */
export function runSummaryJson(run: Run, maxKeys = 25): Record<string, unknown> {
  const metrics = entries(run.data.metrics, maxKeys, 'metrics', (m) => jsonNumber(m.value));
  const params = entries(run.data.params, maxKeys, 'params', (p) => clip(p.value, MAX_VALUE));
  return compact({
    ...runInfoJson(run),
    metrics: metrics.values,
    metrics_note: metrics.note,
    params: params.values,
    params_note: params.note,
  });
}

/** A whole run: identity, every latest metric, param and tag (bounded), datasets and models. */
export function runDetailJson(run: Run): Record<string, unknown> {
  const metrics = entries(run.data.metrics, 200, 'metrics', (m) =>
    compact({ value: jsonNumber(m.value), step: m.step }),
  );
  const params = entries(run.data.params, 200, 'params', (p) => clip(p.value, MAX_VALUE));
  const tags = entries(run.data.tags, 100, 'tags', (t) => clip(t.value, MAX_VALUE));
  const datasets = firstItems(run.inputs.datasetInputs, 20, 'datasets');
  return compact({
    ...runInfoJson(run),
    artifact_uri: clip(run.info.artifactUri, MAX_VALUE),
    metrics: metrics.values,
    metrics_note: metrics.note,
    params: params.values,
    params_note: params.note,
    tags: tags.values,
    tags_note: tags.note,
    datasets: datasets.items.map((d) =>
      compact({
        name: clip(d.dataset.name),
        digest: clip(d.dataset.digest),
        source_type: clip(d.dataset.sourceType),
      }),
    ),
    datasets_note: datasets.note,
    logged_models: run.outputs.modelOutputs.slice(0, 20).map((m) => m.modelId),
  });
}
