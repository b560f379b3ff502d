import * as vscode from 'vscode';

/** Typed access to the `mlflow.*` settings; names and defaults match package.json. */
export const SETTINGS = {
  trackingUri: 'trackingUri',
  pythonPath: 'pythonPath',
  injectTerminalEnv: 'terminal.injectTrackingUri',
  httpTimeoutSeconds: 'http.timeoutSeconds',
  httpMaxRetries: 'http.maxRetries',
  runsPageSize: 'runs.pageSize',
  autoRefreshSeconds: 'autoRefreshSeconds',
  codeLensMetrics: 'codeLens.metrics',
} as const;

export function mlflowConfig(scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('mlflow', scope);
}

/**
 * A tracking URI being written by {@link saveTrackingUri}: it counts as the setting until the
 * write is done. Writing a setting goes through the workbench (settings.json is edited and read
 * back), which took about a second before the change event came back; the connection need not wait.
 */
let writing: { readonly uri: string } | undefined;
const writeListeners = new Set<() => void>();

/** Call `listener` when a tracking URI write starts and when it ends (the setting may differ from what was read). */
export function onTrackingUriWrite(listener: () => void): vscode.Disposable {
  writeListeners.add(listener);
  return new vscode.Disposable(() => {
    writeListeners.delete(listener);
  });
}

export function trackingUriSetting(): string {
  return writing?.uri ?? mlflowConfig().get<string>(SETTINGS.trackingUri, '').trim();
}

/** The REST client settings `mlflow.http.*`, clamped to the ranges package.json declares. */
export interface HttpSettings {
  readonly timeoutMs: number;
  readonly maxRetries: number;
}

export function httpSettings(): HttpSettings {
  const config = mlflowConfig();
  const timeout = config.get<number>(SETTINGS.httpTimeoutSeconds, 30);
  const retries = config.get<number>(SETTINGS.httpMaxRetries, 3);
  // A hand-edited settings.json can hold anything; fall back to the defaults rather than send NaN.
  return {
    timeoutMs: Math.round(clamp(timeout, 1, 600, 30) * 1000),
    maxRetries: Math.round(clamp(retries, 0, 10, 3)),
  };
}

/** `mlflow.runs.pageSize`: runs per page of the Experiments view (10–1000, as package.json declares). */
export function runsPageSize(): number {
  return Math.round(clamp(mlflowConfig().get<number>(SETTINGS.runsPageSize, 100), 10, 1000, 100));
}

/**
 * `mlflow.autoRefreshSeconds` in milliseconds: the longest pause between automatic refreshes of
 * running runs while the view is visible; 0 turns automatic refresh off.
 */
export function autoRefreshMs(): number {
  return Math.round(clamp(mlflowConfig().get<number>(SETTINGS.autoRefreshSeconds, 60), 0, 86_400, 60) * 1000);
}

function clamp(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

/**
 * Where a connection chosen in the UI is saved: the workspace when one is open (it belongs to
 * that project), else the user's settings. Only the URI is ever written, never credentials.
 */
export async function saveTrackingUri(uri: string | undefined): Promise<void> {
  const target = vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
  const notify = (): void => {
    for (const listener of [...writeListeners]) {
      listener();
    }
  };
  const mine = { uri: (uri ?? '').trim() };
  writing = mine;
  notify();
  try {
    await mlflowConfig().update(SETTINGS.trackingUri, uri, target);
  } finally {
    // A newer write started meanwhile (connections switched in quick succession) stays the one that
    // counts: this older write ending must not put its own value, or the setting's, back for a moment.
    if (writing === mine) {
      writing = undefined;
      // What the setting now says (a workspace value may override the one written, or the write failed).
      notify();
    }
  }
}
