import { optArray } from '../common/jsonFields';
import type { Page } from '../common/paging';
import { StoreError } from '../common/storeError';
import { ENDPOINTS } from '../tracking/rest/endpoints';
import type { Query, RestClient } from '../tracking/rest/restClient';
import { token } from '../tracking/rest/restTrackingStore';
import type { ReadOptions } from '../tracking/trackingStore';
import { parseModelVersion, type ModelVersion } from './entities/modelVersion';
import { parseRegisteredModel, type RegisteredModel } from './entities/registeredModel';
import type {
  RegistryStore,
  SearchModelVersionsRequest,
  SearchRegisteredModelsRequest,
} from './registryStore';
import type { RegisterModelVersionRequest, RegistryWriter } from './registryWriter';

/** {@link RegistryStore} over an MLflow server's model registry REST API. */
export class RestRegistryStore implements RegistryStore, RegistryWriter {
  constructor(private readonly client: RestClient) {}

  async searchRegisteredModels(r: SearchRegisteredModelsRequest): Promise<Page<RegisteredModel>> {
    const json = await this.client.call(ENDPOINTS.searchRegisteredModels, {
      query: searchQuery(r),
      signal: r.signal,
    });
    return { items: optArray(json, 'registered_models', parseRegisteredModel), nextPageToken: token(json) };
  }

  async getRegisteredModel(name: string, o: ReadOptions = {}): Promise<RegisteredModel> {
    const json = await this.client.call(ENDPOINTS.getRegisteredModel, {
      query: [['name', name]],
      signal: o.signal,
    });
    return parseRegisteredModel(json.registered_model);
  }

  async searchModelVersions(r: SearchModelVersionsRequest): Promise<Page<ModelVersion>> {
    const json = await this.client.call(ENDPOINTS.searchModelVersions, {
      query: searchQuery(r),
      signal: r.signal,
    });
    return { items: optArray(json, 'model_versions', parseModelVersion), nextPageToken: token(json) };
  }

  async getModelVersion(name: string, version: string, o: ReadOptions = {}): Promise<ModelVersion> {
    const json = await this.client.call(ENDPOINTS.getModelVersion, {
      query: [
        ['name', name],
        ['version', version],
      ],
      signal: o.signal,
    });
    return parseModelVersion(json.model_version);
  }

  async getModelVersionByAlias(name: string, alias: string, o: ReadOptions = {}): Promise<ModelVersion> {
    const json = await this.client.call(ENDPOINTS.getModelVersionByAlias, {
      query: [
        ['name', name],
        ['alias', alias],
      ],
      signal: o.signal,
    });
    return parseModelVersion(json.model_version);
  }

  async setAlias(name: string, alias: string, version: string, o: ReadOptions = {}): Promise<void> {
    await this.client.call(ENDPOINTS.setRegisteredModelAlias, {
      body: { name, alias, version },
      signal: o.signal,
    });
  }

  async deleteAlias(name: string, alias: string, o: ReadOptions = {}): Promise<void> {
    await this.client.call(ENDPOINTS.deleteRegisteredModelAlias, { body: { name, alias }, signal: o.signal });
  }

  async updateRegisteredModelDescription(
    name: string,
    description: string,
    o: ReadOptions = {},
  ): Promise<void> {
    await this.client.call(ENDPOINTS.updateRegisteredModel, {
      body: { name, description },
      signal: o.signal,
    });
  }

  async updateModelVersionDescription(
    name: string,
    version: string,
    description: string,
    o: ReadOptions = {},
  ): Promise<void> {
    await this.client.call(ENDPOINTS.updateModelVersion, {
      body: { name, version, description },
      signal: o.signal,
    });
  }

  /**
   * Create an empty registered model. Resolves true when it was created and false when a model of
   * that name already exists (MLflow answers `RESOURCE_ALREADY_EXISTS`); other errors are thrown.
   */
  async createRegisteredModel(name: string, o: ReadOptions = {}): Promise<boolean> {
    try {
      await this.client.call(ENDPOINTS.createRegisteredModel, { body: { name }, signal: o.signal });
      return true;
    } catch (err: unknown) {
      if (StoreError.is(err, 'api') && err.errorCode === 'RESOURCE_ALREADY_EXISTS') {
        return false;
      }
      throw err;
    }
  }

  /**
   * Register a model as MLflow's `register_model` does: create the registered model first (a new
   * name has none yet, and `model-versions/create` fails for an unknown name), then add a version.
   */
  async registerModelVersion(r: RegisterModelVersionRequest, o: ReadOptions = {}): Promise<ModelVersion> {
    await this.createRegisteredModel(r.name, o);
    const json = await this.client.call(ENDPOINTS.createModelVersion, {
      body: { name: r.name, source: r.source, run_id: r.runId, description: r.description },
      signal: o.signal,
    });
    return parseModelVersion(json.model_version);
  }
}

function searchQuery(r: SearchRegisteredModelsRequest | SearchModelVersionsRequest): Query {
  return [
    ['max_results', r.maxResults],
    ['page_token', r.pageToken],
    ['filter', r.filter],
    ...(r.orderBy ?? []).map((o) => ['order_by', o] as const),
  ];
}
