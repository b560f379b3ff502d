// Test support: compare what a store put on the wire with what was recorded. Not product code.
import * as assert from 'node:assert/strict';
import type { RecordedExchange } from './recordedExchange';
import type { ReceivedRequest } from './scriptedServer';

/** Query pairs sorted by key (stable within a key), values as strings. */
export function normaliseQuery(
  q: ReadonlyArray<readonly [string, string | number]>,
): Array<[string, string]> {
  return q
    .map(([k, v]): [string, string] => [k, String(v)])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Assert the received request has the recorded method, path, query (order of keys aside) and JSON body. */
export function assertSameRequest(got: ReceivedRequest | undefined, want: RecordedExchange['request']): void {
  assert.ok(got, 'the store sent no request');
  assert.equal(got.method, want.method);
  assert.equal(got.path, want.path);
  assert.deepEqual(normaliseQuery(got.query), normaliseQuery(want.query));
  if (want.body === null) {
    assert.equal(got.body, '');
  } else {
    assert.deepEqual(JSON.parse(got.body), want.body);
  }
}
