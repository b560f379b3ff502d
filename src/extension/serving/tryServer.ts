import type { TryItDeps } from './tryItPanel';
import { TryItPanel } from './tryItPanel';
import { pickServer } from './stopServer';

/** "MLflow: Try the Endpoint…": the request panel for a running model server (returned for tests). */
export async function tryServer(deps: TryItDeps, arg?: unknown): Promise<TryItPanel | undefined> {
  const server = await pickServer(deps.manager, arg, 'Try a Model Server');
  if (!server) {
    return undefined;
  }
  if (server.status !== 'running') {
    throw new Error(`The server for ${server.label} is ${server.status}, not running.`);
  }
  return TryItPanel.show(deps, server);
}
