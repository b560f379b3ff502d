// Test support for the trace store contract tests: what the recorded MLflow 3.11.1 server
// answered, as entities, so every store can be held to it. Not product code.
import * as assert from 'node:assert/strict';
import type { Page } from '../../../../src/core/common/paging';
import { StoreError } from '../../../../src/core/common/storeError';
import { sortSpans, type Span } from '../../../../src/core/traces/entities/span';
import type { Trace } from '../../../../src/core/traces/entities/trace';
import type { TraceInfo } from '../../../../src/core/traces/entities/traceInfo';
import { isJsonArray, isJsonObject, type LosslessJson } from '../../../../src/core/traces/parse/losslessJson';
import { parseOtlpSpan } from '../../../../src/core/traces/parse/parseOtlpSpan';
import { parseTraceInfoV3 } from '../../../../src/core/traces/parse/parseTraceInfo';
import { isNoTraces, type NoTraces, type SearchTracesRequest } from '../../../../src/core/traces/traceStore';
import type { TraceExchange } from '../../../support/mlflow/traceFixtures';

/** `json.a.b…`, or undefined. */
export function at(json: LosslessJson | undefined, ...keys: string[]): LosslessJson | undefined {
  let cur = json;
  for (const k of keys) {
    cur = isJsonObject(cur) ? cur[k] : undefined;
  }
  return cur;
}

function list(v: LosslessJson | undefined): readonly LosslessJson[] {
  return isJsonArray(v) ? v : [];
}

/** A recorded `traces/search` answer as a page of entities. */
export function recordedPage(e: TraceExchange): Page<TraceInfo> {
  const token = at(e.json, 'next_page_token');
  return {
    items: list(at(e.json, 'traces')).map((t) => parseTraceInfoV3(t)),
    nextPageToken: typeof token === 'string' && token !== '' ? token : undefined,
  };
}

/** A recorded `{trace_info, spans}` (traces/get, batchGet) as a trace. */
export function recordedTrace(raw: LosslessJson | undefined): Trace {
  return {
    info: parseTraceInfoV3(at(raw, 'trace_info')),
    spans: sortSpans(list(at(raw, 'spans')).map((s): Span => parseOtlpSpan(s))),
  };
}

/** The search request a recorded `traces/search` body made, for one experiment. */
export function requestOf(e: TraceExchange, experimentId?: string): SearchTracesRequest {
  const body = e.body;
  const location = list(at(body, 'locations'))[0];
  const str = (v: LosslessJson | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
  const maxResults = at(body, 'max_results');
  return {
    experimentId: experimentId ?? str(at(location, 'mlflow_experiment', 'experiment_id')) ?? '',
    filter: str(at(body, 'filter')),
    orderBy:
      at(body, 'order_by') === undefined
        ? undefined
        : list(at(body, 'order_by')).flatMap((o) => (typeof o === 'string' ? [o] : [])),
    maxResults: typeof maxResults === 'number' ? maxResults : undefined,
    pageToken: str(at(body, 'page_token')),
  };
}

/** A page, not the typed "no traces" answer. */
export function page(result: Page<TraceInfo> | NoTraces): Page<TraceInfo> {
  assert.ok(!isNoTraces(result), 'expected a page of traces');
  return result;
}

/** The INVALID_PARAMETER_VALUE refusal a store gives a filter it cannot evaluate. */
export function isRefusal(err: unknown): boolean {
  return StoreError.is(err) && err.errorCode === 'INVALID_PARAMETER_VALUE';
}

/** Recorded single-experiment searches that answered 200. */
export function recordedSearches(exchanges: readonly TraceExchange[]): TraceExchange[] {
  return exchanges.filter(
    (e) =>
      e.method === 'POST' &&
      /\/3\.0\/mlflow\/traces\/search$/.test(e.path) &&
      e.status === 200 &&
      list(at(e.body, 'locations')).length === 1,
  );
}

/** Recorded `traces/get` answers: the trace id asked and the trace answered. */
export function recordedFullTraces(
  exchanges: readonly TraceExchange[],
): Array<{ file: string; trace: Trace }> {
  return exchanges
    .filter((e) => /\/3\.0\/mlflow\/traces\/get$/.test(e.path) && e.status === 200)
    .map((e) => ({ file: e.file, trace: recordedTrace(at(e.json, 'trace')) }));
}
