import * as assert from 'node:assert/strict';
import { sleep, toAbortSignal, type CancellationLike } from '../../../../src/core/common/cancellation';
import { StoreError } from '../../../../src/core/common/storeError';

function token(): CancellationLike & { cancel(): void } {
  const listeners: Array<() => void> = [];
  let cancelled = false;
  return {
    get isCancellationRequested() {
      return cancelled;
    },
    onCancellationRequested(l: () => void) {
      listeners.push(l);
      return { dispose: () => undefined };
    },
    cancel() {
      cancelled = true;
      listeners.forEach((l) => {
        l();
      });
    },
  };
}

describe('cancellation', () => {
  it('turns a cancellation token into an AbortSignal', () => {
    const t = token();
    const signal = toAbortSignal(t);
    assert.equal(signal.aborted, false);
    t.cancel();
    assert.equal(signal.aborted, true);
  });

  it('sleep rejects as cancelled when the signal fires', async () => {
    const c = new AbortController();
    const p = sleep(10_000, c.signal);
    c.abort();
    await assert.rejects(p, (err: unknown) => StoreError.is(err, 'cancelled'));
  });
});
