// Test support: the MLflow 3.11.1 trace recordings, read in place from ../shared/fixtures (never
// copied) with their big integers exact, and a loopback server that replays them. Not product code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  isJsonArray,
  isJsonObject,
  parseLosslessJson,
  type LosslessJson,
} from '../../../src/core/traces/parse/losslessJson';
import { startScriptedServer, type ReceivedRequest, type ScriptedServer } from './scriptedServer';

/** The repository root, from this file's place in test/support/mlflow. */
const REPO_ROOT = path.resolve(__dirname, '../../..');

/** The full MLflow 3.11.1 recording (traces, stores, ids). */
export const SHARED_3 = path.resolve(REPO_ROOT, '../shared/fixtures/mlflow-3.11.1');

/** One recorded pair with its body as the exact text a server would send. */
export interface TraceExchange {
  readonly file: string;
  readonly method: string;
  readonly path: string;
  readonly query: ReadonlyArray<readonly [string, string]>;
  readonly body: LosslessJson | undefined;
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  /** The response body, read losslessly (undefined for text bodies). */
  readonly json: LosslessJson | undefined;
}

/** JSON text of a lossless value: big integers written back digit for digit. */
export function losslessStringify(v: LosslessJson): string {
  if (typeof v === 'bigint') {
    return v.toString();
  }
  if (v === null || typeof v !== 'object') {
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) {
    return `[${v.map(losslessStringify).join(',')}]`;
  }
  return `{${Object.entries(v)
    .map(([k, x]) => `${JSON.stringify(k)}:${losslessStringify(x)}`)
    .join(',')}}`;
}

function str(v: LosslessJson | undefined): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? v.toString() : '';
}

const loaded = new Map<string, TraceExchange[]>();

/** Every pair of `<folder>` (rest, rest-filestore, …), by file name; read once per run. */
export function loadTraceExchanges(folder: string): TraceExchange[] {
  const cached = loaded.get(folder);
  if (cached !== undefined) {
    return cached;
  }
  const dir = path.join(SHARED_3, folder);
  const all = fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}-.*\.json$/.test(f))
    .sort()
    .map((file): TraceExchange => {
      const raw = parseLosslessJson(fs.readFileSync(path.join(dir, file), 'utf8'));
      const req = isJsonObject(raw) && isJsonObject(raw.request) ? raw.request : {};
      const res = isJsonObject(raw) && isJsonObject(raw.response) ? raw.response : {};
      const query = Array.isArray(req.query)
        ? req.query.map(
            (q: LosslessJson) => [str(isJsonArray(q) ? q[0] : ''), str(isJsonArray(q) ? q[1] : '')] as const,
          )
        : [];
      const isJson = res.body_kind === 'json';
      const body = res.body ?? null;
      return {
        file,
        method: str(req.method),
        path: str(req.path),
        query,
        body: req.body === null ? undefined : req.body,
        status: Number(res.status),
        contentType: str(res.content_type),
        text: isJson ? losslessStringify(body) : str(body),
        json: isJson ? body : undefined,
      };
    });
  loaded.set(folder, all);
  return all;
}

/** The pair named by its number prefix (`057`). */
export function traceExchange(folder: string, prefix: string): TraceExchange {
  const found = loadTraceExchanges(folder).find((e) => e.file.startsWith(`${prefix}-`));
  if (found === undefined) {
    throw new Error(`No fixture ${prefix} in ${folder}`);
  }
  return found;
}

function sameQuery(
  a: ReadonlyArray<readonly [string, string]>,
  b: ReadonlyArray<readonly [string, string]>,
): boolean {
  const key = (q: ReadonlyArray<readonly [string, string]>): string =>
    JSON.stringify([...q].map(([k, v]) => `${k}=${v}`).sort());
  return key(a) === key(b);
}

function sameBody(recorded: LosslessJson | undefined, sent: string): boolean {
  if (recorded === undefined) {
    return sent === '';
  }
  if (sent === '') {
    return false;
  }
  const canon = (v: LosslessJson): string =>
    losslessStringify(
      isJsonObject(v)
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([, x]) => x !== null)
              .sort(([a], [b]) => (a < b ? -1 : 1)),
          )
        : v,
    );
  return canon(recorded) === canon(parseLosslessJson(sent));
}

/**
 * What the server would answer for one trace's info, for every trace a recorded search returned,
 * where that call itself was not recorded: `GET /api/3.0/mlflow/traces/<id>` → `{trace:{trace_info}}`
 * after a v3 search (the same TraceInfoV3, assessments included), `GET /api/2.0/mlflow/traces/<id>/info`
 * → `{trace_info}` after a v2 one. So a replayed client can read any trace it found.
 */
export function derivedInfoAnswers(exchanges: readonly TraceExchange[]): TraceExchange[] {
  const recorded = new Set(exchanges.filter((e) => e.method === 'GET').map((e) => e.path));
  const out = new Map<string, TraceExchange>();
  for (const e of exchanges) {
    const v3 = e.method === 'POST' && e.path === '/api/3.0/mlflow/traces/search';
    const v2 = e.method === 'GET' && e.path === '/api/2.0/mlflow/traces';
    if ((!v3 && !v2) || e.status !== 200) {
      continue;
    }
    const traces = isJsonObject(e.json) && isJsonArray(e.json.traces) ? e.json.traces : [];
    for (const t of traces) {
      const raw = isJsonObject(t) ? (v3 ? t.trace_id : t.request_id) : undefined;
      const id = typeof raw === 'string' ? raw : undefined;
      const p = v3 ? `/api/3.0/mlflow/traces/${id ?? ''}` : `/api/2.0/mlflow/traces/${id ?? ''}/info`;
      if (id !== undefined && !recorded.has(p) && !out.has(p)) {
        const json: LosslessJson = v3 ? { trace: { trace_info: t } } : { trace_info: t };
        out.set(p, {
          file: `derived-from-${e.file}`,
          method: 'GET',
          path: p,
          query: [],
          body: undefined,
          status: 200,
          contentType: 'application/json',
          text: losslessStringify(json),
          json,
        });
      }
    }
  }
  return [...out.values()];
}

/**
 * A loopback server answering every request with the recorded pair of the same method, path,
 * query and JSON body (null fields ignored), or Flask's HTML 404 when none was recorded, which is
 * what a real server says about a route it lacks.
 */
export async function startReplayServer(exchanges: readonly TraceExchange[]): Promise<ScriptedServer> {
  const server = await startScriptedServer();
  server.script((req: ReceivedRequest) => {
    const hit = exchanges.find(
      (e) =>
        e.method === req.method &&
        e.path === req.path &&
        sameQuery(e.query, req.query) &&
        sameBody(e.body, req.body),
    );
    return hit === undefined
      ? {
          status: 404,
          contentType: 'text/html; charset=utf-8',
          body: '<!doctype html><title>404 Not Found</title>',
        }
      : { status: hit.status, contentType: hit.contentType, body: hit.text };
  });
  return server;
}
