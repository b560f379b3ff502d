import { ENV_MANAGERS, type EnvManager } from '../../core/cli/serveCommand';
import { mlflowConfig } from './config';

/** The `mlflow.serve.envManager` setting, falling back to "local" for anything unknown. */
export function configuredEnvManager(): EnvManager {
  const configured = mlflowConfig().get<string>('serve.envManager', 'local');
  return (ENV_MANAGERS as readonly string[]).includes(configured) ? (configured as EnvManager) : 'local';
}
