import type { MetricFigures } from './columns';

interface Entry {
  readonly version: string;
  readonly figures: MetricFigures | null;
}

/**
 * Figures by (run, metric key), each under the version of the run's latest value of that key
 * (`step:timestamp`, from the run's search result). A running run that logged more has a new
 * version, so its old figures no longer answer and are computed again; a finished run's never
 * change. Bounded: the least recently used entry goes once `capacity` are held.
 */
export class FiguresCache {
  private readonly entries = new Map<string, Entry>();

  constructor(readonly capacity = 200_000) {}

  /** The figures cached for this version (null: the history is empty), or undefined when unknown or stale. */
  get(runId: string, key: string, version: string): MetricFigures | null | undefined {
    const k = cacheKey(runId, key);
    const e = this.entries.get(k);
    if (e === undefined || e.version !== version) {
      return undefined;
    }
    this.entries.delete(k);
    this.entries.set(k, e);
    return e.figures;
  }

  /** True when cached figures of this version hold every step in `steps`. */
  covers(runId: string, key: string, version: string, steps: readonly number[]): boolean {
    const f = this.get(runId, key, version);
    return f === null || (f !== undefined && steps.every((s) => f.at.has(s)));
  }

  set(runId: string, key: string, version: string, figures: MetricFigures | null): void {
    const k = cacheKey(runId, key);
    this.entries.delete(k);
    this.entries.set(k, { version, figures });
    while (this.entries.size > Math.max(1, this.capacity)) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) {
        break;
      }
      this.entries.delete(oldest.value);
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
