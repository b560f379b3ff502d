import type { Page, PageRequest } from '../common/paging';
import type { ReadOptions } from '../tracking/trackingStore';
import type { ModelVersion } from './entities/modelVersion';
import type { RegisteredModel } from './entities/registeredModel';

/** Arguments of {@link RegistryStore.searchRegisteredModels}. */
export interface SearchRegisteredModelsRequest extends PageRequest {
  /** MLflow's filter grammar over `name` and `tags.<key>`. */
  readonly filter?: string;
  readonly orderBy?: readonly string[];
}

/** Arguments of {@link RegistryStore.searchModelVersions}. */
export interface SearchModelVersionsRequest extends PageRequest {
  /** MLflow's filter grammar over `name`, `version_number`, `run_id`, `source_path` and tags. */
  readonly filter?: string;
  readonly orderBy?: readonly string[];
}

/**
 * Read access to the model registry, mirroring MLflow's registry `AbstractStore`
 * (`mlflow/store/model_registry/abstract_store.py`).
 */
export interface RegistryStore {
  searchRegisteredModels(request: SearchRegisteredModelsRequest): Promise<Page<RegisteredModel>>;
  getRegisteredModel(name: string, options?: ReadOptions): Promise<RegisteredModel>;
  searchModelVersions(request: SearchModelVersionsRequest): Promise<Page<ModelVersion>>;
  getModelVersion(name: string, version: string, options?: ReadOptions): Promise<ModelVersion>;
  getModelVersionByAlias(name: string, alias: string, options?: ReadOptions): Promise<ModelVersion>;
}
