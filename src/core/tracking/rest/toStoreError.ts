import { isAxiosError } from 'axios';
import { StoreError } from '../../common/storeError';
import { describeTlsProblem } from './tlsProblem';

/**
 * Map a transport failure (no HTTP answer) to a {@link StoreError}. The axios error itself is not
 * kept as `cause`: its `config.headers` would carry the Authorization header into logs.
 */
export function toStoreError(err: unknown, request: string, timeoutMs: number): StoreError {
  if (StoreError.is(err)) {
    return err;
  }
  if (!isAxiosError(err)) {
    return new StoreError(
      'network',
      `${request} failed: ${err instanceof Error ? err.message : String(err)}`,
      { request },
    );
  }
  const code = err.code ?? '';
  if (code === 'ERR_CANCELED') {
    return new StoreError('cancelled', 'The request was cancelled.', { request });
  }
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
    return new StoreError(
      'timeout',
      `${request} got no answer within ${String(Math.round(timeoutMs / 100) / 10)} s.`,
      { request },
    );
  }
  if (/maxContentLength/i.test(err.message)) {
    return new StoreError('too-large', `${request} answered more data than the configured limit.`, {
      request,
    });
  }
  if (code === 'ECONNREFUSED') {
    return new StoreError(
      'network',
      `Connection refused: nothing is listening at the tracking server address (${request}).`,
      { request },
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new StoreError('network', `The tracking server's host name could not be resolved (${request}).`, {
      request,
    });
  }
  const tls = describeTlsProblem(code, err.message);
  if (tls !== undefined) {
    return new StoreError('tls', tls, { request });
  }
  return new StoreError('network', `${request} failed: ${code || err.message}`, { request });
}
