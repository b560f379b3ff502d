// TEST DOUBLE — not MLflow. A loopback HTTP server (127.0.0.1, ephemeral port) that speaks the
// subset of MLflow's REST API the extension reads, answering from our own SQLite store over a
// recorded mlflow.db. It lets UI and in-host tests browse real data in REST mode without Python.
// test/unit/core/tracking/mlflowTestServer.test.ts proves its answers equal the real server's recordings.
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { StoreError } from '../../../src/core/common/storeError';
import type { RegistryStore } from '../../../src/core/registry/registryStore';
import type { TrackingStore, ViewType } from '../../../src/core/tracking/trackingStore';
import { answerLoggedModelRoute, loggedModelFileRequest } from './loggedModelRoutes';
import { answerTraceRoute, type TestServerTraces } from './traceRoutes';
import type { OverlayWrites } from './writableOverlay';
import { decideWorkspace, type TestWorkspace } from './workspaceRouting';
import {
  artifactJson,
  experimentJson,
  metricJson,
  metricPointJson,
  modelVersionJson,
  registeredModelJson,
  runJson,
} from './toMlflowJson';

type Params = Readonly<Record<string, unknown>>;
type Handler = (p: Params) => Promise<Record<string, unknown>>;

/** Shapes of servers people run: behind a path prefix, demanding a token, accepting writes. */
export interface MlflowTestServerOptions {
  /** e.g. `/mlflow` (Azure ML and reverse proxies put MLflow below a prefix). */
  readonly pathPrefix?: string;
  /** When set, every request must carry `Authorization: Bearer <token>` (Databricks-style). */
  readonly bearerToken?: string;
  /** Accept the extension's writes into this in-memory overlay (see writableOverlay.ts). */
  readonly writes?: OverlayWrites;
  /**
   * Serve MLflow 3's trace routes from this store (trace info, spans, assessments; see
   * traceRoutes.ts). Without it the server has no trace routes, as MLflow before 2.14.
   */
  readonly traces?: TestServerTraces;
  /** Serve https with this PEM certificate and key (Azure ML endpoints are https only). */
  readonly tls?: { readonly cert: string; readonly key: string };
  /**
   * Answer as a server started with `--enable-workspaces` (see workspaceRouting.ts): each
   * workspace with its own stores, chosen by X-MLFLOW-WORKSPACE (none: `default`). Without it the
   * server refuses the header with 500, as MLflow 3.11.1 does.
   */
  readonly workspaces?: readonly TestWorkspace[];
  /** Listen on this port (default: an ephemeral one), e.g. to restart "the same server" differently. */
  readonly port?: number;
  /**
   * Serve MLflow 3's logged-model routes (default). `false`: answer them as a 2.x server does
   * (Flask's HTML 404), for tests about what the extension says of an older server.
   */
  readonly loggedModels?: boolean;
}

/** One request the server got: what a test checks the header against. */
export interface ReceivedCall {
  readonly method: string;
  readonly path: string;
  /** The whole request target, query included (which artifact file a route was asked for). */
  readonly url: string;
  /** The X-MLFLOW-WORKSPACE header, when the request carried one. */
  readonly workspace: string | undefined;
}

/** A running test server. */
export interface MlflowTestServer {
  readonly baseUrl: string;
  /** Every request so far, in order. */
  readonly received: ReceivedCall[];
  close(): Promise<void>;
}

function str(p: Params, key: string): string | undefined {
  const v = p[key];
  const first: unknown = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string'
    ? first
    : typeof first === 'number' || typeof first === 'boolean'
      ? String(first)
      : undefined;
}

function num(p: Params, key: string): number | undefined {
  const v = str(p, key);
  return v === undefined ? undefined : Number(v);
}

function list(p: Params, key: string): string[] {
  const v = p[key];
  return v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x) => String(x as string | number));
}

function required(p: Params, key: string): string {
  const v = str(p, key);
  if (v === undefined || v === '') {
    throw new StoreError(
      'api',
      `Missing value for required parameter '${key}'. See the API docs for more information about request parameters.`,
      { errorCode: 'INVALID_PARAMETER_VALUE', status: 400 },
    );
  }
  return v;
}

