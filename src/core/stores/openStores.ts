import * as path from 'node:path';
import { loadDatabricksConnection, type DatabricksEnv } from '../connection/databricksConfig';
import type { TrackingTarget } from '../connection/trackingUri';
import { StoreError } from '../common/storeError';
import { FileRegistryStore } from '../registry/fileRegistryStore';
import type { RegistryStore } from '../registry/registryStore';
import { RestRegistryStore } from '../registry/restRegistryStore';
import { SqliteRegistryStore } from '../registry/sqliteRegistryStore';
import { FileTrackingStore } from '../tracking/file/fileTrackingStore';
import { RestClient, type RestClientOptions } from '../tracking/rest/restClient';
import { RestTrackingStore } from '../tracking/rest/restTrackingStore';
import { SqliteDatabase, type SqlJsLoadOptions } from '../tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../tracking/sqlite/sqliteTrackingStore';
import type { TrackingStore } from '../tracking/trackingStore';

/** A tracking store and the registry beside it, for one tracking URI. */
export interface Stores {
  readonly tracking: TrackingStore;
  readonly registry: RegistryStore;
  /** Present for REST stores only: the same objects, typed with their write methods. */
  readonly rest?: { readonly tracking: RestTrackingStore; readonly registry: RestRegistryStore };
  dispose(): void;
}

/** How to open stores: REST client settings, and how local stores find sql.js and artifacts. */
export interface OpenStoresOptions {
  readonly rest?: Omit<RestClientOptions, 'baseUrl'>;
  readonly sqlJs?: SqlJsLoadOptions;
  /** Where `mlflow-artifacts:/` URIs of a local store point; default `mlartifacts/` beside the store. */
  readonly artifactsDestination?: string;
  /** Where Databricks settings come from (`DATABRICKS_*` and the home folder of `~/.databrickscfg`). */
  readonly databricks?: { readonly env: DatabricksEnv; readonly homeDir: string };
  /**
   * The MLflow workspace a local `mlflow.db` is read in (3.10+; default `default`, as the server).
   * REST stores take theirs as `rest.workspace`, set only once server-info said workspaces are on.
   */
  readonly workspace?: string;
}

/**
 * The REST client for a remote target: http(s) and Azure ML at their base URL, Databricks at the
 * workspace host its profile names, with the profile's token when `options.rest.credentials`
 * supplies none (what the user typed wins over the config file).
 */
export async function openRestClient(
  target: Extract<TrackingTarget, { kind: 'rest' | 'azureml' | 'databricks' }>,
  options: OpenStoresOptions = {},
): Promise<RestClient> {
  if (target.kind !== 'databricks') {
    return new RestClient({ ...options.rest, baseUrl: target.baseUrl });
  }
  const source = options.databricks ?? { env: {}, homeDir: '' };
  const resolved = await loadDatabricksConnection(target.profile, source.env, source.homeDir);
  if (!resolved.ok) {
    throw new StoreError('unsupported', resolved.error);
  }
  const { host, token } = resolved.connection;
  const typed = options.rest?.credentials;
  return new RestClient({
    ...options.rest,
    baseUrl: host,
    credentials: async () =>
      (await typed?.()) ?? (token === undefined ? undefined : { kind: 'bearer', token }),
  });
}

/**
 * Open the stores for a parsed tracking URI (see `parseTrackingUri`): REST for http(s), Azure ML
 * and Databricks (see {@link openRestClient}), SQLite for `sqlite:`, the file store for `file:`
 * and plain paths. A Databricks profile that cannot be resolved is an `unsupported` error.
 */
export async function openStores(target: TrackingTarget, options: OpenStoresOptions = {}): Promise<Stores> {
  switch (target.kind) {
    case 'rest':
    case 'azureml':
    case 'databricks': {
      const client = await openRestClient(target, options);
      const rest = { tracking: new RestTrackingStore(client), registry: new RestRegistryStore(client) };
      return { ...rest, rest, dispose: () => undefined };
    }
    case 'sqlite': {
      const db = await SqliteDatabase.open(target.path, options.sqlJs);
      const tracking = new SqliteTrackingStore(db, {
        artifactsDestination:
          options.artifactsDestination ?? path.join(path.dirname(target.path), 'mlartifacts'),
        workspace: options.workspace,
      });
      return {
        tracking,
        registry: new SqliteRegistryStore(db, options.workspace),
        dispose: () => {
          tracking.dispose();
        },
      };
    }
    case 'file': {
      const tracking = new FileTrackingStore(target.path, {
        artifactsDestination:
          options.artifactsDestination ?? path.join(path.dirname(target.path), 'mlartifacts'),
      });
      return { tracking, registry: new FileRegistryStore(target.path), dispose: () => undefined };
    }
  }
}
