import { ENV_MANAGERS, type EnvManager } from '../../core/cli/serveCommand';
import { mlflowConfig } from '../config';
import type { ConnectionManager } from '../connection/connectionManager';
import { terminalTrackingUri } from '../terminal/terminalEnvironment';

/** The `mlflow.serve.envManager` setting, falling back to "local" for anything unknown. */
export function configuredEnvManager(): EnvManager {
  const configured = mlflowConfig().get<string>('serve.envManager', 'local');
  return (ENV_MANAGERS as readonly string[]).includes(configured) ? (configured as EnvManager) : 'local';
}

/** The active connection's tracking URI for a child process (resolves runs:/ and models:/ URIs). */
export function childTrackingUri(connections: ConnectionManager): string | undefined {
  const state = connections.state;
  return state.status === 'ready' ? terminalTrackingUri(state.target) : undefined;
}
