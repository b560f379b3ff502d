import { StoreError } from './storeError';

/**
 * Page tokens for the local stores, in the shape MLflow's own stores use (base64 of
 * `{"offset": N}`), so a local store pages exactly like the server over the same data would.
 */
export function encodeOffsetToken(offset: number): string {
  return Buffer.from(`{"offset": ${offset}}`, 'utf8').toString('base64');
}

/** The offset inside a token made by {@link encodeOffsetToken}; 0 when there is no token. */
export function decodeOffsetToken(token: string | undefined): number {
  if (token === undefined || token === '') {
    return 0;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
  } catch {
    throw new StoreError('api', 'Invalid page token.', { errorCode: 'INVALID_PARAMETER_VALUE' });
  }
  const offset =
    typeof parsed === 'object' && parsed !== null && 'offset' in parsed ? parsed.offset : undefined;
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) {
    throw new StoreError('api', 'Invalid page token.', { errorCode: 'INVALID_PARAMETER_VALUE' });
  }
  return offset;
}

/**
 * Slice one page out of a full result list and make the token for the rest. `limit` is the largest
 * page the equivalent MLflow store accepts; beyond it the answer is the same
 * INVALID_PARAMETER_VALUE error a server gives.
 */
export function pageOf<T>(
  all: readonly T[],
  maxResults: number,
  token: string | undefined,
  limit = 50_000,
): { items: T[]; nextPageToken: string | undefined } {
  if (!Number.isSafeInteger(maxResults) || maxResults < 1 || maxResults > limit) {
    throw new StoreError(
      'api',
      `Invalid value ${maxResults} for parameter 'max_results' supplied. It must be at most ${limit}.`,
      {
        errorCode: 'INVALID_PARAMETER_VALUE',
        status: 400,
      },
    );
  }
  const offset = decodeOffsetToken(token);
  const end = offset + maxResults;
  return {
    items: all.slice(offset, end),
    nextPageToken: end < all.length ? encodeOffsetToken(end) : undefined,
  };
}
