import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MlflowExtensionApi } from '../../../src/extension/api';
import type { ConnectionState } from '../../../src/extension/connection/connectionState';
import type { WebviewMessageOf } from '../../../src/extension/shared/webviews/panelMessages';
import type { PanelRecord } from '../../../src/extension/shared/webviews/panelProbe';
import type { PanelKind } from '../../../src/protocol/panelKinds';

export const EXTENSION_ID = 'mlflow-tools.mlflow-vscode';

/** The real extension, activated through VS Code (not by importing its module). */
export async function activeApi(): Promise<MlflowExtensionApi> {
  const ext = vscode.extensions.getExtension<MlflowExtensionApi>(EXTENSION_ID);
  if (!ext) {
    throw new Error(`${EXTENSION_ID} is not loaded in this extension host`);
  }
  return ext.activate();
}

/** Wait until the connection satisfies `predicate` (settings changes apply asynchronously). */
export async function waitForConnection(
  api: MlflowExtensionApi,
  predicate: (s: ConnectionState) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<ConnectionState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = api.connection();
    if (predicate(state)) {
      return state;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}; connection is ${JSON.stringify(state)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Point the workspace's `mlflow.trackingUri` at `baseUrl` and wait until the extension is connected to it. */
export async function connectTo(baseUrl: string): Promise<MlflowExtensionApi> {
  const api = await activeApi();
  await vscode.workspace
    .getConfiguration('mlflow')
    .update('trackingUri', baseUrl, vscode.ConfigurationTarget.Workspace);
  await waitForConnection(api, (s) => s.status === 'ready' && s.uri === baseUrl, baseUrl);
  return api;
}

/** Close every editor and forget the tracking URI a suite set (its `after`). */
export async function closeEditorsAndDisconnect(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await clearTrackingUriSetting();
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    throw new Error('the in-host tests need the demo workspace open');
  }
  return folder.uri;
}

export async function clearTrackingUriSetting(): Promise<void> {
  await vscode.workspace
    .getConfiguration('mlflow')
    .update('trackingUri', undefined, vscode.ConfigurationTarget.Workspace);
  await vscode.workspace
    .getConfiguration('mlflow')
    .update('trackingUri', undefined, vscode.ConfigurationTarget.Global);
}

/** The repository (the extension is loaded from it in development mode): fixtures live here. */
export function repoRoot(): vscode.Uri {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) {
    throw new Error(`${EXTENSION_ID} is not loaded in this extension host`);
  }
  return ext.extensionUri;
}

/**
 * What the extension's panel host posted to `panel` and heard from it, read through the test API's
 * probe (the record is live: later messages show up in it).
 */
export function probeOf<K extends PanelKind>(
  api: MlflowExtensionApi,
  kind: K,
  panel: vscode.WebviewPanel,
): PanelRecord<K> {
  const record = api.panelProbe.of(kind, panel);
  if (!record) {
    throw new Error(`the panel probe has no record of the ${kind} panel "${panel.title}"`);
  }
  return record;
}

/** Poll `probe` until it returns something, or fail naming `what` after `timeoutMs`. */
/** Waits until the last message of `type` the panel's webview posted satisfies `ok`, and returns it. */
export function untilReceived<K extends PanelKind, T extends WebviewMessageOf<K>['type']>(
  record: PanelRecord<K>,
  type: T,
  what: string,
  ok: (m: Extract<WebviewMessageOf<K>, { type: T }>) => boolean,
  timeoutMs = 60_000,
): Promise<Extract<WebviewMessageOf<K>, { type: T }>> {
  return until(
    what,
    () => {
      const m = record.lastReceived(type);
      return m !== undefined && ok(m) ? m : undefined;
    },
    timeoutMs,
  );
}

export async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) {
      return v;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The extension's "MLflow" log file in this window's logs (the harness passes the folder). */
export function mlflowLog(): string {
  const root = process.env.MLFLOW_INHOST_LOGS;
  if (!root || !fs.existsSync(root)) {
    return '';
  }
  const found = fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => path.basename(f) === 'MLflow.log');
  return found.map((f) => fs.readFileSync(path.join(root, f), 'utf8')).join('\n');
}
