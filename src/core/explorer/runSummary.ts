import type { Run, RunStatus } from '../tracking/entities/run';
import { displayText } from './displayText';

/** The tag MLflow puts on a child run, naming its parent. */
export const PARENT_RUN_TAG = 'mlflow.parentRunId';
/** The tag that holds a run's Markdown note. */
export const NOTE_TAG = 'mlflow.note.content';

/** How a run status is drawn: a codicon id and a theme colour id (undefined = the default). */
export interface StatusLook {
  readonly icon: string;
  readonly color: string | undefined;
  readonly label: string;
}

/** Codicons chosen to match VS Code's own Testing view: spinning while running, red for failures. */
export function statusLook(status: RunStatus): StatusLook {
  switch (status) {
    case 'RUNNING':
      return { icon: 'sync~spin', color: 'charts.blue', label: 'running' };
    case 'SCHEDULED':
      return { icon: 'clock', color: undefined, label: 'scheduled' };
    case 'FINISHED':
      return { icon: 'pass', color: 'testing.iconPassed', label: 'finished' };
    case 'FAILED':
      return { icon: 'error', color: 'testing.iconFailed', label: 'failed' };
    case 'KILLED':
      return { icon: 'circle-slash', color: 'testing.iconSkipped', label: 'killed' };
    default:
      return { icon: 'question', color: undefined, label: status.toLowerCase() };
  }
}

/** `42 ms`, `3.4 s`, `2 min 5 s`, `1 h 3 min`, `2 d 4 h` — the unit a human reads at a glance. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) {
    return '';
  }
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  const s = ms / 1000;
  if (s < 60) {
    return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  }
  const min = Math.floor(s / 60);
  if (min < 60) {
    return `${min} min ${Math.round(s % 60)} s`;
  }
  const h = Math.floor(min / 60);
  if (h < 24) {
    return `${h} h ${min % 60} min`;
  }
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** A run's duration: end − start, or start → now while it runs; undefined without a start. */
export function runDuration(run: Run, now: number): number | undefined {
  const { startTime, endTime, status } = run.info;
  if (startTime === undefined) {
    return undefined;
  }
  const end = endTime ?? (status === 'RUNNING' ? now : undefined);
  return end === undefined ? undefined : Math.max(0, end - startTime);
}

/** Local date and time, minute precision: `2026-11-20 14:03`. */
export function formatTimestamp(ms: number | undefined): string {
  if (ms === undefined) {
    return '';
  }
  // One Date and the two-digit strings made once: the runs table formats a start time for every
  // row a scroll brings into view, and a Date and five padded strings a row were most of its garbage.
  const d = CLOCK;
  d.setTime(ms);
  return `${String(d.getFullYear())}-${twoDigits(d.getMonth() + 1)}-${twoDigits(d.getDate())} ${twoDigits(d.getHours())}:${twoDigits(d.getMinutes())}`;
}

const CLOCK = new Date(0);
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const twoDigits = (n: number): string => TWO_DIGITS[n] ?? String(n);

/** The label of a run: its name, else the start of its id (as MLflow's UI does). */
export function runLabel(run: Run): string {
  const name = run.info.runName ?? run.data.tags.find((t) => t.key === 'mlflow.runName')?.value;
  return name !== undefined && name !== '' ? displayText(name, 120) : run.info.runId.slice(0, 8);
}

/** `2026-11-20 14:03 · 2 min 5 s`, shown beside the label. */
export function runDescription(run: Run, now: number): string {
  const duration = runDuration(run, now);
  const parts = [formatTimestamp(run.info.startTime), duration === undefined ? '' : formatDuration(duration)];
  return parts.filter((p) => p !== '').join(' · ');
}

/** The plain-text lines of a run's tooltip (the extension renders them as text, never markup). */
export function runTooltipLines(run: Run, now: number): string[] {
  const look = statusLook(run.info.status);
  const duration = runDuration(run, now);
  const lines = [
    `${runLabel(run)} — ${look.label}`,
    `Run ID: ${run.info.runId}`,
    `Started: ${formatTimestamp(run.info.startTime) || 'unknown'}${duration === undefined ? '' : ` · ${formatDuration(duration)}`}`,
  ];
  if (run.info.userId !== undefined && run.info.userId !== '') {
    lines.push(`User: ${displayText(run.info.userId, 80)}`);
  }
  const parent = run.data.tags.find((t) => t.key === PARENT_RUN_TAG)?.value;
  if (parent !== undefined) {
    lines.push(`Parent run: ${displayText(parent, 40)}`);
  }
  const metrics = run.data.metrics
    .slice(0, 5)
    .map((m) => `${displayText(m.key, 40)}=${formatMetric(m.value)}`);
  if (metrics.length > 0) {
    lines.push(`Metrics: ${metrics.join(', ')}${run.data.metrics.length > 5 ? ', …' : ''}`);
  }
  if (run.info.lifecycleStage === 'deleted') {
    lines.push('Deleted (restore it from the context menu)');
  }
  return lines;
}

/** Metric values as MLflow shows them: 4 significant digits, NaN and ±Infinity spelled out. */
export function formatMetric(value: number): string {
  if (Number.isNaN(value)) {
    return 'NaN';
  }
  if (!Number.isFinite(value) || Math.abs(value) >= 1.7976931348623157e308) {
    return value > 0 ? 'Infinity' : '-Infinity';
  }
  if (Number.isInteger(value) && Math.abs(value) < 1e15) {
    return String(value);
  }
  return String(Number(value.toPrecision(4)));
}
