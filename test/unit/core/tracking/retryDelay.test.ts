import * as assert from 'node:assert/strict';
import { parseRetryAfter, retryDelay } from '../../../../src/core/tracking/rest/retryDelay';

describe('retryDelay', () => {
  it('honours Retry-After in seconds and as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('3', now), 3000);
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now), 5000);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(retryDelay(0, '2', 100, 60_000, now), 2000);
  });

  it('gives up (undefined) when the server asks for longer than the cap', () => {
    assert.equal(retryDelay(0, '120', 100, 60_000), undefined);
  });

  it('backs off exponentially with jitter inside [ceiling/2, ceiling], capped', () => {
    assert.equal(
      retryDelay(0, undefined, 100, 60_000, 0, () => 0),
      50,
    );
    assert.equal(
      retryDelay(3, undefined, 100, 60_000, 0, () => 1),
      800,
    );
    assert.equal(
      retryDelay(20, undefined, 100, 1000, 0, () => 1),
      1000,
    );
  });
});