function viewType(v: string | undefined): ViewType | undefined {
  return (
    ({ '1': 'ACTIVE_ONLY', '2': 'DELETED_ONLY', '3': 'ALL' } as Record<string, ViewType | undefined>)[
      v ?? ''
    ] ?? (v as ViewType | undefined)
  );
}

function withToken(body: Record<string, unknown>, token: string | undefined): Record<string, unknown> {
  return token === undefined ? body : { ...body, next_page_token: token };
}

function routes(t: TrackingStore, r: RegistryStore): Map<string, Handler> {
  const searchExperiments: Handler = async (p) => {
    const page = await t.searchExperiments({
      maxResults: num(p, 'max_results'),
      pageToken: str(p, 'page_token'),
      viewType: viewType(str(p, 'view_type')),
      filter: str(p, 'filter'),
      orderBy: list(p, 'order_by'),
    });
    return withToken(
      page.items.length === 0 ? {} : { experiments: page.items.map(experimentJson) },
      page.nextPageToken,
    );
  };
  const table: Array<[string, Handler]> = [
    ['GET experiments/search', searchExperiments],
    ['POST experiments/search', searchExperiments],
    [
      'GET experiments/get',
      async (p) => ({ experiment: experimentJson(await t.getExperiment(required(p, 'experiment_id'))) }),
    ],
    [
      'GET experiments/get-by-name',
      async (p) => {
        const name = required(p, 'experiment_name');
        const e = await t.getExperimentByName(name);
        if (e === undefined) {
          throw new StoreError('api', `Could not find experiment with name '${name}'`, {
            errorCode: 'RESOURCE_DOES_NOT_EXIST',
            status: 404,
          });
        }
        return { experiment: experimentJson(e) };
      },
    ],
    [
      'POST runs/search',
      async (p) => {
        const page = await t.searchRuns({
          experimentIds: list(p, 'experiment_ids'),
          filter: str(p, 'filter'),
          runViewType: viewType(str(p, 'run_view_type')),
          maxResults: num(p, 'max_results'),
          orderBy: list(p, 'order_by'),
          pageToken: str(p, 'page_token'),
        });
        return withToken(
          page.items.length === 0 ? {} : { runs: page.items.map(runJson) },
          page.nextPageToken,
        );
      },
    ],
    [
      'GET runs/get',
      async (p) => ({ run: runJson(await t.getRun(str(p, 'run_uuid') ?? required(p, 'run_id'))) }),
    ],
    [
      'GET metrics/get-history',
      async (p) => {
        const h = await t.getMetricHistory({
          runId: required(p, 'run_id'),
          metricKey: required(p, 'metric_key'),
        });
        return h.length === 0 ? {} : { metrics: h.map(metricJson) };
      },
    ],
    [
      'GET metrics/get-history-bulk-interval',
      async (p) => {
        const max = num(p, 'max_results') ?? 2500;
        if (max < 1 || max > 2500) {
          throw new StoreError('api', 'max_results must be between 1 and 2500.', {
            errorCode: 'INVALID_PARAMETER_VALUE',
            status: 400,
          });
        }
        const pts = await t.getSampledMetricHistory({
          runIds: list(p, 'run_ids'),
          metricKey: required(p, 'metric_key'),
          maxResults: max,
          startStep: num(p, 'start_step'),
          endStep: num(p, 'end_step'),
        });
        return pts.length === 0 ? {} : { metrics: pts.map(metricPointJson) };
      },
    ],
    [
      'GET artifacts/list',
      async (p) => {
        const l = await t.listArtifacts({ runId: required(p, 'run_id'), path: str(p, 'path') });
        return { root_uri: l.rootUri, ...(l.items.length === 0 ? {} : { files: l.items.map(artifactJson) }) };
      },
    ],
    [
      'GET registered-models/search',
      async (p) => {
        const page = await r.searchRegisteredModels({
          maxResults: num(p, 'max_results'),
          pageToken: str(p, 'page_token'),
          filter: str(p, 'filter'),
          orderBy: list(p, 'order_by'),
        });
        return withToken(
          page.items.length === 0 ? {} : { registered_models: page.items.map(registeredModelJson) },
          page.nextPageToken,
        );
      },
    ],
    [
      'GET registered-models/get',
      async (p) => ({
        registered_model: registeredModelJson(await r.getRegisteredModel(required(p, 'name'))),
      }),
    ],
    [
      'GET model-versions/search',
      async (p) => {
        const page = await r.searchModelVersions({
          maxResults: num(p, 'max_results'),
          pageToken: str(p, 'page_token'),
          filter: str(p, 'filter'),
          orderBy: list(p, 'order_by'),
        });
        return withToken(
          page.items.length === 0 ? {} : { model_versions: page.items.map(modelVersionJson) },
          page.nextPageToken,
        );
      },
    ],
    [
      'GET model-versions/get',
      async (p) => ({
        model_version: modelVersionJson(await r.getModelVersion(required(p, 'name'), required(p, 'version'))),
      }),
    ],
    [
      'GET registered-models/alias',
      async (p) => ({
        model_version: modelVersionJson(
          await r.getModelVersionByAlias(required(p, 'name'), required(p, 'alias')),
        ),
      }),
    ],
  ];
  return new Map(table);
}

