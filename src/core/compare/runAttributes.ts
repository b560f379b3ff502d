import { displayText } from '../explorer/displayText';
import { PARENT_RUN_TAG, formatDuration, runDuration } from '../explorer/runSummary';
import type { Run } from '../tracking/entities/run';

/** One attribute of a run, as the compare table's "attributes" section shows it. */
export interface RunAttribute {
  readonly key: string;
  readonly label: string;
  /** The text of the attribute for a run, or undefined when the run does not have it. */
  readonly text: (run: Run, now: number) => string | undefined;
  /** A numeric order for attributes whose text does not sort (times, durations). */
  readonly sortKey?: (run: Run, now: number) => number | undefined;
}

/** Longest server string a table cell carries; longer ones (a 1 MB tag) are cut. */
export const MAX_CELL_TEXT = 1000;

const tag = (run: Run, key: string): string | undefined => run.data.tags.find((t) => t.key === key)?.value;
const nonEmpty = (s: string | undefined): string | undefined =>
  s === undefined || s === '' ? undefined : displayText(s, MAX_CELL_TEXT);

/** Attributes whose values are identifiers (hex ids, commit hashes): broken across lines they cannot be read or copied. */
const IDENTIFIER_ATTRIBUTES: ReadonlySet<string> = new Set([
  'runId',
  'experimentId',
  'parentRunId',
  'gitCommit',
]);

/** Whether a compare-table row holds identifiers, which are shown on one line (cut with an ellipsis, whole in the tooltip). */
export function isIdentifierRow(row: { readonly section: string; readonly key: string }): boolean {
  return row.section === 'attributes' && IDENTIFIER_ATTRIBUTES.has(row.key);
}

/** The attributes compared, in display order; the tags they come from are MLflow's system tags. */
export const RUN_ATTRIBUTES: readonly RunAttribute[] = [
  { key: 'runName', label: 'Run name', text: (r) => nonEmpty(r.info.runName ?? tag(r, 'mlflow.runName')) },
  { key: 'runId', label: 'Run ID', text: (r) => r.info.runId },
  { key: 'experimentId', label: 'Experiment ID', text: (r) => r.info.experimentId },
  { key: 'status', label: 'Status', text: (r) => nonEmpty(r.info.status) },
  {
    key: 'startTime',
    label: 'Start time',
    text: (r) => (r.info.startTime === undefined ? undefined : new Date(r.info.startTime).toISOString()),
    sortKey: (r) => r.info.startTime,
  },
  {
    key: 'duration',
    label: 'Duration',
    text: (r: Run, now: number): string | undefined => {
      const ms = runDuration(r, now);
      return ms === undefined ? undefined : formatDuration(ms);
    },
    sortKey: (r, now) => runDuration(r, now),
  },
  { key: 'user', label: 'User', text: (r) => nonEmpty(r.info.userId ?? tag(r, 'mlflow.user')) },
  { key: 'source', label: 'Source', text: (r) => nonEmpty(tag(r, 'mlflow.source.name')) },
  { key: 'sourceType', label: 'Source type', text: (r) => nonEmpty(tag(r, 'mlflow.source.type')) },
  { key: 'gitCommit', label: 'Git commit', text: (r) => nonEmpty(tag(r, 'mlflow.source.git.commit')) },
  { key: 'parentRunId', label: 'Parent run', text: (r) => nonEmpty(tag(r, PARENT_RUN_TAG)) },
  {
    key: 'datasets',
    label: 'Datasets',
    text: (r) => nonEmpty(r.inputs.datasetInputs.map((d) => d.dataset.name).join(', ')),
  },
];
