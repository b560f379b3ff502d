/**
 * Where the active tracking URI came from, in MLflow's own order of precedence plus discovery.
 * Declared here, free of Node imports, so that the connection panel's webview can name it too.
 */
export type ConnectionSource = 'setting' | 'environment' | 'dotenv' | 'workspace';

/** How each source of a tracking URI is named to a person (never the internal word, e.g. "dotenv"). */
const LABELS: Readonly<Record<ConnectionSource, string>> = {
  setting: 'mlflow.trackingUri setting',
  environment: 'MLFLOW_TRACKING_URI environment variable',
  dotenv: 'MLFLOW_TRACKING_URI in the workspace .env file',
  workspace: 'found in this workspace',
};

/** A human label for where the tracking URI came from; an unknown word is shown as it is. */
export function connectionSourceLabel(source: string): string {
  return Object.prototype.hasOwnProperty.call(LABELS, source) ? LABELS[source as ConnectionSource] : source;
}
