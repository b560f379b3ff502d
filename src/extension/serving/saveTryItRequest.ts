import * as vscode from 'vscode';
import type { ServeManager } from './serveManager';
import { TryItPanel } from './tryItPanel';
import { pickServer } from './stopServer';

/** The panel a save means: the given server's, else the active one, else the only one open. */
async function panelFor(manager: ServeManager, arg: unknown): Promise<TryItPanel | undefined> {
  if (arg !== undefined) {
    const server = await pickServer(manager, arg, 'Save the Request of a Try It Panel');
    return server && TryItPanel.forServer(server.id);
  }
  const open = TryItPanel.all();
  return open.find((p) => p.panel.active) ?? (open.length === 1 ? open[0] : undefined);
}

/**
 * "MLflow: Save the Try It Request…": writes the request being edited in a Try it panel as a file.
 * `arg` names the server (a Serving row or its id); `target`, when given, is the file to write
 * instead of asking with a save dialog (for keybindings, other extensions and tests).
 */
export async function saveTryItRequest(
  manager: ServeManager,
  arg?: unknown,
  target?: unknown,
): Promise<vscode.Uri | undefined> {
  if (target !== undefined && !(target instanceof vscode.Uri)) {
    throw new Error('The file to save the request to must be given as a URI.');
  }
  const panel = await panelFor(manager, arg);
  if (!panel) {
    throw new Error('Open the Try it panel of a running model server first.');
  }
  return panel.saveRequest(target);
}
