import * as os from 'node:os';
import * as path from 'node:path';
import { openTraceStore } from '../../core/stores/openTraceStore';
import type { TraceStore } from '../../core/traces/traceStore';
import { resolveCredentials } from '../../core/tracking/rest/hostCredentials';
import { loadCredentialsFile } from '../../core/tracking/rest/loadCredentialsFile';
import type { StoreSession } from '../connection';
import { httpSettings } from '../shared/config';

/**
 * A trace store for the session's active connection, owned by whoever asked (a trace panel
 * disposes it on close). Interim: the store session does not expose a trace store yet, so this
 * opens one for its target with the same sqlite and HTTP settings; REST credentials come from
 * MLflow's env vars and ~/.mlflow/credentials (not the ones typed into SecretStorage).
 */
export function openSessionTraces(session: StoreSession, extensionPath: string): Promise<TraceStore> {
  const state = session.state;
  if (state.status !== 'ready') {
    return Promise.reject(
      new Error(state.status === 'none' ? 'No MLflow tracking server is configured.' : state.problem),
    );
  }
  const http = httpSettings();
  return openTraceStore(state.target, {
    rest: {
      credentials: async () => resolveCredentials(process.env, await loadCredentialsFile(os.homedir())),
      timeoutMs: http.timeoutMs,
      maxRetries: http.maxRetries,
    },
    sqlJs: { locateFile: (file) => path.join(extensionPath, 'dist', file) },
    databricks: { env: process.env, homeDir: os.homedir() },
  });
}
