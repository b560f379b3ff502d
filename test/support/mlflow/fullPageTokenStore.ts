// TEST DOUBLE support — not MLflow. Wraps a tracking store so that `searchRuns` pages the way
// MLflow 2.x's SQL store does (seen on real 2.8.0 and 2.17.2: 7 runs asked 7 at a time answer 7
// runs and a next-page token, and that token's page is empty): a token with every full page, the
// last one included. MLflow 3.x and the local stores give a token only when more runs follow.
import { decodeOffsetToken, encodeOffsetToken } from '../../../src/core/common/offsetPageToken';
import type { TrackingStore } from '../../../src/core/tracking/trackingStore';

/**
 * `tracking` with 2.x-style run paging; every other call goes to `tracking` itself (through the
 * prototype, so methods added to TrackingStore later pass through too). `kind` may be overridden:
 * the explorer fetches ahead only for REST stores.
 */
export function fullPageTokenStore(
  tracking: TrackingStore,
  kind: TrackingStore['kind'] = tracking.kind,
): TrackingStore {
  const searchRuns: TrackingStore['searchRuns'] = async (r) => {
    const page = await tracking.searchRuns(r);
    const max = r.maxResults ?? 1000;
    const full = page.nextPageToken === undefined && page.items.length === max;
    return full ? { ...page, nextPageToken: encodeOffsetToken(decodeOffsetToken(r.pageToken) + max) } : page;
  };
  return Object.create(tracking, {
    kind: { value: kind },
    searchRuns: { value: searchRuns },
  }) as TrackingStore;
}
