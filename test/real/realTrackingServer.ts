// A real `mlflow server` over a SQLite store, started from a real MLflow venv, for the
// real-MLflow tier and for the bench's listing figures against a real server.
import * as path from 'node:path';
import { freePort } from '../harness/codeServer';
import { getStatus, Group, waitFor } from './processGroup';

export interface RealServerOptions {
  readonly dbFile: string;
  readonly artifacts: string;
  /** The child's whole environment: the venv's bin/ must be on its PATH (MLflow starts gunicorn/uvicorn by name). */
  readonly env: NodeJS.ProcessEnv;
  readonly logFile: string;
  readonly cwd: string;
  /** Omitted: MLflow's own default, as a user who types `mlflow server` gets. */
  readonly workers?: number;
  readonly timeoutMs: number;
}

export interface RealServer {
  readonly group: Group;
  readonly uri: string;
}

/** Start the server and resolve once `/health` answers 200 (rejects with the log's tail when it exits or times out). */
export async function startRealTrackingServer(
  venv: { readonly python: string },
  o: RealServerOptions,
): Promise<RealServer> {
  const port = await freePort();
  const uri = `http://127.0.0.1:${String(port)}`;
  const workers = o.workers === undefined ? [] : ['--workers', String(o.workers)];
  const group = Group.start(
    venv.python,
    [
      '-m',
      'mlflow',
      'server',
      '--backend-store-uri',
      `sqlite:///${path.resolve(o.dbFile)}`,
      '--artifacts-destination',
      o.artifacts,
      '--serve-artifacts',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      ...workers,
    ],
    // MLflow 3's job runner (huey consumers: half a dozen more processes) is not used here
    { ...o.env, MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false' },
    o.logFile,
    o.cwd,
  );
  try {
    await waitFor(
      'the tracking server',
      group,
      async () => (await getStatus(`${uri}/health`, 5000)) === 200,
      o.timeoutMs,
    );
  } catch (err) {
    await group.stop();
    throw err;
  }
  return { group, uri };
}
