import { displayText } from '../explorer/displayText';
import type { RunModel } from '../explorer/runModels';
import {
  formatDuration,
  formatTimestamp,
  NOTE_TAG,
  PARENT_RUN_TAG,
  runDuration,
  runLabel,
  statusLook,
} from '../explorer/runSummary';
import type { Run } from '../tracking/entities/run';

/** Longest value one cell of the detail panel shows; the rest stays on the server. */
const CELL = 5000;
/** Longest note rendered (MLflow's UI edits notes of a few KB; a huge one is cut, not frozen on). */
const NOTE = 100_000;

export interface OverviewFact {
  readonly label: string;
  readonly value: string;
}

/** The run detail panel's content for one run: text only, cut to sane sizes, ready to post. */
export interface RunOverview {
  readonly runId: string;
  readonly name: string;
  readonly status: string;
  readonly facts: readonly OverviewFact[];
  readonly parentId: string | undefined;
  readonly note: string;
  readonly params: readonly OverviewFact[];
  readonly metrics: ReadonlyArray<{ readonly key: string; readonly value: number; readonly step: number }>;
  readonly tags: readonly OverviewFact[];
  readonly datasets: ReadonlyArray<{
    readonly name: string;
    readonly digest: string;
    readonly context: string;
    readonly source: string;
  }>;
  /** Artifact path (2.x) or logged model name (3.x); flavors (2.x) or model id and status (3.x); URI. */
  readonly models: ReadonlyArray<{ readonly label: string; readonly detail: string; readonly uri: string }>;
}

/** What {@link runOverview} needs besides the run. */
export interface RunOverviewContext {
  readonly experimentName?: string;
  /** The run's models, as `listRunModels` found them (the 2.x tag alone misses MLflow 3's). */
  readonly models: readonly RunModel[];
}

const STATUS_WORDS: Readonly<Record<string, string>> = {
  LOGGED_MODEL_READY: 'ready',
  LOGGED_MODEL_PENDING: 'pending',
  LOGGED_MODEL_UPLOAD_FAILED: 'upload failed',
};

const tagValue = (run: Run, key: string): string | undefined =>
  run.data.tags.find((t) => t.key === key)?.value;

/**
 * Shape a run for the detail panel. System tags (`mlflow.*`) that the overview already shows
 * (source, user, parent, note, model history) are folded into facts and left out of the tag list.
 */
export function runOverview(run: Run, now: number, context: RunOverviewContext): RunOverview {
  const { info } = run;
  const { experimentName } = context;
  const duration = runDuration(run, now);
  const source = tagValue(run, 'mlflow.source.name');
  const commit = tagValue(run, 'mlflow.source.git.commit');
  const facts: OverviewFact[] = [
    { label: 'Status', value: statusLook(info.status).label },
    { label: 'Run ID', value: info.runId },
    {
      label: 'Experiment',
      value:
        experimentName === undefined
          ? info.experimentId
          : `${displayText(experimentName, 200)} (${info.experimentId})`,
    },
    { label: 'User', value: displayText(info.userId ?? tagValue(run, 'mlflow.user') ?? '', 200) },
    { label: 'Source', value: displayText(source ?? '', 500) },
    { label: 'Git commit', value: displayText(commit ?? '', 64) },
    { label: 'Uncommitted changes', value: uncommitted(run) },
    { label: 'Started', value: formatTimestamp(info.startTime) },
    { label: 'Ended', value: formatTimestamp(info.endTime) },
    { label: 'Duration', value: duration === undefined ? '' : formatDuration(duration) },
    { label: 'Artifact location', value: displayText(info.artifactUri ?? '', 500) },
    { label: 'Lifecycle', value: info.lifecycleStage },
  ].filter((f) => f.value !== '');
  const hidden = new Set([
    NOTE_TAG,
    PARENT_RUN_TAG,
    'mlflow.source.name',
    'mlflow.source.git.commit',
    'mlflow.source.git.dirty',
    'mlflow.user',
    'mlflow.runName',
    'mlflow.log-model.history',
  ]);
  return {
    runId: info.runId,
    name: runLabel(run),
    status: info.status,
    facts,
    parentId: tagValue(run, PARENT_RUN_TAG),
    note: (tagValue(run, NOTE_TAG) ?? '').slice(0, NOTE),
    params: [...run.data.params]
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((p) => ({ label: displayText(p.key, 250), value: displayText(p.value, CELL) })),
    metrics: [...run.data.metrics]
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((m) => ({ key: m.key, value: m.value, step: m.step })),
    tags: run.data.tags
      .filter((t) => !hidden.has(t.key))
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((t) => ({ label: displayText(t.key, 250), value: displayText(t.value, CELL) })),
    datasets: run.inputs.datasetInputs.map((d) => ({
      name: displayText(d.dataset.name, 200),
      digest: displayText(d.dataset.digest, 64),
      context: displayText(d.tags.find((t) => t.key === 'mlflow.data.context')?.value ?? '', 100),
      source: displayText(d.dataset.sourceType, 100),
    })),
    models: context.models.map((m) => ({
      label: displayText(m.label, 250),
      detail:
        m.modelId === undefined
          ? m.flavors.join(', ')
          : [m.modelId, STATUS_WORDS[m.status ?? ''] ?? displayText(m.status ?? '', 60)]
              .filter((x) => x !== '')
              .join(' · '),
      uri: displayText(m.modelUri, 500),
    })),
  };
}

/** Whether the checkout had uncommitted changes when the run started (`mlflow.source.git.dirty`). */
function uncommitted(run: Run): string {
  if (tagValue(run, 'mlflow.source.git.dirty')?.toLowerCase() !== 'true') {
    return '';
  }
  return tagValue(run, 'mlflow.git.diff') === undefined ? 'yes' : 'yes (diff logged as mlflow.git.diff)';
}
