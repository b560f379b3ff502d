import type { ReadOptions } from '../tracking/trackingStore';
import type { ModelVersion } from './entities/modelVersion';

/** What registering a model version needs: the model name and where its files are. */
export interface RegisterModelVersionRequest {
  readonly name: string;
  /** The model's artifact URI, e.g. `runs:/<run_id>/model` or `mlflow-artifacts:/…/model`. */
  readonly source: string;
  readonly runId?: string;
  readonly description?: string;
}

/** Registry changes the extension makes; implemented over REST only. */
export interface RegistryWriter {
  setAlias(name: string, alias: string, version: string, options?: ReadOptions): Promise<void>;
  deleteAlias(name: string, alias: string, options?: ReadOptions): Promise<void>;
  updateRegisteredModelDescription(name: string, description: string, options?: ReadOptions): Promise<void>;
  updateModelVersionDescription(
    name: string,
    version: string,
    description: string,
    options?: ReadOptions,
  ): Promise<void>;
  /** Creates the registered model first when the name is new, as MLflow's `register_model` does. */
  registerModelVersion(request: RegisterModelVersionRequest, options?: ReadOptions): Promise<ModelVersion>;
}
