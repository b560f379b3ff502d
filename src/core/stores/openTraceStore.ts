import * as path from 'node:path';
import type { TrackingTarget } from '../connection/trackingUri';
import { SqliteDatabase } from '../tracking/sqlite/sqliteDatabase';
import { FileTraceStore } from '../traces/file/fileTraceStore';
import { RestTraceStore } from '../traces/rest/restTraceStore';
import { SqliteTraceStore } from '../traces/sqlite/sqliteTraceStore';
import type { TraceStore } from '../traces/traceStore';
import { openRestClient, type OpenStoresOptions } from './openStores';

/**
 * The trace store for a parsed tracking URI, beside (not inside) {@link openStores}' tracking and
 * registry stores, so nothing that opens those changes: REST (http(s), Azure ML, Databricks,
 * through the same client settings), `mlflow.db` for `sqlite:` (a database handle of its own,
 * closed on dispose), the file store for `file:` and plain paths. `mlflow-artifacts:` trace
 * locations resolve under `mlartifacts/` beside the store unless told otherwise, as runs' do.
 */
export async function openTraceStore(
  target: TrackingTarget,
  options: OpenStoresOptions = {},
): Promise<TraceStore> {
  switch (target.kind) {
    case 'rest':
    case 'azureml':
    case 'databricks':
      return new RestTraceStore(await openRestClient(target, options));
    case 'sqlite': {
      const db = await SqliteDatabase.open(target.path, options.sqlJs);
      return new SqliteTraceStore(db, {
        artifactsDestination:
          options.artifactsDestination ?? path.join(path.dirname(target.path), 'mlartifacts'),
        ownsDatabase: true,
      });
    }
    case 'file':
      return new FileTraceStore(target.path, {
        artifactsDestination:
          options.artifactsDestination ?? path.join(path.dirname(target.path), 'mlartifacts'),
      });
  }
}
