import type { CompareTable } from '../../src/core/compare/compareTable';
import type {
  CompareRunHeader,
  CompareViewState,
  CompareWebviewMessage,
} from '../../src/protocol/compareRuns';
import { host } from '../shared/host';

/** The page's one channel to the host: every module posts its messages through it. */
export const vscode = host<CompareWebviewMessage, CompareViewState>();

/**
 * What the compare page shows: the view state the user chose (persisted, so hiding and showing the
 * panel keeps it) and the latest snapshot's runs, table and keys (owned by the host, never saved).
 * One object, so that every section reads the current values rather than a copy taken at import.
 */
/** Whether this page was started again with a saved view (a panel shown again or revived). */
export const restored = vscode.getState() !== undefined;

export const page: {
  view: CompareViewState;
  runs: readonly CompareRunHeader[];
  table: CompareTable;
  metricKeys: readonly string[];
  paramKeys: readonly string[];
} = {
  view: vscode.getState() ?? {
    runIds: [],
    xAxis: 'step',
    logY: false,
    smoothing: 0,
    hidden: [],
    shownMetrics: [],
    diffOnly: false,
    sortRow: undefined,
    sortDir: 'desc',
    scatterX: undefined,
    scatterY: undefined,
    parallel: [],
  },
  runs: [],
  table: { runIds: [], rows: [] },
  metricKeys: [],
  paramKeys: [],
};

/** Change the view state and save it with the webview. */
export function update(patch: Partial<CompareViewState>): void {
  page.view = { ...page.view, ...patch };
  vscode.setState(page.view);
}

/** The runs the user switched off in the legend. */
export const hiddenSet = (): ReadonlySet<string> => new Set(page.view.hidden);
