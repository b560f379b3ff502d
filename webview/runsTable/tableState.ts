// The runs table page's state: the rows and figures the host sent, and the view state the user
// set (columns, sort, grouping, folds, selection). The host owns the data; this holds copies.
import type { Column, FiguresLookup, MetricFigures } from '../../src/core/runsTable/columns';
import { DEFAULT_COLUMNS } from '../../src/core/runsTable/columns';
import type { SortSpec } from '../../src/core/runsTable/sortRows';
import type { TableRow } from '../../src/core/runsTable/tableRow';
import { tableView, type GroupBy, type ViewLine } from '../../src/core/runsTable/tableView';
import { boundRows, type ColumnBound } from '../../src/core/runsTable/columnBounds';
import type { RunsTableWebviewMessage } from '../../src/protocol/runsTable';
import { host } from '../shared/host';

/** What the webview saves across a hidden/restored panel (view state only). */
interface SavedView {
  readonly sort?: SortSpec;
  readonly groupBy?: GroupBy;
}

export const vscode = host<RunsTableWebviewMessage, SavedView>();

export const table = {
  experimentName: '',
  filter: '',
  storeKind: '' as string,
  rows: [] as TableRow[],
  byId: new Map<string, TableRow>(),
  loaded: 0,
  done: false,
  error: undefined as string | undefined,
  figuresError: undefined as string | undefined,
  columns: DEFAULT_COLUMNS,
  sort: vscode.getState()?.sort,
  groupBy: vscode.getState()?.groupBy,
  /** Parent runs folded open, groups folded shut. */
  toggled: new Set<string>(),
  selected: new Set<string>(),
  /** Index into `lines` of the keyboard cursor. */
  cursor: 0,
  /** The last line clicked (shift+click selects from it). */
  anchor: 0,
  figures: new Map<string, Map<string, MetricFigures | null>>(),
  /** Metrics whose figures are still being computed. */
  figuresLoading: new Set<string>(),
  lines: [] as ViewLine[],
  /** Local bounds on numeric columns, on top of the server filter (cleared when rows reload). */
  bounds: [] as ColumnBound[],
};

export const figuresOf: FiguresLookup = (runId, key) => table.figures.get(key)?.get(runId) ?? undefined;

/** Compute the lines shown from the rows and the view state. */
export function recomputeLines(): void {
  const now = Date.now();
  table.lines = tableView(boundRows(table.rows, table.bounds, figuresOf, now), {
    sort: table.sort,
    groupBy: table.groupBy,
    columns: table.columns,
    toggled: table.toggled,
    figures: figuresOf,
    now,
  });
  table.cursor = Math.max(0, Math.min(table.cursor, table.lines.length - 1));
}

export function saveView(): void {
  vscode.setState({ sort: table.sort, groupBy: table.groupBy });
}

/** Run ids of the run lines shown, in order. */
export function shownRunIds(): string[] {
  return table.lines.flatMap((l) => (l.kind === 'run' ? [l.row.runId] : []));
}

/** For each metric with aggregate columns, the steps its "value at step" columns ask. */
export function figureRequests(columns: readonly Column[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const c of columns) {
    if (c.kind === 'agg') {
      const steps = out.get(c.key) ?? [];
      if (c.fn === 'step' && !steps.includes(c.at ?? 0)) {
        steps.push(c.at ?? 0);
      }
      out.set(c.key, steps);
    }
  }
  return out;
}

/** Ask the host for the figures the columns need (it computes only what it has not cached). */
export function requestFigures(): void {
  // A bound on an aggregate needs its figures whether or not its column is shown.
  for (const [key, steps] of figureRequests([...table.columns, ...table.bounds.map((b) => b.column)])) {
    table.figuresLoading.add(key);
    vscode.post({ type: 'runsTable/needFigures', key, steps: steps.slice(0, 20) });
  }
}
