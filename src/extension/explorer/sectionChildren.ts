import { displayText } from '../../core/explorer/displayText';
import { runModelCount, type RunModel } from '../../core/explorer/runModels';
import { formatMetric, formatTimestamp } from '../../core/explorer/runSummary';
import type { Run } from '../../core/tracking/entities/run';
import type { ExplorerNode, RunSection } from './explorerNode';

/** Sections a run shows, with how many entries each has (artifacts are counted lazily). */
export function runSections(run: Run): Array<{ section: RunSection; count: number | undefined }> {
  const all: Array<{ section: RunSection; count: number | undefined }> = [
    { section: 'params', count: run.data.params.length },
    { section: 'metrics', count: run.data.metrics.length },
    { section: 'tags', count: run.data.tags.filter((t) => !t.key.startsWith('mlflow.')).length },
    { section: 'datasets', count: run.inputs.datasetInputs.length },
    { section: 'artifacts', count: undefined },
    { section: 'models', count: runModelCount(run) },
  ];
  // Empty sections are noise, except Artifacts, whose size is unknown until listed.
  return all.filter(
    (s) => s.count === undefined || s.count > 0 || s.section === 'params' || s.section === 'metrics',
  );
}

export const SECTION_LABELS: Readonly<Record<RunSection, string>> = {
  params: 'Parameters',
  metrics: 'Metrics',
  tags: 'Tags',
  datasets: 'Datasets',
  artifacts: 'Artifacts',
  models: 'Models',
};

/** The entries of a run's section (all but artifacts and models, which come from the store). */
export function sectionValues(
  run: Run,
  section: Exclude<RunSection, 'artifacts' | 'models'>,
  parentId: string,
): ExplorerNode[] {
  const id = (suffix: string): string => `${parentId}/${suffix}`;
  switch (section) {
    case 'params':
      return run.data.params.map((p) => ({
        kind: 'value',
        id: id(`p:${p.key}`),
        label: displayText(p.key, 80),
        description: displayText(p.value, 120),
        tooltip: `${displayText(p.key, 200)} = ${displayText(p.value, 2000)}`,
        icon: 'symbol-parameter',
        copy: p.value,
        parentId,
      }));
    case 'metrics':
      return run.data.metrics.map((m) => ({
        kind: 'value',
        id: id(`m:${m.key}`),
        label: displayText(m.key, 80),
        description: `${formatMetric(m.value)} · step ${m.step}`,
        tooltip: `${displayText(m.key, 200)} = ${formatMetric(m.value)} (latest, step ${m.step}, ${formatTimestamp(m.timestamp)})`,
        icon: 'graph-line',
        copy: String(m.value),
        parentId,
      }));
    case 'tags': {
      // MLflow's system tags (source, user, git commit…) are in the run tooltip and detail panel.
      return run.data.tags
        .filter((t) => !t.key.startsWith('mlflow.'))
        .map((t) => ({
          kind: 'value',
          id: id(`t:${t.key}`),
          label: displayText(t.key, 80),
          description: displayText(t.value, 120),
          tooltip: `${displayText(t.key, 200)} = ${displayText(t.value, 2000)}`,
          icon: 'tag',
          copy: t.value,
          parentId,
        }));
    }
    case 'datasets':
      return run.inputs.datasetInputs.map((d, i) => {
        const context = d.tags.find((t) => t.key === 'mlflow.data.context')?.value;
        return {
          kind: 'value',
          id: id(`d:${i}`),
          label: displayText(d.dataset.name || '(unnamed dataset)', 80),
          description: [context, d.dataset.digest, d.dataset.sourceType]
            .filter((x) => x !== undefined && x !== '')
            .map((x) => displayText(x ?? '', 40))
            .join(' · '),
          tooltip: `${displayText(d.dataset.name, 200)}\nDigest: ${d.dataset.digest}\nSource (${displayText(d.dataset.sourceType, 40)}): ${displayText(d.dataset.source, 500)}`,
          icon: 'database',
          copy: d.dataset.digest,
          parentId,
        };
      });
  }
}

/** The Models section's nodes for the models `listRunModels` found. */
export function modelNodes(run: Run, models: readonly RunModel[], parentId: string): ExplorerNode[] {
  return models.map((model) => ({
    kind: 'loggedModel',
    id: `${parentId}/lm:${model.modelId ?? model.artifactPath ?? model.label}`,
    runId: run.info.runId,
    model,
    parentId,
  }));
}
