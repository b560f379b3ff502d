import type { Run } from '../tracking/entities/run';
import type { TrackingStore } from '../tracking/trackingStore';

/** Runs read at once: enough to hide latency, few enough not to flood a shared server. */
const CONCURRENCY = 8;

/**
 * Read runs by id, keeping the caller's order. A run that cannot be read (deleted for good, or
 * refused) is reported in `missing` instead of failing the whole comparison; cancellation does fail it.
 */
export async function readRuns(
  store: TrackingStore,
  runIds: readonly string[],
  signal?: AbortSignal,
): Promise<{ runs: Run[]; missing: string[] }> {
  const found = new Array<Run | undefined>(runIds.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < runIds.length) {
      const i = next++;
      signal?.throwIfAborted();
      try {
        found[i] = await store.getRun(runIds[i] ?? '', { signal });
      } catch (err) {
        if (signal?.aborted === true) {
          throw err;
        }
        found[i] = undefined;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, runIds.length) }, worker));
  return {
    runs: found.filter((r): r is Run => r !== undefined),
    missing: runIds.filter((_, i) => found[i] === undefined),
  };
}
