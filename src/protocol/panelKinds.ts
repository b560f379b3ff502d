/**
 * Every kind of webview panel the extension shows: its VS Code view type, the webview bundle it
 * loads (`webview/<script>/main.ts` → `dist/webview/<script>.js`) and the page title of its HTML.
 *
 * The page shell is built from these three constants and nothing else, so no server, workspace or
 * user data can reach a panel's HTML: it always arrives later, by message. The panel host creates
 * panels only through this list, and tests iterate it (a new panel without an entry fails them).
 */
export const PANEL_KINDS = {
  connection: { viewType: 'mlflow.connectionDetails', script: 'connection', pageTitle: 'MLflow Connection' },
  compare: { viewType: 'mlflow.compareRuns', script: 'compare', pageTitle: 'MLflow Run Comparison' },
  runDetail: { viewType: 'mlflow.runDetail', script: 'runDetail', pageTitle: 'MLflow Run Details' },
  traceDetail: { viewType: 'mlflow.traceDetail', script: 'traceDetail', pageTitle: 'MLflow Trace' },
  evaluation: {
    viewType: 'mlflow.evaluationResults',
    script: 'evaluation',
    pageTitle: 'MLflow Evaluation Results',
  },
  tryIt: { viewType: 'mlflow.tryIt', script: 'tryIt', pageTitle: 'MLflow Try It' },
  projectRun: {
    viewType: 'mlflow.projectRun',
    script: 'projectRun',
    pageTitle: 'MLflow Run Project Entry Point',
  },
  runsTable: { viewType: 'mlflow.runsTable', script: 'runsTable', pageTitle: 'MLflow Runs Table' },
} as const satisfies Record<string, PanelKindSpec>;

export interface PanelKindSpec {
  readonly viewType: string;
  readonly script: string;
  readonly pageTitle: string;
}

export type PanelKind = keyof typeof PANEL_KINDS;

/** The kinds in a fixed order, for code that iterates them. */
export const PANEL_KIND_NAMES = Object.keys(PANEL_KINDS) as PanelKind[];
