import type { TableRow } from './tableRow';

/**
 * The fresh rows that differ from the ones held under the same run id: what a re-read of running
 * runs has to send. A row no longer held (the table reloaded meanwhile) is not among them: its
 * new load brings it.
 */
export function changedRows(held: ReadonlyMap<string, TableRow>, fresh: readonly TableRow[]): TableRow[] {
  return fresh.filter((r) => {
    const before = held.get(r.runId);
    return before !== undefined && !sameRow(before, r);
  });
}

/** True when two rows of a run show the same: attributes, latest metrics and their versions, params, tags. */
export function sameRow(a: TableRow, b: TableRow): boolean {
  return (
    a.runId === b.runId &&
    a.name === b.name &&
    a.status === b.status &&
    a.startTime === b.startTime &&
    a.endTime === b.endTime &&
    a.user === b.user &&
    a.source === b.source &&
    a.parentId === b.parentId &&
    sameMap(a.metrics, b.metrics) &&
    sameMap(a.metricVersions, b.metricVersions) &&
    sameMap(a.params, b.params) &&
    sameMap(a.tags, b.tags)
  );
}

function sameMap<V>(a: ReadonlyMap<string, V>, b: ReadonlyMap<string, V>): boolean {
  if (a.size !== b.size) {
    return false;
  }
  for (const [k, v] of a) {
    // Object.is: a metric that stays NaN is unchanged (NaN !== NaN).
    if (!b.has(k) || !Object.is(b.get(k), v)) {
      return false;
    }
  }
  return true;
}
