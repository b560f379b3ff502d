import type { Metric } from '../tracking/entities/metric';

/** Summary of one metric history of one run, as the compare table shows it. */
export interface MetricAggregate {
  /** Smallest finite value; NaN when the history has no finite value. */
  readonly min: number;
  /** Largest finite value; NaN when the history has no finite value. */
  readonly max: number;
  /** The value at the highest step (latest timestamp among equal steps), as MLflow's "latest" metric. */
  readonly last: number;
  readonly lastStep: number;
  /** Number of logged values, finite or not. */
  readonly count: number;
}

/** Min, max, last and count of a history in one pass; undefined for an empty history. */
export function aggregate(history: readonly Metric[]): MetricAggregate | undefined {
  const first = history[0];
  if (first === undefined) {
    return undefined;
  }
  let min = Infinity;
  let max = -Infinity;
  let last = first;
  for (const m of history) {
    if (Number.isFinite(m.value)) {
      min = Math.min(min, m.value);
      max = Math.max(max, m.value);
    }
    // `>=` on the timestamp: among identical (step, timestamp) the later-logged entry wins.
    if (m.step > last.step || (m.step === last.step && m.timestamp >= last.timestamp)) {
      last = m;
    }
  }
  const any = min <= max;
  return {
    min: any ? min : NaN,
    max: any ? max : NaN,
    last: last.value,
    lastStep: last.step,
    count: history.length,
  };
}

/**
 * Aggregates by (run, metric key), bounded: the least recently used entry is dropped once the
 * cache holds `capacity` entries, so comparing many runs over a long session cannot grow memory
 * without limit. A Map iterates in insertion order, which makes "re-insert on read" an LRU.
 */
export class AggregateCache {
  private readonly entries = new Map<string, MetricAggregate>();

  constructor(readonly capacity = 5000) {}

  /** The cached aggregate, marking it as recently used. */
  get(runId: string, key: string): MetricAggregate | undefined {
    const k = cacheKey(runId, key);
    const agg = this.entries.get(k);
    if (agg !== undefined) {
      this.entries.delete(k);
      this.entries.set(k, agg);
    }
    return agg;
  }

  set(runId: string, key: string, agg: MetricAggregate): void {
    const k = cacheKey(runId, key);
    this.entries.delete(k);
    this.entries.set(k, agg);
    while (this.entries.size > Math.max(1, this.capacity)) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) {
        break;
      }
      this.entries.delete(oldest.value);
    }
  }

  has(runId: string, key: string): boolean {
    return this.entries.has(cacheKey(runId, key));
  }

  /** Forget every aggregate of a run (e.g. a running run logged more values). */
  deleteRun(runId: string): void {
    const prefix = cacheKey(runId, '');
    for (const k of [...this.entries.keys()]) {
      if (k.startsWith(prefix)) {
        this.entries.delete(k);
      }
    }
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}

// Run ids never contain NUL, so the pair cannot be confused with another.
function cacheKey(runId: string, key: string): string {
  return `${runId}\u0000${key}`;
}