/** `[{key, value}]` as MLflow sends tags and params; anything else is ignored. */
function keyValues(v: unknown): Array<{ key: string; value: string }> {
  return (Array.isArray(v) ? v : []).flatMap((x: unknown) => {
    const o = x as { key?: unknown; value?: unknown } | null;
    return typeof o?.key === 'string'
      ? [{ key: o.key, value: typeof o.value === 'string' ? o.value : JSON.stringify(o.value ?? '') }]
      : [];
  });
}

function writeRoutes(w: OverlayWrites, t: TrackingStore): Array<[string, Handler]> {
  const ok = (): Promise<Record<string, unknown>> => Promise.resolve({});
  return [
    [
      'POST registered-models/alias',
      (p) => {
        w.setAlias(required(p, 'name'), required(p, 'alias'), required(p, 'version'));
        return ok();
      },
    ],
    [
      'DELETE registered-models/alias',
      (p) => {
        w.deleteAlias(required(p, 'name'), required(p, 'alias'));
        return ok();
      },
    ],
    [
      'POST runs/update',
      async (p) => {
        const id = str(p, 'run_uuid') ?? required(p, 'run_id');
        const name = str(p, 'run_name');
        if (name !== undefined) {
          w.renameRun(id, name);
        }
        const status = str(p, 'status');
        if (status !== undefined) {
          w.setRunStatus(id, status, num(p, 'end_time'));
        }
        return { run_info: (runJson(await t.getRun(id)) as { info: unknown }).info };
      },
    ],
    [
      'POST experiments/create',
      async (p) => {
        const name = required(p, 'name');
        if ((await t.getExperimentByName(name)) !== undefined) {
          throw new StoreError('api', `Experiment '${name}' already exists.`, {
            errorCode: 'RESOURCE_ALREADY_EXISTS',
            status: 400,
          });
        }
        return { experiment_id: w.createExperiment(name) };
      },
    ],
    [
      'POST runs/create',
      (p) => {
        const created = w.createRun(
          required(p, 'experiment_id'),
          num(p, 'start_time') ?? Date.now(),
          keyValues(p.tags),
          str(p, 'run_name'),
        );
        return Promise.resolve({ run: runJson(created) });
      },
    ],
    [
      'POST runs/log-batch',
      (p) => {
        w.logParams(required(p, 'run_id'), keyValues(p.params));
        return ok();
      },
    ],
    [
      'POST runs/set-tag',
      (p) => {
        w.setRunTag(str(p, 'run_uuid') ?? required(p, 'run_id'), required(p, 'key'), str(p, 'value') ?? '');
        return ok();
      },
    ],
    [
      'POST runs/delete-tag',
      (p) => {
        w.deleteRunTag(required(p, 'run_id'), required(p, 'key'));
        return ok();
      },
    ],
    [
      'POST experiments/set-experiment-tag',
      (p) => {
        w.setExperimentTag(required(p, 'experiment_id'), required(p, 'key'), str(p, 'value') ?? '');
        return ok();
      },
    ],
    [
      'POST runs/delete',
      (p) => {
        w.setRunDeleted(required(p, 'run_id'), true);
        return ok();
      },
    ],
    [
      'POST runs/restore',
      (p) => {
        w.setRunDeleted(required(p, 'run_id'), false);
        return ok();
      },
    ],
  ];
}

