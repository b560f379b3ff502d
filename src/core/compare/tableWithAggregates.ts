import type { Metric } from '../tracking/entities/metric';
import type { Run } from '../tracking/entities/run';
import { buildCompareTable, type CompareRow, type CompareTable } from './compareTable';
import type { MetricAggregate } from './metricAggregates';

/** Where min/max/last of a run's metric come from (histories the charts loaded, or full ones; cached by the caller). */
export interface AggregateSource {
  /** Make sure the aggregates of these runs × keys are known; resolves when they are. */
  ensure(runs: readonly Run[], keys: readonly string[]): Promise<void>;
  get(runId: string, key: string): MetricAggregate | undefined;
  /**
   * Take a history read for another reason (a chart's load): whole on a local store (`exact`),
   * the server's sample over REST, whose min and max are those of the sampled points.
   */
  record(run: Run, key: string, history: readonly Metric[], exact: boolean): void;
}

/**
 * The comparison table: every metric's latest value, and for the metrics the user shows (the
 * lazily loaded columns) a min and a max row computed from its history, right below it.
 */
export async function buildTableWithAggregates(
  runs: readonly Run[],
  shownKeys: readonly string[],
  source: AggregateSource,
): Promise<CompareTable> {
  const base = buildCompareTable(runs);
  if (shownKeys.length === 0 || runs.length === 0) {
    return base;
  }
  await source.ensure(runs, shownKeys);
  const aggregates = (runId: string, key: string): MetricAggregate | undefined => source.get(runId, key);
  const stat = (which: 'min' | 'max'): Map<string, CompareRow> =>
    new Map(
      buildCompareTable(runs, { metricKeys: shownKeys, metricStat: which, aggregates })
        .rows.filter((r) => r.section === 'metrics')
        .map((r) => [r.key, { ...r, label: `${r.label} (${which})` }]),
    );
  const mins = stat('min');
  const maxs = stat('max');
  const rows: CompareRow[] = [];
  for (const row of base.rows) {
    rows.push(row);
    if (row.section === 'metrics') {
      const lo = mins.get(row.key);
      const hi = maxs.get(row.key);
      if (lo !== undefined) {
        rows.push(lo);
      }
      if (hi !== undefined) {
        rows.push(hi);
      }
    }
  }
  return { runIds: base.runIds, rows };
}
