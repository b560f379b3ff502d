import { lowerIsBetter } from '../compare/lowerIsBetter';
import { displayText } from '../explorer/displayText';
import { formatMetric, runLabel, statusLook } from '../explorer/runSummary';
import type { Run } from '../tracking/entities/run';
import type { MlflowCall } from './mlflowCalls';
import { SOURCE_TAGS } from './runSource';

/** What the lenses of one file show, read from the store once per refresh (see the lens cache). */
export interface FileLensData {
  /** The experiment the file's runs were looked for in; undefined when it does not exist (yet). */
  readonly experiment:
    | {
        readonly experimentId: string;
        readonly name: string;
        readonly runCount: number;
        readonly more: boolean;
      }
    | undefined;
  /** The experiment's newest run (any source file). */
  readonly latestRun: Run | undefined;
  /** The newest runs whose `mlflow.source.name` is this file, newest first. */
  readonly fileRuns: readonly Run[];
}

/** A lens as data: where, what it says, and which command (by role) it runs. */
export interface LensSpec {
  readonly offset: number;
  readonly title: string;
  readonly tooltip: string;
  readonly action: 'openExperiment' | 'compareLatest' | 'none';
}

/** How many of the file's newest runs the metric lenses summarise. */
export const LATEST_RUNS = 10;

/**
 * Whether a run's recorded `mlflow.source.name` names this file: the same path, or the same
 * trailing path segments (MLflow records the path as the script was started, relative or absolute
 * on another machine), compared at segment boundaries so `my_train.py` is not `train.py`.
 */
export function isSourceOf(sourceName: string, filePath: string): boolean {
  const name = sourceName.replace(/\\/g, '/');
  const a = name.split('/').filter((s) => s !== '' && s !== '.');
  const b = filePath
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '');
  if (a.length === 0 || b.length === 0 || a.includes('..')) {
    return false;
  }
  let same = 0;
  while (same < a.length && same < b.length && a[a.length - 1 - same] === b[b.length - 1 - same]) {
    same++;
  }
  // A relative name is the file's tail; an absolute one was another checkout: its file name and
  // folder must agree (a bare `/train.py` only its name).
  const absolute = /^([a-z]:)?\//i.test(name);
  return absolute ? same >= Math.min(2, a.length) : same === a.length;
}

/** The runs (newest first, as searched) that came from this file, at most {@link LATEST_RUNS}. */
export function runsOfFile(runs: readonly Run[], filePath: string): Run[] {
  return runs
    .filter((r) => {
      const source = r.data.tags.find((t) => t.key === SOURCE_TAGS.name)?.value;
      return source !== undefined && isSourceOf(source, filePath);
    })
    .slice(0, LATEST_RUNS);
}

/** A metric's value in the newest run that logged it, and its best over the runs given. */
export interface MetricSummary {
  readonly last: number;
  readonly lastRun: Run;
  readonly best: number;
  readonly bestRun: Run;
  readonly runs: number;
}

export function summarizeMetric(runs: readonly Run[], key: string): MetricSummary | undefined {
  const lower = lowerIsBetter(key);
  let summary: MetricSummary | undefined;
  let count = 0;
  for (const run of runs) {
    const metric = run.data.metrics.find((m) => m.key === key);
    if (metric === undefined) {
      continue;
    }
    count++;
    if (summary === undefined) {
      summary = { last: metric.value, lastRun: run, best: metric.value, bestRun: run, runs: 0 };
      continue;
    }
    const better =
      Number.isFinite(metric.value) && (lower ? metric.value < summary.best : metric.value > summary.best);
    if (better || !Number.isFinite(summary.best)) {
      summary = { ...summary, best: metric.value, bestRun: run };
    }
  }
  return summary === undefined ? undefined : { ...summary, runs: count };
}

/**
 * The lenses of a file from its calls and the cached data: pure, so that a 2,000-line script's
 * lenses cost a parse and a few lookups (the bench measures it) and never a request.
 */
export function lensSpecs(calls: readonly MlflowCall[], data: FileLensData | undefined): LensSpec[] {
  const out: LensSpec[] = [];
  const seenLines = new Set<string>();
  for (const call of calls) {
    if (call.kind === 'setExperiment') {
      out.push(experimentLens(call, data));
    } else if (call.kind === 'logMetric' || call.kind === 'logMetrics') {
      const key = call.name ?? '';
      // One lens per key and call: `log_metric("loss", …)` in a loop body is one line, not many.
      const id = `${String(call.nameOffset ?? call.offset)}:${key}`;
      if (!seenLines.has(id)) {
        seenLines.add(id);
        out.push(metricLens(call.nameOffset ?? call.offset, key, data));
      }
    } else {
      out.push(runLens(call, data));
    }
  }
  return out;
}

function experimentLens(call: MlflowCall, data: FileLensData | undefined): LensSpec {
  const exp = data?.experiment;
  if (exp === undefined) {
    return {
      offset: call.offset,
      title: `MLflow: no experiment ${call.name === undefined ? '' : `"${displayText(call.name, 60)}" `}yet`,
      tooltip: 'Not found in the active connection; running this script creates it.',
      action: 'none',
    };
  }
  const count = `${String(exp.runCount)}${exp.more ? '+' : ''} run${exp.runCount === 1 && !exp.more ? '' : 's'}`;
  const latest = data?.latestRun;
  const status =
    latest === undefined ? '' : ` · latest ${runLabel(latest)}: ${statusLook(latest.info.status).label}`;
  return {
    offset: call.offset,
    title: `MLflow: ${count}${status} · Open Experiment`,
    tooltip: `Experiment ${displayText(exp.name, 120)} (${exp.experimentId})`,
    action: 'openExperiment',
  };
}

function metricLens(offset: number, key: string, data: FileLensData | undefined): LensSpec {
  const summary = data === undefined ? undefined : summarizeMetric(data.fileRuns, key);
  const shown = displayText(key, 60);
  if (summary === undefined) {
    return {
      offset,
      title: `${shown}: not logged by this file's latest runs yet`,
      tooltip: `No run among the latest ${String(LATEST_RUNS)} from this file logged ${shown}.`,
      action: 'none',
    };
  }
  const direction = lowerIsBetter(key) ? 'lowest' : 'highest';
  return {
    offset,
    title: `${shown}: last ${formatMetric(summary.last)} · best ${formatMetric(summary.best)} (${String(summary.runs)} run${summary.runs === 1 ? '' : 's'}) · Compare Latest Runs`,
    tooltip: `Last: ${runLabel(summary.lastRun)}. Best (${direction}): ${runLabel(summary.bestRun)}.`,
    action: 'compareLatest',
  };
}

function runLens(call: MlflowCall, data: FileLensData | undefined): LensSpec {
  const runs = data?.fileRuns ?? [];
  const what = call.kind === 'autolog' ? 'autolog' : 'run';
  const latest = runs[0];
  return {
    offset: call.offset,
    title:
      latest === undefined
        ? `MLflow ${what}: no runs from this file yet`
        : `MLflow ${what}: latest ${runLabel(latest)} ${statusLook(latest.info.status).label}${runs.length > 1 ? ` · Compare Latest ${String(runs.length)} Runs` : ''}`,
    tooltip: `The newest runs whose ${SOURCE_TAGS.name} is this file.`,
    action: runs.length > 1 ? 'compareLatest' : 'none',
  };
}
