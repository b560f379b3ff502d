import type { CompareTable } from '../../core/compare/compareTable';
import { readRuns } from '../../core/compare/readRuns';
import { runColor } from '../../core/compare/runColors';
import { runLabel } from '../../core/explorer/runSummary';
import type { Run } from '../../core/tracking/entities/run';
import type { CompareHostMessage, CompareRunHeader } from '../../protocol/compareRuns';
import type { StoreSession } from '../connection';

/** The phases of one panel's first load the bench times, in the order they come. */
export type ComparePhase =
  | 'prefetchStarted'
  | 'ready'
  | 'snapshotPosted'
  | 'showMetrics'
  | 'firstSeriesPosted'
  | 'allSeriesPosted'
  | 'aggregatesPosted';

/**
 * Epoch ms of the host's phases of one panel's first load (unset until reached), as the panel's
 * probe record holds them (`opened` when the host created it).
 */
export type CompareHostTimings = { opened: number } & Partial<Record<ComparePhase, number>>;

/** The compared runs as read, and the ids that could not be read. */
export interface ReadRuns {
  readonly runs: Run[];
  readonly missing: string[];
}

/** Read the compared runs from the active connection's tracking store. */
export async function readComparedRuns(
  session: StoreSession,
  runIds: readonly string[],
  signal: AbortSignal,
): Promise<ReadRuns> {
  const { tracking } = await session.stores();
  return readRuns(tracking, runIds, signal);
}

/** The snapshot message of the compared runs: their headers (name, colour), the table, every key. */
export function snapshotMessage(
  runs: readonly Run[],
  table: CompareTable,
  missing: readonly string[],
): CompareHostMessage {
  const headers: CompareRunHeader[] = runs.map((r, i) => ({
    runId: r.info.runId,
    name: runLabel(r),
    experimentId: r.info.experimentId,
    status: r.info.status,
    color: runColor(i),
    startTime: r.info.startTime,
  }));
  const keys = (pick: (r: Run) => readonly { key: string }[]): string[] =>
    [...new Set(runs.flatMap((r) => pick(r).map((x) => x.key)))].sort();
  return {
    type: 'compare/snapshot',
    runs: headers,
    table,
    metricKeys: keys((r) => r.data.metrics),
    paramKeys: keys((r) => r.data.params),
    missing,
  };
}
