import { lowerIsBetter } from '../compare/lowerIsBetter';
import { cellValue, columnId, isNumeric, type Column, type FiguresLookup } from './columns';
import { sortRows, type SortSpec } from './sortRows';
import type { TableRow } from './tableRow';

/** Group the table by the value of one param or tag. */
export interface GroupBy {
  readonly kind: 'param' | 'tag';
  readonly key: string;
}

/** A group's figure for a numeric column: the best value (by the metric's direction) and the mean. */
export interface GroupSummary {
  readonly best: number | undefined;
  readonly mean: number | undefined;
}

/** One line the table shows. */
export type ViewLine =
  | {
      readonly kind: 'run';
      readonly row: TableRow;
      readonly depth: number;
      readonly hasChildren: boolean;
      readonly expanded: boolean;
    }
  | {
      readonly kind: 'group';
      /** `group:<value>`; the key of its fold state. */
      readonly id: string;
      /** The param or tag value; undefined for runs without it. */
      readonly value: string | undefined;
      readonly count: number;
      readonly expanded: boolean;
      /** By column id, for the numeric columns shown. */
      readonly summaries: ReadonlyMap<string, GroupSummary>;
    };

export interface ViewOptions {
  readonly sort?: SortSpec;
  readonly groupBy?: GroupBy;
  readonly columns: readonly Column[];
  /** Ids of the parent runs and groups folded open (runs and groups start folded... see `openByDefault`). */
  readonly toggled: ReadonlySet<string>;
  readonly figures: FiguresLookup;
  readonly now: number;
}

/** Text shown for the group of runs without the grouped key. */
export const NO_VALUE = '(none)';

/**
 * The lines the table shows: groups (open unless toggled shut), within them parent runs whose
 * children are folded (open when toggled), every level ordered by the sort. A child whose parent
 * is not among the rows is shown at the top level, so filtering never hides a run.
 */
export function tableView(rows: readonly TableRow[], o: ViewOptions): ViewLine[] {
  const sorted = sortRows(rows, o.sort, o.figures, o.now);
  if (o.groupBy === undefined) {
    return treeLines(sorted, o.toggled);
  }
  const { kind, key } = o.groupBy;
  const groups = new Map<string | undefined, TableRow[]>();
  for (const row of sorted) {
    const v = kind === 'param' ? row.params.get(key) : row.tags.get(key);
    const list = groups.get(v);
    if (list === undefined) {
      groups.set(v, [row]);
    } else {
      list.push(row);
    }
  }
  const numeric = o.columns.filter(isNumeric);
  const out: ViewLine[] = [];
  for (const [value, members] of orderGroups(groups, o)) {
    const id = `group:${value ?? '\u0000'}`;
    const expanded = !o.toggled.has(id);
    const summaries = new Map(numeric.map((c) => [columnId(c), summarise(members, c, o)]));
    out.push({ kind: 'group', id, value, count: members.length, expanded, summaries });
    if (expanded) {
      out.push(...treeLines(members, o.toggled));
    }
  }
  return out;
}

/** Groups by their best value of the sort column when it is numeric, else by value (missing last). */
function orderGroups(
  groups: Map<string | undefined, TableRow[]>,
  o: ViewOptions,
): Array<[string | undefined, TableRow[]]> {
  const entries = [...groups];
  const sort = o.sort;
  if (sort !== undefined && isNumeric(sort.column)) {
    // The members are sorted already: a group's first member holds its best value for this order.
    const firstValue = (rows: TableRow[]): number | undefined => {
      const v = rows[0] === undefined ? undefined : cellValue(rows[0], sort.column, o.figures, o.now);
      return typeof v === 'number' && !Number.isNaN(v) ? v : undefined;
    };
    const keyed = entries.map((e) => ({ e, v: firstValue(e[1]) }));
    keyed.sort((a, b) => {
      if (a.v === undefined || b.v === undefined) {
        return a.v === b.v ? 0 : a.v === undefined ? 1 : -1;
      }
      return sort.ascending ? a.v - b.v : b.v - a.v;
    });
    return keyed.map((k) => k.e);
  }
  const dir = sort?.ascending === false ? -1 : 1;
  return entries.sort(([a], [b]) =>
    a === undefined || b === undefined
      ? Number(a === undefined) - Number(b === undefined)
      : dir * a.localeCompare(b, undefined, { numeric: true }),
  );
}

/** Best (lowest for loss-like metrics, highest otherwise) and mean over the members' finite values. */
export function summarise(
  members: readonly TableRow[],
  c: Column,
  o: Pick<ViewOptions, 'figures' | 'now'>,
): GroupSummary {
  let sum = 0;
  let n = 0;
  let best: number | undefined;
  const lower = c.kind === 'metric' || c.kind === 'agg' ? lowerIsBetter(c.key) : false;
  for (const row of members) {
    const v = cellValue(row, c, o.figures, o.now);
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      continue;
    }
    sum += v;
    n++;
    best = best === undefined ? v : lower ? Math.min(best, v) : Math.max(best, v);
  }
  return { best, mean: n === 0 ? undefined : sum / n };
}

/** Parents, each followed by its children (when toggled open), depth first, in the given order. */
function treeLines(sorted: readonly TableRow[], toggled: ReadonlySet<string>): ViewLine[] {
  const present = new Set(sorted.map((r) => r.runId));
  const children = new Map<string, TableRow[]>();
  const roots: TableRow[] = [];
  for (const row of sorted) {
    const p = row.parentId;
    if (p !== undefined && p !== row.runId && present.has(p)) {
      const list = children.get(p);
      if (list === undefined) {
        children.set(p, [row]);
      } else {
        list.push(row);
      }
    } else {
      roots.push(row);
    }
  }
  const out: ViewLine[] = [];
  const seen = new Set<string>();
  const visit = (row: TableRow, depth: number): void => {
    // A cycle of parent tags (a hand-edited store) must not loop.
    if (seen.has(row.runId)) {
      return;
    }
    seen.add(row.runId);
    const kids = children.get(row.runId) ?? [];
    const expanded = toggled.has(row.runId);
    out.push({ kind: 'run', row, depth, hasChildren: kids.length > 0, expanded });
    if (expanded) {
      kids.forEach((k) => {
        visit(k, depth + 1);
      });
    } else {
      markSeen(kids, children, seen);
    }
  };
  roots.forEach((r) => {
    visit(r, 0);
  });
  return out;
}

function markSeen(rows: readonly TableRow[], children: Map<string, TableRow[]>, seen: Set<string>): void {
  const stack = [...rows];
  for (let r = stack.pop(); r !== undefined; r = stack.pop()) {
    if (!seen.has(r.runId)) {
      seen.add(r.runId);
      stack.push(...(children.get(r.runId) ?? []));
    }
  }
}
