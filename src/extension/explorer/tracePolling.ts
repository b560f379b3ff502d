import type { StoreSession } from '../connection';
import type { TracesModel } from './tracesModel';

/** In-progress traces re-read per poll at most; the rest wait for the next poll. */
const MAX_TRACES_PER_TICK = 25;

/** The loaded traces still in progress (a request whose spans are still arriving). */
export function inProgressTraceIds(traces: TracesModel): string[] {
  return traces
    .loadedTraces()
    .filter((t) => t.state === 'IN_PROGRESS')
    .map((t) => t.traceId);
}

/**
 * Re-read a batch of the loaded in-progress traces, in turns from `cursor` so that all of them
 * get their turn; a trace whose info changed (it finished, its duration grew) replaces the loaded
 * one, which redraws its Traces node. Answers whether one changed and the next cursor.
 */
export async function pollInProgressTraces(
  traces: TracesModel,
  session: StoreSession,
  cursor: number,
): Promise<{ changed: boolean; cursor: number }> {
  const ids = inProgressTraceIds(traces);
  if (ids.length === 0) {
    return { changed: false, cursor };
  }
  const start = cursor % ids.length;
  const batch = [...ids.slice(start), ...ids.slice(0, start)].slice(0, MAX_TRACES_PER_TICK);
  const store = await session.traces();
  let changed = false;
  for (const traceId of batch) {
    const before = traces.loadedTraces().find((t) => t.traceId === traceId);
    const fresh = await store.getTraceInfo(traceId);
    if (before !== undefined && JSON.stringify(before) !== JSON.stringify(fresh)) {
      changed = traces.updateTrace(fresh) || changed;
    }
  }
  return { changed, cursor: cursor + batch.length };
}
