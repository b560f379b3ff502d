import { pageOf } from '../common/offsetPageToken';
import type { Page } from '../common/paging';
import { StoreError } from '../common/storeError';
import type { Tag } from '../tracking/entities/tag';
import { searchEntities } from '../tracking/search/searchEntities';
import { int, text, type SqlRow, type SqliteDatabase } from '../tracking/sqlite/sqliteDatabase';
import { inWorkspace } from '../tracking/sqlite/sqliteWorkspaces';
import type { ModelVersion } from './entities/modelVersion';
import type { ModelAlias, RegisteredModel } from './entities/registeredModel';
import { sqlStorePromptScope } from './promptScope';
import { latestVersions, modelVersionValue } from './registrySearch';
import type {
  RegistryStore,
  SearchModelVersionsRequest,
  SearchRegisteredModelsRequest,
} from './registryStore';

/** MLflow marks deleted versions with this stage instead of removing the row. */
const DELETED_STAGE = 'Deleted_Internal';

/** {@link RegistryStore} over the registry tables of an MLflow `mlflow.db`, read-only. */
export class SqliteRegistryStore implements RegistryStore {
  constructor(
    private readonly db: SqliteDatabase,
    /** The MLflow workspace whose models to show (3.10+ stores); default `default`, as the server. */
    private readonly workspace?: string,
  ) {}

  searchRegisteredModels(r: SearchRegisteredModelsRequest): Promise<Page<RegisteredModel>> {
    const scope = sqlStorePromptScope(r.filter, 'attributes');
    const models = this.models().filter((m) => scope.keep(m.tags));
    const found = searchEntities(models, r.filter, r.orderBy, {
      bareType: 'attributes',
      valueOf: (m, type, key) =>
        type === 'tags' ? m.tags.find((t) => t.key === key)?.value : key === 'name' ? m.name : undefined,
      tieBreakers: [{ type: 'attributes', key: 'name', ascending: true }],
      matches: (_, c) => (scope.ignores(c) ? true : undefined),
    });
    return Promise.resolve(pageOf(found, r.maxResults ?? 100, r.pageToken, 1000));
  }

  getRegisteredModel(name: string): Promise<RegisteredModel> {
    const m = this.models().find((x) => x.name === name);
    return m === undefined
      ? Promise.reject(notFound(`Registered Model with name=${name} not found`))
      : Promise.resolve(m);
  }

  searchModelVersions(r: SearchModelVersionsRequest): Promise<Page<ModelVersion>> {
    // Search results carry no aliases, as the server's do.
    const scope = sqlStorePromptScope(r.filter, 'attributes');
    const all = this.versions(false).filter((v) => v.currentStage !== DELETED_STAGE && scope.keep(v.tags));
    const found = searchEntities(all, r.filter, r.orderBy, {
      bareType: 'attributes',
      valueOf: modelVersionValue,
      matches: (_, c) => (scope.ignores(c) ? true : undefined),
      tieBreakers: [
        { type: 'attributes', key: 'last_updated_timestamp', ascending: false },
        { type: 'attributes', key: 'name', ascending: true },
        { type: 'attributes', key: 'version_number', ascending: false },
      ],
    });
    return Promise.resolve(pageOf(found, r.maxResults ?? 10_000, r.pageToken, 200_000));
  }

  getModelVersion(name: string, version: string): Promise<ModelVersion> {
    const v = this.versions(true).find(
      (x) => x.name === name && x.version === version && x.currentStage !== DELETED_STAGE,
    );
    return v === undefined
      ? Promise.reject(notFound(`Model Version (name=${name}, version=${version}) not found`))
      : Promise.resolve(v);
  }

  getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion> {
    const target = this.aliases()
      .get(name)
      ?.find((a) => a.alias === alias);
    if (target === undefined) {
      // MLflow answers a missing alias with INVALID_PARAMETER_VALUE (400), not a 404.
      return Promise.reject(
        new StoreError('api', `Registered model alias ${alias} not found.`, {
          errorCode: 'INVALID_PARAMETER_VALUE',
          status: 400,
        }),
      );
    }
    return this.getModelVersion(name, target.version);
  }

  private aliases(): Map<string, ModelAlias[]> {
    const out = new Map<string, ModelAlias[]>();
    if (!this.db.hasTable('registered_model_aliases')) {
      return out;
    }
    for (const row of this.db.all('SELECT * FROM registered_model_aliases ORDER BY name, alias')) {
      const name = String(row.name);
      out.set(name, [...(out.get(name) ?? []), { alias: String(row.alias), version: String(row.version) }]);
    }
    return out;
  }

  private tags(table: string, keyOf: (row: SqlRow) => string): Map<string, Tag[]> {
    const out = new Map<string, Tag[]>();
    if (!this.db.hasTable(table)) {
      return out;
    }
    for (const row of this.db.all(`SELECT * FROM ${table} ORDER BY rowid`)) {
      const k = keyOf(row);
      out.set(k, [...(out.get(k) ?? []), { key: String(row.key), value: text(row.value) ?? '' }]);
    }
    return out;
  }

  private versions(withAliases: boolean): ModelVersion[] {
    if (!this.db.hasTable('model_versions')) {
      return [];
    }
    const tags = this.tags('model_version_tags', (r) => `${String(r.name)}\n${String(r.version)}`);
    const aliases = withAliases ? this.aliases() : new Map<string, ModelAlias[]>();
    const all = this.db.all('SELECT * FROM model_versions ORDER BY rowid');
    const rows = all.filter((row) => inWorkspace(row, this.workspace));
    return rows.map((row): ModelVersion => {
      const name = String(row.name);
      const version = String(row.version);
      return {
        name,
        version,
        creationTimestamp: int(row.creation_time),
        lastUpdatedTimestamp: int(row.last_updated_time),
        currentStage: text(row.current_stage),
        description: text(row.description),
        userId: text(row.user_id),
        source: text(row.source),
        runId: text(row.run_id),
        status: text(row.status),
        statusMessage: text(row.status_message),
        runLink: text(row.run_link),
        tags: tags.get(`${name}\n${version}`) ?? [],
        aliases: (aliases.get(name) ?? []).filter((a) => a.version === version).map((a) => a.alias),
      };
    });
  }

  private models(): RegisteredModel[] {
    if (!this.db.hasTable('registered_models')) {
      return [];
    }
    const tags = this.tags('registered_model_tags', (r) => String(r.name));
    const aliases = this.aliases();
    const versions = this.versions(false);
    const all = this.db.all('SELECT * FROM registered_models');
    const rows = all.filter((row) => inWorkspace(row, this.workspace));
    return rows.map((row): RegisteredModel => {
      const name = String(row.name);
      return {
        name,
        creationTimestamp: int(row.creation_time),
        lastUpdatedTimestamp: int(row.last_updated_time),
        description: text(row.description),
        latestVersions: latestVersions(
          versions.filter((v) => v.name === name && v.currentStage !== DELETED_STAGE),
        ),
        tags: tags.get(name) ?? [],
        aliases: aliases.get(name) ?? [],
      };
    });
  }
}

function notFound(message: string): StoreError {
  return new StoreError('api', message, { errorCode: 'RESOURCE_DOES_NOT_EXIST', status: 404 });
}
