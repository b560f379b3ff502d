import * as vscode from 'vscode';

/** Typed access to the `mlflow.*` settings; names and defaults match package.json. */
export const SETTINGS = {
  trackingUri: 'trackingUri',
  pythonPath: 'pythonPath',
  injectTerminalEnv: 'terminal.injectTrackingUri',
} as const;

export function mlflowConfig(scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('mlflow', scope);
}

export function trackingUriSetting(): string {
  return mlflowConfig().get<string>(SETTINGS.trackingUri, '').trim();
}

/**
 * Where a connection chosen in the UI is saved: the workspace when one is open (it belongs to
 * that project), else the user's settings. Only the URI is ever written, never credentials.
 */
export async function saveTrackingUri(uri: string | undefined): Promise<void> {
  const target = vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
  await mlflowConfig().update(SETTINGS.trackingUri, uri, target);
}
