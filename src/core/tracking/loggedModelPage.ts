import type { Page } from '../common/paging';
import { StoreError } from '../common/storeError';
import type { LoggedModel } from './entities/loggedModel';
import type { SearchLoggedModelsRequest } from './trackingStore';

/** MLflow's default `logged-models/search` page (its stores set no upper limit). */
const DEFAULT_PAGE = 100;

/** The filter MLflow's client sends for a run's models; the REST store sends the same. */
export function sourceRunFilter(runId: string): string {
  return `source_run_id = '${runId}'`;
}

function invalid(message: string): StoreError {
  return new StoreError('api', message, { errorCode: 'INVALID_PARAMETER_VALUE', status: 400 });
}

/**
 * One page of logged models for the local stores, with the page token MLflow's stores make for
 * this search (base64 of `{"experiment_ids": […], "filter_string": …, "order_by": null,
 * "offset": N}`, Python's `json.dumps` spacing), so a local store pages like the server would,
 * token included. A token from another search is refused as MLflow refuses it.
 */
export function loggedModelPage(
  all: readonly LoggedModel[],
  r: SearchLoggedModelsRequest,
): Page<LoggedModel> {
  const maxResults = r.maxResults ?? DEFAULT_PAGE;
  if (!Number.isSafeInteger(maxResults) || maxResults < 1) {
    throw invalid(`Invalid value ${maxResults} for parameter 'max_results' supplied.`);
  }
  const filter = r.sourceRunId === undefined ? null : sourceRunFilter(r.sourceRunId);
  const encode = (offset: number): string =>
    Buffer.from(
      `{"experiment_ids": [${r.experimentIds.map((id) => JSON.stringify(id)).join(', ')}], "filter_string": ${JSON.stringify(filter)}, "order_by": null, "offset": ${offset}}`,
      'utf8',
    ).toString('base64');
  let offset = 0;
  if (r.pageToken !== undefined && r.pageToken !== '') {
    let token: unknown;
    try {
      token = JSON.parse(Buffer.from(r.pageToken, 'base64').toString('utf8'));
    } catch {
      throw invalid(`Invalid page token: ${r.pageToken}.`);
    }
    const t = (typeof token === 'object' && token !== null ? token : {}) as Record<string, unknown>;
    if (JSON.stringify(t.experiment_ids) !== JSON.stringify(r.experimentIds)) {
      throw invalid('Experiment IDs in the page token do not match the requested experiment IDs.');
    }
    if ((t.filter_string ?? null) !== filter) {
      throw invalid('Filter string in the page token does not match the requested filter string.');
    }
    offset = typeof t.offset === 'number' && Number.isSafeInteger(t.offset) && t.offset >= 0 ? t.offset : 0;
  }
  const end = offset + maxResults;
  return { items: all.slice(offset, end), nextPageToken: end < all.length ? encode(end) : undefined };
}
