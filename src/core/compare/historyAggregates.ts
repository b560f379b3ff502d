import type { Metric } from '../tracking/entities/metric';
import type { Run } from '../tracking/entities/run';
import type { TrackingStore } from '../tracking/trackingStore';
import { aggregate, AggregateCache, type MetricAggregate } from './metricAggregates';
import type { AggregateSource } from './tableWithAggregates';

const CONCURRENCY = 8;

/**
 * min/max/last of metrics, cached per (run, key): from the histories the compare charts load
 * (whole on local stores, the server's sample over REST), or else from the full history, read
 * once. A running run's history still grows, so its figures are computed but never cached.
 */
export class HistoryAggregates implements AggregateSource {
  private cache = new AggregateCache();
  private readonly live = new Map<string, MetricAggregate>();

  constructor(private readonly store: () => Promise<TrackingStore>) {}

  /** Forget everything (the connection changed). */
  clear(): void {
    this.cache = new AggregateCache();
    this.live.clear();
  }

  get(runId: string, key: string): MetricAggregate | undefined {
    return this.cache.get(runId, key) ?? this.live.get(`${runId}\u0000${key}`);
  }

  /**
   * The aggregate of a history read elsewhere (a chart's load; on a server its sample, whose
   * extremes stand for the history's). A running run's is kept apart and never cached.
   */
  record(run: Run, key: string, history: readonly Metric[]): void {
    const agg = aggregate(history);
    if (agg === undefined) {
      return;
    }
    if (run.info.status === 'RUNNING') {
      this.live.set(`${run.info.runId}\u0000${key}`, agg);
    } else {
      this.cache.set(run.info.runId, key, agg);
    }
  }

  async ensure(runs: readonly Run[], keys: readonly string[], signal?: AbortSignal): Promise<void> {
    const todo = runs.flatMap((run) =>
      keys
        .filter((key) => run.data.metrics.some((m) => m.key === key) && !this.cache.has(run.info.runId, key))
        .map((key) => ({ run, key })),
    );
    if (todo.length === 0) {
      return;
    }
    const store = await this.store();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < todo.length) {
        const item = todo[next++];
        if (item === undefined) {
          return;
        }
        signal?.throwIfAborted();
        const history = await store.getMetricHistory({
          runId: item.run.info.runId,
          metricKey: item.key,
          signal,
        });
        this.record(item.run, item.key, history);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, todo.length) }, worker));
  }
}
