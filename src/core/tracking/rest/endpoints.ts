/** One MLflow REST route: HTTP method, path below the base URL, and whether retrying it is safe. */
export interface Endpoint {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly path: string;
  /** Reads only: a retried write could apply twice. */
  readonly idempotent: boolean;
}

const read = (method: Endpoint['method'], path: string): Endpoint => ({ method, path, idempotent: true });
const write = (method: Endpoint['method'], path: string): Endpoint => ({ method, path, idempotent: false });

/**
 * The routes we use, transcribed once from MLflow's protos (`service.proto`,
 * `model_registry.proto`, `mlflow_artifacts.proto`). Note the asymmetries the server enforces:
 * `runs/search` is POST-only, `registered-models/search` GET-only, updates are PATCH and
 * registry deletes are DELETE.
 */
export const ENDPOINTS = {
  searchExperiments: read('POST', '/api/2.0/mlflow/experiments/search'),
  getExperiment: read('GET', '/api/2.0/mlflow/experiments/get'),
  getExperimentByName: read('GET', '/api/2.0/mlflow/experiments/get-by-name'),
  searchRuns: read('POST', '/api/2.0/mlflow/runs/search'),
  getRun: read('GET', '/api/2.0/mlflow/runs/get'),
  getMetricHistory: read('GET', '/api/2.0/mlflow/metrics/get-history'),
  getMetricHistoryBulkInterval: read('GET', '/api/2.0/mlflow/metrics/get-history-bulk-interval'),
  listArtifacts: read('GET', '/api/2.0/mlflow/artifacts/list'),
  searchLoggedModels: read('POST', '/api/2.0/mlflow/logged-models/search'),
  /** Followed by `/<m-id>` (MLflow 3). */
  getLoggedModel: read('GET', '/api/2.0/mlflow/logged-models'),
  /** Followed by `/<m-id>/artifacts/directories?artifact_directory_path=` (MLflow 3). */
  listLoggedModelArtifacts: read('GET', '/api/2.0/mlflow/logged-models'),
  /**
   * Followed by `/<m-id>/artifacts/files?artifact_file_path=`: the UI's route that reads a logged
   * model's file wherever its artifacts are (MLflow 3 has no `/api/` twin of it).
   */
  downloadLoggedModelArtifact: read('GET', '/ajax-api/2.0/mlflow/logged-models'),
  updateRun: write('POST', '/api/2.0/mlflow/runs/update'),
  deleteRun: write('POST', '/api/2.0/mlflow/runs/delete'),
  restoreRun: write('POST', '/api/2.0/mlflow/runs/restore'),
  setRunTag: write('POST', '/api/2.0/mlflow/runs/set-tag'),
  deleteRunTag: write('POST', '/api/2.0/mlflow/runs/delete-tag'),
  setExperimentTag: write('POST', '/api/2.0/mlflow/experiments/set-experiment-tag'),
  searchRegisteredModels: read('GET', '/api/2.0/mlflow/registered-models/search'),
  getRegisteredModel: read('GET', '/api/2.0/mlflow/registered-models/get'),
  createRegisteredModel: write('POST', '/api/2.0/mlflow/registered-models/create'),
  updateRegisteredModel: write('PATCH', '/api/2.0/mlflow/registered-models/update'),
  searchModelVersions: read('GET', '/api/2.0/mlflow/model-versions/search'),
  getModelVersion: read('GET', '/api/2.0/mlflow/model-versions/get'),
  createModelVersion: write('POST', '/api/2.0/mlflow/model-versions/create'),
  updateModelVersion: write('PATCH', '/api/2.0/mlflow/model-versions/update'),
  getModelVersionByAlias: read('GET', '/api/2.0/mlflow/registered-models/alias'),
  setRegisteredModelAlias: write('POST', '/api/2.0/mlflow/registered-models/alias'),
  deleteRegisteredModelAlias: write('DELETE', '/api/2.0/mlflow/registered-models/alias'),
  listProxiedArtifacts: read('GET', '/api/2.0/mlflow-artifacts/artifacts'),
  /** Followed by `/<artifact path>`: the proxy serving `mlflow-artifacts:` roots. */
  downloadProxiedArtifact: read('GET', '/api/2.0/mlflow-artifacts/artifacts'),
  /** The tracking server's UI route for any other artifact root (`?path=&run_uuid=`). */
  getArtifact: read('GET', '/get-artifact'),
} as const satisfies Record<string, Endpoint>;

/** The name of one of {@link ENDPOINTS}. */
export type EndpointName = keyof typeof ENDPOINTS;
