import * as vscode from 'vscode';
import type { ModelServer, ModelServerInfo } from './modelServer';
import { ServeCancelled, type ServeManager } from './serveManager';
import { requireTrust } from './modelTarget';

/** Which server a command means: the tree row it was run on, an id, or one the user picks. */
export async function pickServer(
  manager: ServeManager,
  arg: unknown,
  title: string,
): Promise<ModelServer | undefined> {
  if (typeof arg === 'object' && arg !== null && 'id' in arg && typeof arg.id === 'string') {
    return manager.get(arg.id);
  }
  if (typeof arg === 'string') {
    return manager.get(arg);
  }
  const servers = manager.list();
  if (servers.length === 0) {
    void vscode.window.showInformationMessage('No model servers are running.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    servers.map((s) => ({
      label: s.label,
      description: `127.0.0.1:${String(s.port)} · ${s.status}`,
      server: s,
    })),
    { title },
  );
  return picked?.server;
}

/** "MLflow: Stop Model Server": ends the server's whole process tree. */
export async function stopServer(manager: ServeManager, arg?: unknown): Promise<boolean> {
  const server = await pickServer(manager, arg, 'Stop a Model Server');
  if (!server) {
    return false;
  }
  await manager.stop(server.id);
  return true;
}

/** "MLflow: Show Model Server Logs" (a failed server's too); resolves to whether one was shown. */
export async function showServerLogs(manager: ServeManager, arg?: unknown): Promise<boolean> {
  const server = await pickServer(manager, arg, 'Show a Model Server’s Logs');
  server?.output.show(true);
  return server !== undefined;
}

/** "MLflow: Restart Model Server": same model, port and environment manager. */
export async function restartServer(
  manager: ServeManager,
  arg?: unknown,
): Promise<ModelServerInfo | undefined> {
  requireTrust('Restarting a model server');
  const server = await pickServer(manager, arg, 'Restart a Model Server');
  if (!server) {
    return undefined;
  }
  try {
    return await manager.restart(server.id);
  } catch (e) {
    if (ServeCancelled.is(e)) {
      return undefined;
    }
    throw e;
  }
}
