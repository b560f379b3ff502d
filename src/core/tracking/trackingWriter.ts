import type { ReadOptions } from './trackingStore';

/**
 * The few changes the explorer makes to runs and experiments. Only the REST store implements it:
 * local stores are read-only (the UI offers to start a server on them instead).
 */
export interface TrackingWriter {
  renameRun(runId: string, name: string, options?: ReadOptions): Promise<void>;
  setRunTag(runId: string, key: string, value: string, options?: ReadOptions): Promise<void>;
  deleteRunTag(runId: string, key: string, options?: ReadOptions): Promise<void>;
  /** Set a run's Markdown note (the `mlflow.note.content` tag, as the MLflow UI does). */
  setRunNote(runId: string, markdown: string, options?: ReadOptions): Promise<void>;
  /** Set an experiment's description (its `mlflow.note.content` tag). */
  setExperimentNote(experimentId: string, markdown: string, options?: ReadOptions): Promise<void>;
  /** Set one tag of an experiment (its kind is the `mlflow.experimentKind` tag). */
  setExperimentTag(experimentId: string, key: string, value: string, options?: ReadOptions): Promise<void>;
  deleteRun(runId: string, options?: ReadOptions): Promise<void>;
  restoreRun(runId: string, options?: ReadOptions): Promise<void>;
}
