// TEST DOUBLE — not MLflow. The trace routes of the loopback test server (mlflowTestServer.ts),
// served only when it is given a trace store: one trace's info (`GET /api/3.0/mlflow/traces/{id}`),
// its spans through the UI's `get-trace-artifact` (MLflow span JSON, as the real server answers it),
// and the assessment routes (GET one; POST create and PATCH update when writes are accepted). There
// is no `traces/get` (OTLP spans): the client then reads spans the way it does on servers without it.
// test/unit/support/traceRoutes.test.ts replays the real 3.11.1 server's recorded answers against it.
import * as os from 'node:os';
import * as path from 'node:path';
import { StoreError } from '../../../src/core/common/storeError';
import type { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTraceStore } from '../../../src/core/traces/sqlite/sqliteTraceStore';
import type { TraceInfo } from '../../../src/core/traces/entities/traceInfo';
import type { TraceStore } from '../../../src/core/traces/traceStore';
import type { AssessmentOverlay } from './assessmentOverlay';
import { assessmentJson, traceInfoV3Json } from './traceJson';

/** What the test server needs to answer trace routes. */
export interface TestServerTraces {
  readonly store: TraceStore;
  /** A trace's spans as MLflow span JSON text (`{"spans": [...]}`), as `get-trace-artifact` sends it. */
  readonly spansJson: (traceId: string) => Promise<string>;
  /** Accept assessment writes into this in-memory overlay. */
  readonly writes?: AssessmentOverlay;
}

export interface RouteAnswer {
  readonly status: number;
  readonly type: string;
  readonly body: string;
}

const json = (body: unknown): RouteAnswer => ({
  status: 200,
  type: 'application/json',
  body: JSON.stringify(body),
});

/** Ids the real server routes elsewhere (`traces/get`, `traces/search`…), not trace ids here. */
const OTHER_ROUTES = new Set(['get', 'search', 'batchGet', 'batchGetInfos']);

/**
 * The answer to a trace route, or undefined when the request is not one (the caller then answers
 * as for any unknown route). Errors are thrown as StoreErrors for the caller to word as MLflow does.
 */
export async function answerTraceRoute(
  t: TestServerTraces,
  method: string,
  url: URL,
  body: string,
): Promise<RouteAnswer | undefined> {
  if (method === 'GET' && /^\/ajax-api\/[23]\.0\/mlflow\/get-trace-artifact$/.test(url.pathname)) {
    const id = url.searchParams.get('request_id') ?? '';
    await t.store.getTraceInfo(id);
    return { status: 200, type: 'text/plain; charset=utf-8', body: await t.spansJson(id) };
  }
  const m = /^\/(?:ajax-)?api\/3\.0\/mlflow\/traces\/([^/]+)(?:\/assessments(?:\/([^/]+))?)?$/.exec(
    url.pathname,
  );
  const traceId = decodeURIComponent(m?.[1] ?? '');
  if (m === null || OTHER_ROUTES.has(traceId)) {
    return undefined;
  }
  const assessments = url.pathname.includes('/assessments');
  const assessmentId = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
  const info = async (): Promise<TraceInfo> => {
    const i = await t.store.getTraceInfo(traceId);
    return t.writes === undefined ? i : t.writes.apply(i);
  };
  if (!assessments) {
    return method === 'GET' ? json({ trace: { trace_info: traceInfoV3Json(await info()) } }) : undefined;
  }
  if (method === 'GET' && assessmentId !== undefined) {
    const found = (await info()).assessments.find((a) => a.assessmentId === assessmentId);
    if (found === undefined) {
      throw new StoreError('api', `Assessment with ID '${assessmentId}' not found for trace '${traceId}'`, {
        errorCode: 'RESOURCE_DOES_NOT_EXIST',
        status: 404,
      });
    }
    return json({ assessment: assessmentJson(found) });
  }
  if (t.writes === undefined || !(method === 'POST' ? assessmentId === undefined : method === 'PATCH')) {
    return undefined;
  }
  const request = (body === '' ? {} : JSON.parse(body)) as Readonly<Record<string, unknown>>;
  if (method === 'PATCH') {
    return json({
      assessment: assessmentJson(
        t.writes.update(await info(), assessmentId ?? '', request.assessment, updateMask(request)),
      ),
    });
  }
  const trace = await info().catch((err: unknown) => {
    // The real sqlite server lets the insert fail on its foreign key (rest-added/012).
    throw StoreError.isNotFound(err)
      ? new StoreError('api', '(sqlite3.IntegrityError) FOREIGN KEY constraint failed', {
          errorCode: 'BAD_REQUEST',
          status: 400,
        })
      : err;
  });
  return json({ assessment: assessmentJson(t.writes.create(trace, request.assessment)) });
}

/** An UpdateAssessment's field mask: proto JSON writes it as one comma-joined string. */
function updateMask(request: Readonly<Record<string, unknown>>): string[] {
  const mask = typeof request.update_mask === 'string' ? request.update_mask.split(',').filter(Boolean) : [];
  if (mask.length === 0) {
    throw new StoreError('api', "Missing value for required parameter 'update_mask'.", {
      errorCode: 'INVALID_PARAMETER_VALUE',
      status: 400,
    });
  }
  return mask;
}

/** Trace routes over a recorded `mlflow.db`: the SQLite trace store, and span JSON from `spans.content`. */
export function sqliteServerTraces(db: SqliteDatabase, writes?: AssessmentOverlay): TestServerTraces {
  return {
    store: new SqliteTraceStore(db, { artifactsDestination: path.join(os.tmpdir(), 'no-trace-artifacts') }),
    spansJson: (traceId) =>
      Promise.resolve(
        `{"spans": [${db
          .all('SELECT content FROM spans WHERE trace_id = ?', [traceId])
          .map((r) => String(r.content))
          .join(', ')}]}`,
      ),
    writes,
  };
}
