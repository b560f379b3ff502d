import * as path from 'node:path';
import { pageOf } from '../common/offsetPageToken';
import type { Page } from '../common/paging';
import { StoreError } from '../common/storeError';
import { metaInt, metaText, readMeta } from '../tracking/file/readMeta';
import { readKeyValueDir, subfolders } from '../tracking/file/readKeyValueDir';
import { searchEntities } from '../tracking/search/searchEntities';
import type { ModelVersion } from './entities/modelVersion';
import type { ModelAlias, RegisteredModel } from './entities/registeredModel';
import { fileStorePromptScope } from './promptScope';
import { latestVersions, modelVersionValue } from './registrySearch';
import type {
  RegistryStore,
  SearchModelVersionsRequest,
  SearchRegisteredModelsRequest,
} from './registryStore';

const DELETED_STAGE = 'Deleted_Internal';

/**
 * {@link RegistryStore} over `mlruns/models/` (the file store's registry), read-only. Unlike a
 * SQL-backed server, the file store reports aliases on every version, search results included.
 */
export class FileRegistryStore implements RegistryStore {
  constructor(private readonly mlrunsRoot: string) {}

  async searchRegisteredModels(r: SearchRegisteredModelsRequest): Promise<Page<RegisteredModel>> {
    const scope = fileStorePromptScope(r.filter);
    const models = (await this.models()).filter((m) => scope.keep(m.tags));
    const found = searchEntities(models, r.filter, r.orderBy, {
      valueOf: (m, type, key) =>
        type === 'tags' ? m.tags.find((t) => t.key === key)?.value : key === 'name' ? m.name : undefined,
      tieBreakers: [{ type: 'attributes', key: 'name', ascending: true }],
    });
    return pageOf(found, r.maxResults ?? 100, r.pageToken, 1000);
  }

  async getRegisteredModel(name: string): Promise<RegisteredModel> {
    const m = (await this.models()).find((x) => x.name === name);
    if (m === undefined) {
      throw new StoreError('api', `Registered Model with name=${name} not found`, {
        errorCode: 'RESOURCE_DOES_NOT_EXIST',
        status: 404,
      });
    }
    return m;
  }

  async searchModelVersions(r: SearchModelVersionsRequest): Promise<Page<ModelVersion>> {
    const all: ModelVersion[] = [];
    for (const name of await subfolders(this.modelsDir())) {
      all.push(...(await this.versions(name)));
    }
    const scope = fileStorePromptScope(r.filter);
    const found = searchEntities(
      all.filter((v) => scope.keep(v.tags)),
      r.filter,
      r.orderBy,
      {
        valueOf: modelVersionValue,
        tieBreakers: [
          { type: 'attributes', key: 'last_updated_timestamp', ascending: false },
          { type: 'attributes', key: 'name', ascending: true },
          { type: 'attributes', key: 'version_number', ascending: false },
        ],
      },
    );
    return pageOf(found, r.maxResults ?? 10_000, r.pageToken, 200_000);
  }

  async getModelVersion(name: string, version: string): Promise<ModelVersion> {
    const v = (await this.versions(name)).find((x) => x.version === version);
    if (v === undefined) {
      throw new StoreError('api', `Model Version (name=${name}, version=${version}) not found`, {
        errorCode: 'RESOURCE_DOES_NOT_EXIST',
        status: 404,
      });
    }
    return v;
  }

  async getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion> {
    const target = (await this.aliases(name)).find((a) => a.alias === alias);
    if (target === undefined) {
      throw new StoreError('api', `Registered model alias ${alias} not found.`, {
        errorCode: 'INVALID_PARAMETER_VALUE',
        status: 400,
      });
    }
    return this.getModelVersion(name, target.version);
  }

  private modelsDir(): string {
    return path.join(this.mlrunsRoot, 'models');
  }

  /** Model names come from folder listings, so they cannot escape `models/`; reject any that would. */
  private modelDir(name: string): string | undefined {
    return name === '' || name === '.' || name === '..' || /[\\/]/.test(name)
      ? undefined
      : path.join(this.modelsDir(), name);
  }

  private async aliases(name: string): Promise<ModelAlias[]> {
    const dir = this.modelDir(name);
    if (dir === undefined) {
      return [];
    }
    return (await readKeyValueDir(path.join(dir, 'aliases'))).map(([alias, version]) => ({
      alias,
      version: version.trim(),
    }));
  }

  private async versions(name: string): Promise<ModelVersion[]> {
    const dir = this.modelDir(name);
    if (dir === undefined) {
      return [];
    }
    const aliases = await this.aliases(name);
    const out: ModelVersion[] = [];
    for (const folder of (await subfolders(dir)).filter((f) => /^version-\d+$/.test(f))) {
      const meta = await readMeta(path.join(dir, folder, 'meta.yaml'));
      const version = meta === undefined ? undefined : metaText(meta, 'version');
      if (meta === undefined || version === undefined || metaText(meta, 'current_stage') === DELETED_STAGE) {
        continue;
      }
      out.push({
        name: metaText(meta, 'name') ?? name,
        version,
        creationTimestamp: metaInt(meta, 'creation_timestamp'),
        lastUpdatedTimestamp: metaInt(meta, 'last_updated_timestamp'),
        currentStage: metaText(meta, 'current_stage'),
        description: metaText(meta, 'description'),
        userId: metaText(meta, 'user_id'),
        source: metaText(meta, 'source'),
        runId: metaText(meta, 'run_id'),
        status: metaText(meta, 'status'),
        statusMessage: metaText(meta, 'status_message'),
        runLink: metaText(meta, 'run_link'),
        tags: (await readKeyValueDir(path.join(dir, folder, 'tags'))).map(([key, value]) => ({ key, value })),
        aliases: aliases.filter((a) => a.version === version).map((a) => a.alias),
      });
    }
    return out.sort((a, b) => Number(a.version) - Number(b.version));
  }

  private async models(): Promise<RegisteredModel[]> {
    const out: RegisteredModel[] = [];
    for (const folder of await subfolders(this.modelsDir())) {
      const dir = path.join(this.modelsDir(), folder);
      const meta = await readMeta(path.join(dir, 'meta.yaml'));
      if (meta === undefined) {
        continue;
      }
      const name = metaText(meta, 'name') ?? folder;
      out.push({
        name,
        creationTimestamp: metaInt(meta, 'creation_timestamp'),
        lastUpdatedTimestamp: metaInt(meta, 'last_updated_timestamp'),
        description: metaText(meta, 'description'),
        latestVersions: latestVersions(await this.versions(folder), true),
        tags: (await readKeyValueDir(path.join(dir, 'tags'))).map(([key, value]) => ({ key, value })),
        aliases: await this.aliases(folder),
      });
    }
    return out;
  }
}
