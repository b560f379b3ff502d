import type { LoggedModel, LoggedModelMetric } from '../tracking/entities/loggedModel';
import { displayText } from './displayText';
import { formatMetric, formatTimestamp } from './runSummary';

/** How a logged model's status reads in a tree: a codicon, its theme colour and a word. */
export interface LoggedModelLook {
  readonly icon: string;
  readonly color: string | undefined;
  readonly label: string;
}

/**
 * The look of a logged model's status. The stores already spell it as REST does
 * (`LOGGED_MODEL_READY`); a number a newer MLflow adds arrives as its digits and reads as itself.
 */
export function loggedModelLook(status: string | undefined): LoggedModelLook {
  switch (status) {
    case 'LOGGED_MODEL_READY':
      return { icon: 'package', color: 'testing.iconPassed', label: 'ready' };
    case 'LOGGED_MODEL_PENDING':
      return { icon: 'loading~spin', color: 'charts.blue', label: 'pending' };
    case 'LOGGED_MODEL_UPLOAD_FAILED':
      return { icon: 'error', color: 'testing.iconFailed', label: 'failed' };
    default:
      return {
        icon: 'question',
        color: undefined,
        label: (status ?? 'unknown').replace(/^LOGGED_MODEL_/, '').toLowerCase(),
      };
  }
}

/** The run that produced a model; MLflow stores `''` for a model made outside a run. */
export function sourceRunOf(m: LoggedModel): string | undefined {
  return m.sourceRunId === undefined || m.sourceRunId === '' ? undefined : m.sourceRunId;
}

/** One line of a logged model's params, metrics or tags. */
export interface LoggedModelRow {
  /** Unique among the rows of one section (a metric logged at several steps has several rows). */
  readonly key: string;
  readonly label: string;
  readonly description: string;
  readonly tooltip: string;
  readonly copy: string;
}

/** The model's params, by key. */
export function paramRows(m: LoggedModel): LoggedModelRow[] {
  return [...m.params]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((p) => ({
      key: `p:${p.key}`,
      label: displayText(p.key, 80),
      description: displayText(p.value, 120),
      tooltip: `${displayText(p.key, 200)} = ${displayText(p.value, 2000)}`,
      copy: p.value,
    }));
}

/**
 * The model's metrics, one row per key and step (the Models tab shows each value a model was
 * given, not only the latest), by key then step; a key logged at one step alone names no step.
 */
export function metricRows(m: LoggedModel): LoggedModelRow[] {
  // A key may have a value per dataset (MLflow 3 evaluation): steps are counted per key and dataset.
  const series = (x: LoggedModelMetric): string => `${x.key}\u0000${x.datasetName ?? ''}`;
  const steps = new Map<string, number>();
  for (const x of m.metrics) {
    steps.set(series(x), (steps.get(series(x)) ?? 0) + 1);
  }
  return [...m.metrics]
    .sort(
      (a, b) =>
        a.key.localeCompare(b.key) ||
        (a.datasetName ?? '').localeCompare(b.datasetName ?? '') ||
        a.step - b.step ||
        a.timestamp - b.timestamp,
    )
    .map((x, i) => {
      const dataset = x.datasetName === undefined ? [] : [displayText(x.datasetName, 60)];
      const step = (steps.get(series(x)) ?? 0) > 1 ? [`step ${x.step}`] : [];
      const on =
        x.datasetName === undefined
          ? ''
          : `, dataset ${displayText(x.datasetName, 200)}${x.datasetDigest === undefined ? '' : ` (${displayText(x.datasetDigest, 40)})`}`;
      return {
        key: `m:${x.key}:${x.datasetName ?? ''}:${x.step}:${i}`,
        label: displayText(x.key, 80),
        description: [formatMetric(x.value), ...dataset, ...step].join(' · '),
        tooltip: `${displayText(x.key, 200)} = ${formatMetric(x.value)} (step ${x.step}${on}, ${formatTimestamp(x.timestamp)})`,
        copy: String(x.value),
      };
    });
}

const GIT_COMMIT = 'mlflow.source.git.commit';
const GIT_REPO = 'mlflow.source.git.repoURL';

/**
 * The model's tags, by key. The git commit reads as its short hash with the repository it
 * belongs to (`mlflow.source.git.repoURL`, when recorded); the full hash is what is copied.
 */
export function tagRows(m: LoggedModel): LoggedModelRow[] {
  const repo = m.tags.find((t) => t.key === GIT_REPO)?.value;
  return [...m.tags]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((t) => {
      const commit = t.key === GIT_COMMIT;
      const description = commit
        ? [t.value.slice(0, 12), repo === undefined || repo === '' ? undefined : displayText(repo, 120)]
            .filter((x) => x !== undefined)
            .join(' · ')
        : displayText(t.value, 120);
      return {
        key: `t:${t.key}`,
        label: displayText(t.key, 80),
        description,
        tooltip: commit
          ? `Git commit ${displayText(t.value, 80)}${repo === undefined ? '' : `\nRepository: ${displayText(repo, 300)}`}`
          : `${displayText(t.key, 200)} = ${displayText(t.value, 2000)}`,
        copy: t.value,
      };
    });
}

/**
 * The tree's description of a logged model: its status unless ready, its short id (models of
 * one name are told apart by it, as versions of an agent usually share the name) and its source run.
 */
export function loggedModelDescription(m: LoggedModel): string {
  const look = loggedModelLook(m.status);
  const run = sourceRunOf(m);
  return [
    m.status === 'LOGGED_MODEL_READY' ? undefined : look.label,
    m.modelId.slice(0, 10),
    run === undefined ? 'no source run' : `run ${run.slice(0, 8)}`,
  ]
    .filter((x) => x !== undefined)
    .join(' · ');
}