/** A failure as MLflow words it: `{error_code, message}` with the status its code implies. */
function errorAnswer(err: unknown): { status: number; type: string; body: string } {
  const e = StoreError.is(err)
    ? err
    : new StoreError('api', err instanceof Error ? err.message : String(err), {
        errorCode: 'INTERNAL_ERROR',
        status: 500,
      });
  const status =
    e.status ??
    (e.errorCode === 'RESOURCE_DOES_NOT_EXIST' ? 404 : e.errorCode === 'INVALID_PARAMETER_VALUE' ? 400 : 500);
  return {
    status,
    type: 'application/json',
    body: JSON.stringify({ error_code: e.errorCode ?? 'INTERNAL_ERROR', message: e.message }),
  };
}

const HTML = (status: number, title: string): string =>
  `<!doctype html>\n<html lang=en>\n<title>${status} ${title}</title>\n<h1>${title}</h1>\n<p>This MLflow test double has no such route.</p>\n`;

/** Start the test server on 127.0.0.1 with an ephemeral port over the given stores. */
export async function startMlflowTestServer(
  tracking: TrackingStore,
  registry: RegistryStore,
  options: MlflowTestServerOptions = {},
): Promise<MlflowTestServer> {
  const table = routes(tracking, registry);
  for (const [key, handler] of options.writes === undefined ? [] : writeRoutes(options.writes, tracking)) {
    table.set(key, handler);
  }
  const workspaceTables = new Map(
    (options.workspaces ?? []).map((w) => [
      w.name,
      { table: routes(w.tracking, w.registry), tracking: w.tracking },
    ]),
  );
  const received: ReceivedCall[] = [];
  const prefix = (options.pathPrefix ?? '').replace(/\/+$/, '');
  const handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (
        options.bearerToken !== undefined &&
        req.headers.authorization !== `Bearer ${options.bearerToken}`
      ) {
        res.writeHead(401, { 'Content-Type': 'application/json' }).end(
          JSON.stringify({
            error_code: 'UNAUTHENTICATED',
            message: 'Credential was not sent or was of an unsupported type for this API.',
          }),
        );
        return;
      }
      const url = req.url ?? '/';
      const header = req.headers['x-mlflow-workspace'];
      const workspaceHeader = Array.isArray(header) ? header[0] : header;
      received.push({
        method: req.method ?? 'GET',
        path: url.split('?')[0] ?? url,
        url,
        workspace: workspaceHeader,
      });
      if (prefix !== '' && !url.startsWith(`${prefix}/`)) {
        res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' }).end(HTML(404, 'Not Found'));
        return;
      }
      const decision = decideWorkspace(
        options.workspaces,
        req.method ?? 'GET',
        new URL(url.slice(prefix.length), 'http://127.0.0.1').pathname,
        workspaceHeader,
      );
      if (decision.kind === 'answer') {
        res.writeHead(decision.status, { 'Content-Type': decision.type }).end(decision.body);
        return;
      }
      const scoped =
        decision.workspace === undefined ? undefined : workspaceTables.get(decision.workspace.name);
      const bytes = artifactBytes(url.slice(prefix.length), scoped?.tracking ?? tracking);
      if (bytes !== undefined) {
        void bytes.then(
          (b) => res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(b),
          (err: unknown) =>
            res.writeHead(404, { 'Content-Type': 'application/json' }).end(
              JSON.stringify({
                error_code: 'RESOURCE_DOES_NOT_EXIST',
                message: err instanceof Error ? err.message : String(err),
              }),
            ),
        );
        return;
      }
      void answer(
        req.method ?? 'GET',
        url.slice(prefix.length),
        Buffer.concat(chunks).toString('utf8'),
        scoped?.table ?? table,
        scoped?.tracking ?? tracking,
      ).then(({ status, type, body }) => {
        res.writeHead(status, { 'Content-Type': type }).end(body);
      });
    });
  };
  const server =
    options.tls === undefined
      ? http.createServer(handle)
      : https.createServer({ cert: options.tls.cert, key: options.tls.key }, handle);
  /**
   * Artifact downloads: the `mlflow-artifacts` proxy (`<exp>/<run>/artifacts/<path>`, and a logged
   * model's `<exp>/models/<m-id>/artifacts/<path>`), `/get-artifact` and the logged-model file route.
   */
  function artifactBytes(rawUrl: string, store: TrackingStore): Promise<Uint8Array> | undefined {
    const url = new URL(rawUrl, 'http://127.0.0.1');
    // A logged model's files sit under its experiment (`<exp>/models/<m-id>/artifacts/…`).
    const model =
      /^\/api\/2\.0\/mlflow-artifacts\/artifacts\/[^/]+\/models\/(m-[0-9a-f]{32})\/artifacts\/(.+)$/.exec(
        url.pathname,
      );
    if (model !== null) {
      return store.readLoggedModelArtifact({
        modelId: model[1] ?? '',
        path: (model[2] ?? '').split('/').map(decodeURIComponent).join('/'),
      });
    }
    const proxied = /^\/api\/2\.0\/mlflow-artifacts\/artifacts\/[^/]+\/([^/]+)\/artifacts\/(.+)$/.exec(
      url.pathname,
    );
    if (proxied !== null) {
      return store.readArtifact({
        runId: decodeURIComponent(proxied[1] ?? ''),
        path: (proxied[2] ?? '').split('/').map(decodeURIComponent).join('/'),
      });
    }
    const loggedModelFile = loggedModelFileRequest(url);
    if (loggedModelFile !== undefined) {
      return store.readLoggedModelArtifact(loggedModelFile);
    }
    if (url.pathname === '/get-artifact') {
      return store.readArtifact({
        runId: url.searchParams.get('run_uuid') ?? '',
        path: url.searchParams.get('path') ?? '',
      });
    }
    return undefined;
  }
  async function answer(
    method: string,
    rawUrl: string,
    body: string,
    table: Map<string, Handler>,
    store: TrackingStore,
  ): Promise<{ status: number; type: string; body: string }> {
    const url = new URL(rawUrl, 'http://127.0.0.1');
    if (options.traces !== undefined) {
      try {
        const traced = await answerTraceRoute(options.traces, method, url, body);
        if (traced !== undefined) {
          return traced;
        }
      } catch (err: unknown) {
        return errorAnswer(err);
      }
    }
    try {
      const logged =
        options.loggedModels === false ? undefined : await answerLoggedModelRoute(store, method, url, body);
      if (logged !== undefined) {
        return logged;
      }
    } catch (err: unknown) {
      return errorAnswer(err);
    }
    const route = /^\/(?:ajax-)?api\/2\.0\/mlflow\/(.+)$/.exec(url.pathname)?.[1];
    const handler = route === undefined ? undefined : table.get(`${method} ${route}`);
    if (route === undefined || handler === undefined) {
      const known =
        route !== undefined && ['GET', 'POST', 'DELETE', 'PATCH'].some((m) => table.has(`${m} ${route}`));
      return {
        status: known ? 405 : 404,
        type: 'text/html; charset=utf-8',
        body: known ? HTML(405, 'Method Not Allowed') : HTML(404, 'Not Found'),
      };
    }
    const params: Record<string, unknown> = {};
    for (const key of new Set(url.searchParams.keys())) {
      params[key] = url.searchParams.getAll(key);
    }
    try {
      Object.assign(params, method === 'GET' || body === '' ? {} : (JSON.parse(body) as Params));
      return { status: 200, type: 'application/json', body: JSON.stringify(await handler(params)) };
    } catch (err: unknown) {
      return errorAnswer(err);
    }
  }
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  return {
    received,
    baseUrl: `${options.tls === undefined ? 'http' : 'https'}://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
