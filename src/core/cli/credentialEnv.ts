import type { HostCredentials } from '../tracking/rest/hostCredentials';

/**
 * The environment variables that give a child `mlflow` process the active connection's
 * credentials. They go in the child's environment only: a command line is visible to every user
 * of the machine (`ps`) and ends up in logs. Basic credentials clear any inherited token, and a
 * token clears inherited basic ones, so the child authenticates exactly as the extension does.
 */
export function credentialsToEnv(creds: HostCredentials | undefined): Record<string, string> {
  if (creds === undefined) {
    return {};
  }
  return creds.kind === 'basic'
    ? {
        MLFLOW_TRACKING_USERNAME: creds.username,
        MLFLOW_TRACKING_PASSWORD: creds.password,
        MLFLOW_TRACKING_TOKEN: '',
      }
    : { MLFLOW_TRACKING_TOKEN: creds.token, MLFLOW_TRACKING_USERNAME: '', MLFLOW_TRACKING_PASSWORD: '' };
}
