import { StoreError } from '../../common/storeError';

/**
 * True when an error says the server lacks the route, not that the thing asked for is missing:
 * Flask's HTML 404/405 (MLflow before the route existed), ENDPOINT_NOT_FOUND, a 501
 * NOT_IMPLEMENTED (3.x's file store for `traces/get` and the batch routes), or a 404/405 with no
 * MLflow error code (Azure ML and proxies that know no such path). A JSON 404
 * RESOURCE_DOES_NOT_EXIST is a real "not found" and stays one.
 */
export function isMissingRoute(err: unknown): boolean {
  if (!StoreError.is(err)) {
    return false;
  }
  if (err.errorCode === 'ENDPOINT_NOT_FOUND' || err.errorCode === 'NOT_IMPLEMENTED' || err.status === 501) {
    return true;
  }
  return (
    (err.status === 404 || err.status === 405) && (err.kind === 'not-mlflow' || err.errorCode === undefined)
  );
}
