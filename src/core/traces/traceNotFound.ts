import { StoreError } from '../common/storeError';

/** The answer MLflow gives for an unknown trace id. */
export function traceNotFound(traceId: string): StoreError {
  return new StoreError('api', `Trace with ID '${traceId}' not found.`, {
    errorCode: 'RESOURCE_DOES_NOT_EXIST',
    status: 404,
  });
}
